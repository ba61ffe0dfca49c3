import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * A minimal POSIX ustar writer and reader for regular files, enough for Heimo's backups (readable
 * with `tar tzf` too): names up to 255 bytes (prefix + name), no links, no extended headers.
 */
const BLOCK = 512;

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  const bytes = Buffer.byteLength(name);
  let prefix = '';
  let base = name;
  if (bytes > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (
      cut <= 0 ||
      Buffer.byteLength(name.slice(cut + 1)) > 100 ||
      Buffer.byteLength(name.slice(0, cut)) > 155
    )
      throw new Error(`tar: path too long for an archive: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  const block = Buffer.alloc(BLOCK);
  block.write(base, 0, 100, 'utf8');
  block.write(octal(0o600, 8), 100, 8, 'ascii');
  block.write(octal(0, 8), 108, 8, 'ascii');
  block.write(octal(0, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12, 'ascii');
  block.write('        ', 148, 8, 'ascii');
  block.write('0', 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return block;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes tar entries to `out` (ends it with the two zero blocks, then `end()`s nothing itself). */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await write(this.out, header(name, data.length, mtime));
    await write(this.out, data);
    await this.pad(data.length);
  }

  /** A file from the disk, streamed; `size` is its size when it was listed (it must not change). */
  async addFile(name: string, path: string, size: number, mtime: Date): Promise<void> {
    await write(this.out, header(name, size, mtime));
    let written = 0;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > size) throw new Error(`tar: ${path} grew while it was read`);
      await write(this.out, chunk);
    }
    if (written !== size) throw new Error(`tar: ${path} shrank while it was read`);
    await this.pad(size);
  }

  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(BLOCK * 2));
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await write(this.out, Buffer.alloc(BLOCK - rest));
  }
}

export interface TarEntry {
  readonly name: string;
  readonly size: number;
}

/**
 * Reads a tar stream; for each regular file `choose(entry)` says where to write it: a path (written
 * there, folders made), `'buffer'` (handed to `onBuffer`), or null (skipped). Names that climb out
 * (`..`, absolute) are refused.
 */
export async function readTar(
  input: AsyncIterable<Buffer>,
  choose: (entry: TarEntry) => string | 'buffer' | null,
  onBuffer: (entry: TarEntry, data: Buffer) => void = () => undefined,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let entry: TarEntry | null = null;
  let remaining = 0;
  let padding = 0;
  let sink: Writable | null = null;
  let collected: Buffer[] | null = null;
  let ended = false;
  const take = async (chunk: Buffer) => {
    if (sink) await write(sink, chunk);
    else if (collected) collected.push(chunk);
  };
  const close = async () => {
    if (sink) {
      const done = once(sink, 'close');
      sink.end();
      await done;
      sink = null;
    }
    if (collected && entry) onBuffer(entry, Buffer.concat(collected));
    collected = null;
    entry = null;
  };
  for await (const chunk of input) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (ended) break;
      if (entry) {
        if (remaining > 0) {
          if (!pending.length) break;
          const part = pending.subarray(0, Math.min(remaining, pending.length));
          pending = pending.subarray(part.length);
          remaining -= part.length;
          await take(part);
          if (remaining > 0) break;
        }
        if (pending.length < padding) break;
        pending = pending.subarray(padding);
        await close();
        continue;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((byte) => byte === 0)) {
        ended = true;
        break;
      }
      const text = (start: number, length: number) =>
        block
          .subarray(start, start + length)
          .toString('utf8')
          .replace(/\0.*$/s, '');
      const prefix = text(345, 155);
      const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
      const size = parseInt(text(124, 12).trim() || '0', 8);
      const type = text(156, 1) || '0';
      if (!Number.isFinite(size) || name.startsWith('/') || name.split('/').includes('..'))
        throw new Error(`tar: unsafe or broken entry "${name}"`);
      entry = { name, size };
      remaining = size;
      padding = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
      const target = type === '0' ? choose(entry) : null;
      if (target === 'buffer') collected = [];
      else if (target) {
        await mkdir(dirname(target), { recursive: true });
        sink = createWriteStream(target, { mode: 0o600 });
      }
      if (remaining === 0 && padding === 0) await close();
    }
  }
  if (entry || !ended) throw new Error('tar: the archive ends early (incomplete or not a Heimo backup)');
}
