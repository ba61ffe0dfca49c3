import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { LOCK_FILE } from '../../apps/api/src/infra/embedded/data-dir-lock';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/demo/demo-seed';
import { freePort } from '../support/free-port';

// The built API as `npm start` runs it, on the embedded defaults (PGlite and a private
// redis-server) in a data folder of its own: two starts in all, each a few seconds.
const root = join(__dirname, '../..');
const mainJs = join(root, 'dist/api/apps/api/src/main.js');
const BANNER_END = 'Press Ctrl-C to stop.';
/** A first start makes the database (PGlite's initdb), migrates and seeds: slow on a busy machine. */
const START_MS = 150_000;
/** What the stop promises (apps/api/src/shutdown.ts), plus the time to see it from here. */
const STOP_MS = 10_000;

/** Processes as /proc lists them: pid, parent and process group. */
function processes(): { pid: number; ppid: number; pgid: number; name: string }[] {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (name) state ppid pgrp …": the name may hold spaces and parentheses.
      const close = stat.lastIndexOf(')');
      const [, ppid, pgid] = stat.slice(close + 2).split(' ');
      found.push({
        pid: Number(entry),
        ppid: Number(ppid),
        pgid: Number(pgid),
        name: stat.slice(stat.indexOf('(') + 1, close),
      });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `main.js` in a process group of its own (as a terminal runs `npm start`), its output kept. */
class Heimo {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {
    this.child = spawn(process.execPath, [mainJs], {
      cwd: root,
      detached: true,
      // No DATABASE_URL or REDIS_URL: the embedded defaults, and so the demo without SEED_DEMO.
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_FORMAT: 'pretty',
        DATA_DIR: dataDir,
        PORT: String(port),
        NOTIFICATION_TICK_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async ready(): Promise<void> {
    try {
      await until(
        'the banner',
        () => this.stdout.includes(BANNER_END) || this.child.exitCode !== null,
        START_MS,
      );
    } finally {
      expect({ exitCode: this.child.exitCode, stdout: this.stdout, stderr: this.stderr }).toEqual(
        expect.objectContaining({ exitCode: null, stdout: expect.stringContaining(BANNER_END) }),
      );
    }
  }

  /** The private redis-server: a child of the API in a process group of its own. */
  redisServer(): number {
    const redis = processes().find((p) => p.ppid === this.pid && p.name.startsWith('redis-server'));
    if (!redis) throw new Error('no redis-server under the API');
    expect(redis.pgid).toBe(redis.pid);
    return redis.pid;
  }

  /** Sends `signal` to the API's process group; resolves once the API, its group and `others` are gone. */
  async stopWith(signal: NodeJS.Signals, others: number[]): Promise<number> {
    const sent = Date.now();
    process.kill(-this.pid, signal);
    const { code } = await this.exited;
    await until(
      'every process of the group and the private redis-server to go',
      () => !processes().some((p) => p.pgid === this.pid) && !others.some(alive),
      STOP_MS,
    );
    expect(Date.now() - sent).toBeLessThan(STOP_MS);
    return code ?? -1;
  }

  /** After a failure: the API's group and its redis-server (a group of its own), killed. */
  kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const redis = processes().filter((p) => p.ppid === this.pid && p.name.startsWith('redis-server'));
    for (const pid of [-this.pid, ...redis.map((p) => p.pid)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

describe('npm start: the start, the lock on the data folder and the stop', () => {
  let dataDir: string;
  const started: Heimo[] = [];
  const redisServers: number[] = [];

  beforeAll(() => {
    expect(existsSync(mainJs)).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-start-'));
  });
  afterAll(() => {
    for (const heimo of started) heimo.kill();
    for (const pid of redisServers) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'prints short lines and the banner last, refuses a second instance on the data folder, and stops everything on Ctrl-C',
    async () => {
      const first = new Heimo(dataDir, await freePort());
      started.push(first);
      await first.ready();
      redisServers.push(first.redisServer());

      // A second instance on the same data folder is refused, naming the first.
      const second = new Heimo(dataDir, await freePort());
      started.push(second);
      const refused = await second.exited;
      expect(refused.code).not.toBe(0);
      expect(second.stderr).toContain(`pid ${first.pid}`);
      expect(second.stderr).toContain(first.url);
      expect(second.stderr).toMatch(/started \d{4}-\d\d-\d\dT/);
      expect(second.stdout).not.toContain(BANNER_END);

      // The first start's output: steps, then the banner as the last thing, and no JSON lines.
      const lines = first.stdout.split('\n').filter((line) => line.trim() !== '');
      expect(lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
      expect(lines.at(-1)?.trim()).toBe(BANNER_END);
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Migrating the database'),
          expect.stringContaining('Seeding the demo organisation'),
          `  Heimo is running at ${first.url}`,
        ]),
      );
      expect(first.stdout).not.toMatch(/Mapped \{|dependencies initialized/);
      expect(first.stderr).toBe('');

      // A few tracked-link clicks, still in memory or on their way when the stop comes.
      const agent = request.agent(first.url);
      await agent
        .post('/api/auth/login')
        .send({ email: 'advocate@demo.heimo.test', password: DEMO_PASSWORD })
        .expect(200);
      const shares = await agent.get('/api/me/shares?limit=1').expect(200);
      const code = (shares.body.items as { code: string }[])[0]?.code;
      expect(code).toEqual(expect.any(String));
      for (let i = 0; i < 3; i += 1) await request(first.url).get(`/r/${code}`).redirects(0).expect(302);

      // Ctrl-C in a terminal: SIGINT to the whole group. The API stops its redis-server itself.
      expect(await first.stopWith('SIGINT', redisServers)).toBe(0);
      expect(first.stdout).toContain('Stopping Heimo (SIGINT)');
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    },
    START_MS * 2,
  );

  it(
    'takes over a stale lock, and stops within the limit when its redis-server is already gone',
    async () => {
      // A lock left by a process that no longer runs.
      const dead = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => dead.on('exit', resolve));
      writeFileSync(
        join(dataDir, LOCK_FILE),
        JSON.stringify({ pid: dead.pid, hostname: hostname(), startedAt: 'x', url: 'y' }),
      );
      const heimo = new Heimo(dataDir, await freePort());
      started.push(heimo);
      await heimo.ready();
      expect(heimo.stdout).toContain('kept from the last start');
      const redis = heimo.redisServer();
      redisServers.push(redis);

      process.kill(redis, 'SIGKILL');
      await until('the redis-server to die', () => !alive(redis), STOP_MS);
      await heimo.stopWith('SIGTERM', [redis]);
      expect(heimo.stdout).toContain('Stopping Heimo (SIGTERM)');
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    },
    START_MS * 2,
  );
});
