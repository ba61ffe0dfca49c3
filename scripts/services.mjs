// Makes sure PostgreSQL and Redis answer for the tests: start them when installed but stopped,
// install them with apt-get when missing and allowed (root on Debian), otherwise say what to do.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall, fail, isRootOnDebian, log, reachable, run, which } from './lib.mjs';

function target(url, fallbackPort) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(parsed.port || fallbackPort),
  };
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function ensurePostgres() {
  const url =
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const { host, port } = target(url, 5432);
  if (await reachable(host, port)) return;
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  if (!local)
    fail(`PostgreSQL at ${host}:${port} does not answer. Check DATABASE_URL (or TEST_DATABASE_URL).`);
  if (!existsSync('/etc/postgresql') && isRootOnDebian()) aptInstall(['postgresql']);
  if (existsSync('/etc/postgresql') && which('pg_ctlcluster')) {
    const version = readdirSync('/etc/postgresql').sort().at(-1);
    log(`Starting PostgreSQL ${version}…`);
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    if (await waitFor(host, port, 30)) return;
  }
  fail(
    'PostgreSQL is not reachable on 127.0.0.1:5432. Install it (Debian/Ubuntu: sudo apt-get install postgresql), ' +
      'or set DATABASE_URL to a server where this user may create databases.',
  );
}

async function ensureRedis() {
  const { host, port } = target(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379);
  if (await reachable(host, port)) return;
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  if (!local) fail(`Redis at ${host}:${port} does not answer. Check REDIS_URL.`);
  if (!which('redis-server') && isRootOnDebian()) aptInstall(['redis-server']);
  const binary = which('redis-server');
  if (binary) {
    log('Starting Redis…');
    const dir = existsSync('/var/lib/redis') ? '/var/lib/redis' : '/tmp';
    if (!existsSync('/var/log/redis')) mkdirSync('/var/log/redis', { recursive: true });
    run(binary, [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ]);
    if (await waitFor(host, port, 15)) return;
  }
  fail(
    'Redis is not reachable on 127.0.0.1:6379. Install it (Debian/Ubuntu: sudo apt-get install redis-server), or set REDIS_URL.',
  );
}

/**
 * Debian's Chromium for the browser journeys (never a downloaded browser): its headless shell, the
 * same Chromium built for headless use only, which costs a third of the CPU of the full browser per
 * page (see test/browser/browser.ts). The full browser is used when only it is installed.
 *
 * Resolves once it is there. An install (apt-get, as root on Debian) runs in the background, its
 * output kept in a file and shown only if it fails: `npm test` starts it before `npm ci`, and the two
 * take about the same time.
 */
export function ensureChromium() {
  if (process.env.CHROMIUM_PATH ? existsSync(process.env.CHROMIUM_PATH) : existsSync(HEADLESS_SHELL))
    return Promise.resolve();
  const missing = () => {
    if (existsSync('/usr/bin/chromium')) return;
    fail(
      'Chromium is needed for the browser journeys: install it (Debian: sudo apt-get install chromium-headless-shell) or set CHROMIUM_PATH.',
    );
  };
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, where nothing is.`);
  if (!isRootOnDebian()) return Promise.resolve(missing());
  const packages = ['chromium-headless-shell', 'fonts-dejavu-core'];
  log(`Installing ${packages.join(' ')} with apt-get, in the background…`);
  const logFile = join(tmpdir(), `heimo-apt-${process.pid}.log`);
  const output = openSync(logFile, 'w');
  const child = spawn(
    'sh',
    ['-c', `apt-get update -qq && apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`],
    { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', output, output] },
  );
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  }).then((code) => {
    closeSync(output);
    if (code !== 0) process.stdout.write(readFileSync(logFile, 'utf8'));
    rmSync(logFile, { force: true });
    if (code !== 0) missing();
  });
}

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

export async function ensureServices() {
  await ensurePostgres();
  await ensureRedis();
}
