import { mkdirSync } from 'node:fs';
import { type FileHandle, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../../../infra/process-alive';

const FILE = /^clicks-(\d+)-([0-9a-z]+)-(?:\d+|claimed-.+)\.jsonl$/;

/**
 * The durable fallback of the click pipeline while Redis is unreachable: an append-only file of
 * batches (one JSON line each) under `DATA_DIR/click-journal`, flushed to disk (fdatasync) after
 * every batch. When Redis is back the recorder replays it into the stream and deletes it; the
 * click ids make a replay that happens twice harmless.
 *
 * Each process writes files of its own (`clicks-<pid>-<start>-<n>.jsonl`). Files of a process that
 * no longer runs are orphans: whichever process replays next claims them by renaming them to a name
 * of its own (atomic, so two processes never both take one) and replays them too; a process that
 * writes to Redis looks for orphans every 30 s (`ClickShipper`'s sweep). A file's owner is alive
 * when a process with its pid runs on this host: the journal folder belongs to one host (one pid
 * namespace), like the rest of `DATA_DIR`. A file with this process's pid and another start is
 * from an earlier process that had the same pid (a container's pid 1 after a restart). Should a
 * dead owner's pid have been given to another process meanwhile, its files wait until that one ends.
 */
export class ClickJournal {
  private readonly stamp = Date.now().toString(36);
  private sequence = 0;
  private handle: FileHandle | null = null;
  private pending = false;

  constructor(readonly dir: string) {}

  /** True when this process may have journalled batches not yet replayed. */
  get hasPending(): boolean {
    return this.pending;
  }

  private currentName(): string {
    return `clicks-${process.pid}-${this.stamp}-${this.sequence}.jsonl`;
  }

  /** Appends one batch line and waits until it is on disk. */
  async append(line: string): Promise<void> {
    if (!this.handle) {
      mkdirSync(this.dir, { recursive: true });
      this.handle = await open(join(this.dir, this.currentName()), 'a');
    }
    this.pending = true;
    await this.handle.appendFile(`${line}\n`);
    await this.handle.datasync();
  }

  /**
   * Closes the file being written (new batches go to a new one) and hands over every batch of this
   * process and of dead processes, with the files to delete once they are safely elsewhere.
   */
  async takeAll(): Promise<{ lines: string[]; files: string[] }> {
    if (this.handle) {
      await this.handle.close();
      this.handle = null;
      this.sequence += 1;
    }
    this.pending = false;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return { lines: [], files: [] };
    }
    const files: string[] = [];
    for (const name of names) {
      const match = FILE.exec(name);
      if (!match) continue;
      const pid = Number(match[1]);
      const mine = pid === process.pid && match[2] === this.stamp;
      if (mine) {
        files.push(join(this.dir, name));
      } else if (pid === process.pid || !processAlive(pid)) {
        const claimed = join(this.dir, `clicks-${process.pid}-${this.stamp}-claimed-${name}`);
        try {
          await rename(join(this.dir, name), claimed);
          files.push(claimed);
        } catch {
          // Another process claimed it first.
        }
      }
    }
    const lines: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const line of text.split('\n')) if (line.trim() !== '') lines.push(line);
    }
    return { lines, files };
  }

  /** Deletes replayed files. */
  async remove(files: readonly string[]): Promise<void> {
    for (const file of files) await unlink(file).catch(() => undefined);
  }

  /** A replay failed: the files stay where they are and are taken again next time. */
  markPending(): void {
    this.pending = true;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}
