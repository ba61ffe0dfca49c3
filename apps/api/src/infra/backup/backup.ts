import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { readTar, TarWriter } from './tar';

/** The first entry of every backup. */
export const MANIFEST = 'heimo-backup.json';
const DATABASE_ENTRY = 'database/pglite-datadir.tar.gz';
const DATA_PREFIX = 'data/';
const FORMAT = 'heimo-backup';

export interface BackupManifest {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly createdAt: string;
  /** `embedded`: the PGlite database is in the archive; `external`: DATABASE_URL's is not (pg_dump it). */
  readonly database: 'embedded' | 'external';
  /** Files of the data folder in the archive (relative paths). */
  readonly files: number;
}

/**
 * What of the data folder a backup holds: everything but the embedded database's live files (its
 * own dump goes in instead), temporary uploads and the lock. So: `auth-secret` (without it the
 * secrets stored encrypted, such as two-step keys, cannot be read), `media/`, `outbox/`,
 * `click-journal/` (clicks not in Redis yet) and the private Redis's append-only files (`redis/`,
 * queued and scheduled jobs).
 */
export function keptInBackup(relativePath: string): boolean {
  const parts = relativePath.split(sep);
  const top = parts[0] ?? '';
  if (top === 'pg' || top === 'tmp' || top.startsWith('heimo.lock')) return false;
  return !parts.includes('.tmp') && !relativePath.endsWith('.part');
}

async function listFiles(root: string, under = root): Promise<string[]> {
  if (!existsSync(under)) return [];
  const files: string[] = [];
  for (const entry of await readdir(under, { withFileTypes: true })) {
    const path = join(under, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else if (entry.isFile()) files.push(relative(root, path));
  }
  return files.sort();
}

/**
 * Writes a backup of `dataDir` (and of the embedded database in `dataDir/pg`, when `embedded`) to
 * `file`, a gzip'd tar: the manifest, PGlite's own dump of its data directory (`dumpDataDir`), and the
 * data folder's files under `data/`. Nothing may run on the folder meanwhile (the caller holds its lock):
 * the embedded database is one process's files, so it is consistent only when that process is stopped.
 */
export async function writeBackup(
  dataDir: string,
  file: string,
  embedded: boolean,
): Promise<{ manifest: BackupManifest; bytes: number }> {
  const root = resolve(dataDir);
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${file} exists already: choose a new file name`);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const files = (await listFiles(root)).filter(keptInBackup);
  const manifest: BackupManifest = {
    format: FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    database: embedded ? 'embedded' : 'external',
    files: files.length,
  };
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  try {
    const tar = new TarWriter(gzip);
    await tar.addBuffer(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    if (embedded) {
      if (!existsSync(join(root, 'pg', 'PG_VERSION')))
        throw new Error(`no embedded database in ${join(root, 'pg')}: nothing to back up there`);
      const db = await PGlite.create(join(root, 'pg'));
      try {
        const dump = await db.dumpDataDir('gzip');
        await tar.addBuffer(DATABASE_ENTRY, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await db.close();
      }
    }
    for (const name of files) {
      const path = join(root, name);
      const info = await stat(path);
      await tar.addFile(DATA_PREFIX + name.split(sep).join('/'), path, info.size, info.mtime);
    }
    await tar.finish();
    gzip.end();
    await written;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, target);
  return { manifest, bytes: (await stat(target)).size };
}

/**
 * Restores a backup into `dataDir`: reads it whole into a folder beside `dataDir` first (a broken or
 * foreign file changes nothing), loads the database dump into a new PGlite data directory and opens it
 * once, then moves what `dataDir` held (all but its lock) aside to `<dataDir>.before-restore-<time>`
 * and the restored files in. Returns the manifest and where the earlier files went.
 */
export async function restoreBackup(
  dataDir: string,
  file: string,
  embedded: boolean,
): Promise<{ manifest: BackupManifest; databaseRestored: boolean; movedAside: string | null }> {
  const root = resolve(dataDir);
  const source = resolve(file);
  if (!existsSync(source)) throw new Error(`${file} does not exist`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staging = join(dirname(root), `.${basename(root)}.restore-${stamp}`);
  await mkdir(join(staging, 'data'), { recursive: true });
  try {
    let manifest: BackupManifest | null = null;
    let dump: Buffer | null = null;
    let first = true;
    await pipeline(createReadStream(source), createGunzip(), async (input: AsyncIterable<Buffer>) => {
      await readTar(
        input,
        (entry) => {
          if (first && entry.name !== MANIFEST) throw new Error(`${file} is not a Heimo backup`);
          first = false;
          if (entry.name === MANIFEST || entry.name === DATABASE_ENTRY) return 'buffer';
          if (entry.name.startsWith(DATA_PREFIX)) {
            const name = entry.name.slice(DATA_PREFIX.length);
            return keptInBackup(name) ? join(staging, 'data', name) : null;
          }
          return null;
        },
        (entry, data) => {
          if (entry.name === MANIFEST) manifest = JSON.parse(data.toString('utf8')) as BackupManifest;
          else dump = data;
        },
      );
    });
    const found = manifest as BackupManifest | null;
    if (!found || found.format !== FORMAT || found.version !== 1)
      throw new Error(`${file} is not a Heimo backup this version reads`);
    const database = dump as Buffer | null;
    const databaseRestored = embedded && database !== null;
    if (databaseRestored) {
      const db = await PGlite.create(join(staging, 'data', 'pg'), { loadDataDir: new Blob([database]) });
      try {
        await db.query('SELECT 1');
      } finally {
        await db.close();
      }
    }
    // Swap: the folder's files aside (the lock stays), the restored ones in.
    await mkdir(root, { recursive: true });
    const current = (await readdir(root)).filter((name) => !name.startsWith('heimo.lock'));
    const keepDatabase = !databaseRestored;
    const leaving = current.filter((name) => !(keepDatabase && name === 'pg'));
    let movedAside: string | null = null;
    if (leaving.length) {
      movedAside = `${root}.before-restore-${stamp}`;
      await mkdir(movedAside, { recursive: true });
      for (const name of leaving) await rename(join(root, name), join(movedAside, name));
    }
    for (const name of await readdir(join(staging, 'data'))) {
      await rename(join(staging, 'data', name), join(root, name));
    }
    return { manifest: found, databaseRestored, movedAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
