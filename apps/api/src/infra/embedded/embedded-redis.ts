import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { EmbeddedService } from './embedded-postgres';

const candidates = [
  'redis-server',
  '/usr/bin/redis-server',
  '/usr/sbin/redis-server',
  '/usr/local/bin/redis-server',
];

/** First wait before a private redis-server that stopped is started again; it doubles up to the next. */
const RESTART_FIRST_MS = 200;
const RESTART_MAX_MS = 5_000;
/** A server that ran this long before it stopped is started again after the first wait once more. */
const RESTART_RESET_AFTER_MS = 30_000;
/** How long a stopping redis-server is given before it is killed. */
const STOP_MS = 2_000;

export function findRedisServer(): string | undefined {
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['--version'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const until = Date.now() + deadlineMs;
  for (;;) {
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A private redis-server on a free loopback port, keeping its append-only file under
 * `<dataDir>/redis` so queued jobs survive a restart. It stops with the process.
 *
 * It is supervised: when it exits without being asked to (killed, crashed, out of memory), it is
 * started again on the same port with the same files, after 0.2 s, doubling up to 5 s while it keeps
 * stopping (back to 0.2 s once one ran 30 s), and a warning is logged each time. The ioredis
 * clients (BullMQ, the click shipper and workers, rate limits) reconnect to it by themselves, so
 * readiness comes back without a restart of the API. `stop()` stops it for good.
 */
export async function startEmbeddedRedis(dataDir: string): Promise<EmbeddedService> {
  const binary = findRedisServer();
  if (!binary) {
    throw new Error(
      'REDIS_URL is not set and redis-server is not installed. Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const dir = resolve(dataDir, 'redis');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  const logger = new Logger('EmbeddedRedis');
  let stopping = false;
  let restartIn = RESTART_FIRST_MS;
  let restart: NodeJS.Timeout | null = null;
  let child: ChildProcess;
  const launch = () => {
    const startedAt = Date.now();
    // A process group of its own: a terminal's Ctrl-C reaches the API, which stops it after the
    // API's last commands (see stop); whatever way this process exits, the exit handler stops it.
    const current = spawn(binary, args, { stdio: 'ignore', detached: true });
    child = current;
    let gone = false;
    const onGone = (reason: string) => {
      if (gone) return;
      gone = true;
      if (stopping) return;
      if (Date.now() - startedAt >= RESTART_RESET_AFTER_MS) restartIn = RESTART_FIRST_MS;
      logger.warn(
        `the private redis-server (pid ${current.pid ?? '?'}) stopped (${reason}); starting it again on port ${port} in ${restartIn} ms`,
      );
      restart = setTimeout(() => {
        restart = null;
        if (!stopping) launch();
      }, restartIn);
      restartIn = Math.min(restartIn * 2, RESTART_MAX_MS);
    };
    current.once('exit', (code, signal) => onGone(signal ?? `exit code ${code}`));
    current.once('error', (error) => onGone(error.message));
  };
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const stopChild = () => {
    stopping = true;
    child.kill('SIGTERM');
  };
  const stop = async () => {
    stopping = true;
    if (restart) clearTimeout(restart);
    restart = null;
    process.removeListener('exit', stopChild);
    if (!running()) return;
    await new Promise<void>((done) => {
      // SIGTERM: it writes its append-only file and exits; one that does not is killed.
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_MS).unref();
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    });
  };
  launch();
  process.once('exit', stopChild);
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
