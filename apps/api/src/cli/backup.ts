import 'reflect-metadata';
import { resolve } from 'node:path';
import { restoreBackup, writeBackup } from '../infra/backup/backup';
import { ConfigError, loadConfig } from '../infra/config/config';
import { DataDirLockedError, lockDataDir } from '../infra/embedded/data-dir-lock';

/** A command-line tool talks to its terminal, not to the log. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);

const USAGE = 'Usage: npm run backup -- <file>   |   npm run restore -- <file>';

/**
 * `backup <file>` and `restore <file>` of the data folder (DATA_DIR) and, on the embedded database,
 * of the database in it. Both take the data folder's lock: while Heimo runs on the folder they refuse,
 * naming the running process, because the embedded database is that process's open files and a copy
 * taken under it would not be consistent. With DATABASE_URL only the data folder is in the file: the
 * database is backed up with pg_dump (see the README).
 */
async function main(): Promise<number> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    complain(USAGE);
    return 2;
  }
  const config = loadConfig();
  const embedded = !config.DATABASE_URL;
  let lock;
  try {
    lock = lockDataDir(config.DATA_DIR, `npm run ${command}`);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    complain(
      `Heimo is running on ${resolve(config.DATA_DIR)} (pid ${error.owner.pid}, since ${error.owner.startedAt}). ` +
        `Stop it first (Ctrl-C, or SIGTERM), then ${command} again: the embedded database is that process's ` +
        `open files, so a copy taken while it runs would not be consistent.`,
    );
    return 75;
  }
  try {
    if (command === 'backup') {
      const { manifest, bytes } = await writeBackup(config.DATA_DIR, file, embedded);
      say(
        `Backed up ${embedded ? 'the embedded database and ' : ''}${manifest.files} files of ${resolve(config.DATA_DIR)} to ${resolve(file)} (${(bytes / 1024 / 1024).toFixed(1)} MiB).`,
      );
      if (!embedded)
        say(
          'The database at DATABASE_URL is not in it: back it up with pg_dump (README, "Operating Heimo").',
        );
      if (config.AUTH_SECRET)
        say(
          'AUTH_SECRET comes from the environment and is not in the file: keep it with the backup, or the secrets stored encrypted cannot be read after a restore.',
        );
      return 0;
    }
    const { manifest, databaseRestored, movedAside } = await restoreBackup(config.DATA_DIR, file, embedded);
    say(
      `Restored ${databaseRestored ? 'the embedded database and ' : ''}${manifest.files} files of the backup of ${manifest.createdAt} into ${resolve(config.DATA_DIR)}.`,
    );
    if (movedAside) say(`What the folder held before is in ${movedAside} (remove it when all is well).`);
    if (manifest.database === 'external' || !embedded)
      say(
        'The database at DATABASE_URL is not restored by this: use pg_restore (README, "Operating Heimo").',
      );
    return 0;
  } finally {
    lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) complain(`Configuration error: ${error.message}`);
    else
      complain(
        `${process.argv[2] ?? 'backup'} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    process.exit(1);
  },
);
