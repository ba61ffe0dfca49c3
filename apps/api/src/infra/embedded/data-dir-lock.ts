import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { processAlive } from '../process-alive';

/** Who holds a data folder: written as JSON in `<DATA_DIR>/heimo.lock`. */
export interface DataDirOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  readonly url: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: DataDirOwner,
  ) {
    super(
      `The data folder ${dir} is in use by another Heimo (pid ${owner.pid}${owner.hostname === hostname() ? '' : ` on ${owner.hostname}`}, started ${owner.startedAt}, at ${owner.url}). Stop that one first, or give this one another DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export const LOCK_FILE = 'heimo.lock';

function readOwner(file: string): DataDirOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<DataDirOwner>;
    return typeof owner.pid === 'number' ? (owner as DataDirOwner) : null;
  } catch {
    return null;
  }
}

/**
 * One process at a time on a data folder: the embedded database and the private Redis keep their
 * files there, and two of either on the same files would corrupt them. The lock file appears whole
 * or not at all (written aside, then hard-linked to its name, which fails when it exists). A lock
 * whose process no longer runs on this host is stale and taken over; the lock is removed when the
 * process exits, however it exits short of being killed.
 */
export function lockDataDir(dataDir: string, url: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const me: DataDirOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    url,
  };
  const aside = `${file}.${process.pid}`;
  writeFileSync(aside, `${JSON.stringify(me)}\n`);
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        linkSync(aside, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      const owner = readOwner(file);
      // Another host's process cannot be looked at: its lock holds.
      if (owner && owner.pid !== process.pid && (owner.hostname !== me.hostname || processAlive(owner.pid))) {
        throw new DataDirLockedError(dir, owner);
      }
      try {
        unlinkSync(file);
      } catch {
        // Another process took it over first: the next attempt sees its lock.
      }
    }
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      // Already gone.
    }
  }
  const release = () => {
    process.removeListener('exit', release);
    if (readOwner(file)?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { file, release };
}
