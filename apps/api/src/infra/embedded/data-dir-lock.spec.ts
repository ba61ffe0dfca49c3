import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'heimo-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const owner = (pid: number) => ({
    pid,
    hostname: hostname(),
    startedAt: '2026-12-07T06:00:00.000Z',
    url: 'http://localhost:3000',
  });

  it('writes who holds the folder and removes the lock when released', () => {
    const lock = lockDataDir(dir, 'http://localhost:3001');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({
      pid: process.pid,
      hostname: hostname(),
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      url: 'http://localhost:3001',
    });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder held by a running process, naming it, and leaves its lock alone', () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner(process.ppid)));
    let error: unknown;
    try {
      lockDataDir(dir, 'http://localhost:3001');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toBe(
      `The data folder ${dir} is in use by another Heimo (pid ${process.ppid}, started 2026-12-07T06:00:00.000Z, at http://localhost:3000). Stop that one first, or give this one another DATA_DIR.`,
    );
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over the lock of a process that no longer runs', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner(dead)));
    const lock = lockDataDir(dir, 'http://localhost:3001');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
