import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lockDataDir } from '../../apps/api/src/infra/embedded/data-dir-lock';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/api/apps/api/src/cli');

/**
 * `npm run backup` and `npm run restore` on the embedded database, through the built command-line
 * tools as an operator runs them: back up, change the data, restore, and the data is as it was.
 */
describe('backup and restore of the embedded database and the data folder', () => {
  let work: string;
  let dataDir: string;

  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(CLI, script), ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  /**
   * Statements on the embedded database (no Heimo running), in a process of its own (PGlite takes a
   * few seconds to open, so each call does several); the last one's rows.
   */
  const sql = <T>(...statements: string[]): T[] => {
    const result = spawnSync(
      process.execPath,
      [
        '-e',
        `const { PGlite } = require('@electric-sql/pglite');
         (async () => {
           const db = await PGlite.create(process.argv[1]);
           let rows = [];
           for (const statement of process.argv.slice(2)) rows = (await db.query(statement)).rows;
           process.stdout.write(JSON.stringify(rows));
           await db.close();
         })().catch((error) => { console.error(error); process.exit(1); });`,
        join(dataDir, 'pg'),
        ...statements,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as T[];
  };
  const ORGANISATIONS = 'SELECT name FROM organisations ORDER BY name';
  const organisations = (...before: string[]) =>
    sql<{ name: string }>(...before, ORGANISATIONS).map((row) => row.name);
  const put = (path: string, data: string | Buffer) => {
    mkdirSync(dirname(join(dataDir, path)), { recursive: true });
    writeFileSync(join(dataDir, path), data);
  };

  beforeAll(() => {
    expect(existsSync(join(CLI, 'backup.js'))).toBe(true);
    work = mkdtempSync(join(tmpdir(), 'heimo-backup-'));
    dataDir = join(work, 'data');
    const migrated = run('migrations.js', 'run');
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toMatch(/^Applied /);
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('backs up, and after changes restores the database, the secret and the files as they were', () => {
    sql(`INSERT INTO organisations (name, slug) VALUES ('Before Oy', 'before')`);
    const image = randomBytes(300_000);
    put('media/ab/cdef.png', image);
    put('outbox/1.eml', 'Subject: hello\n');
    put('auth-secret', 'the-secret-before-the-backup-0123456789');
    put('tmp/uploads/half.part', 'temporary');
    const file = join(work, 'backups', 'heimo.backup');

    const backup = run('backup.js', 'backup', file);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up the embedded database and 3 files of .* MiB\)\.$/m);
    // A backup never overwrites a file.
    const again = run('backup.js', 'backup', file);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');

    expect(
      organisations(
        `INSERT INTO organisations (name, slug) VALUES ('After Oy', 'after')`,
        `DELETE FROM organisations WHERE slug = 'before'`,
      ),
    ).toEqual(['After Oy']);
    put('media/zz/new.png', 'later');
    put('auth-secret', 'a-secret-set-after-the-backup-987654321');
    rmSync(join(dataDir, 'outbox/1.eml'));

    // While a process holds the folder, restore (and backup) refuse and change nothing.
    const lock = lockDataDir(dataDir, 'http://test');
    try {
      const refused = run('backup.js', 'restore', file);
      expect(refused.status).toBe(75);
      expect(refused.stderr).toContain(`Heimo is running on ${dataDir} (pid ${process.pid}`);
      expect(refused.stderr).toContain('Stop it first');
      expect(run('backup.js', 'backup', join(work, 'other.backup')).status).toBe(75);
    } finally {
      lock.release();
    }

    const restore = run('backup.js', 'restore', file);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(organisations()).toEqual(['Before Oy']);
    expect(readFileSync(join(dataDir, 'auth-secret'), 'utf8')).toBe(
      'the-secret-before-the-backup-0123456789',
    );
    expect(readFileSync(join(dataDir, 'media/ab/cdef.png')).equals(image)).toBe(true);
    expect(readFileSync(join(dataDir, 'outbox/1.eml'), 'utf8')).toBe('Subject: hello\n');
    expect(existsSync(join(dataDir, 'media/zz/new.png'))).toBe(false);
    expect(existsSync(join(dataDir, 'tmp'))).toBe(false);
    // What the folder held is kept aside, named in the output.
    const aside = /What the folder held before is in (\S+) /.exec(restore.stdout)?.[1];
    expect(aside).toBeDefined();
    expect(readFileSync(join(aside!, 'auth-secret'), 'utf8')).toBe('a-secret-set-after-the-backup-987654321');
    expect(readdirSync(join(aside!, 'media'))).toEqual(expect.arrayContaining(['ab', 'zz']));
    // No staging folder is left beside the data folder.
    expect(readdirSync(work).filter((name) => name.includes('.restore-'))).toEqual([]);
  });

  it('refuses a file that is not a Heimo backup, changing nothing', () => {
    const before = readFileSync(join(dataDir, 'auth-secret'), 'utf8');
    const junk = join(work, 'junk.backup');
    writeFileSync(junk, randomBytes(2048));
    const refused = run('backup.js', 'restore', junk);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^restore failed: /);
    expect(readFileSync(join(dataDir, 'auth-secret'), 'utf8')).toBe(before);
    expect(readdirSync(work).filter((name) => name.includes('.restore-'))).toEqual([]);
    expect(run('backup.js', 'restore', join(work, 'missing.backup')).stderr).toContain('does not exist');
  });
});
