import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { EmbeddedService } from './embedded-postgres';

const candidates = [
  'redis-server',
  '/usr/bin/redis-server',
  '/usr/sbin/redis-server',
  '/usr/local/bin/redis-server',
];

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
  const child = spawn(
    binary,
    [
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
    ],
    // A process group of its own: a terminal's Ctrl-C reaches the API, which stops it after the
    // API's last commands (see stop); whatever way this process exits, the exit handler stops it.
    { stdio: 'ignore', detached: true },
  );
  const stopChild = () => child.kill('SIGTERM');
  process.once('exit', stopChild);
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.removeListener('exit', stopChild);
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((done) => {
        // SIGTERM: it writes its append-only file and exits; one that does not is killed.
        const kill = setTimeout(() => child.kill('SIGKILL'), STOP_MS).unref();
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
