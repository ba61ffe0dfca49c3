// Shared by the plain-Node entry scripts (start, test, check): they must run before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function log(message) {
  process.stdout.write(`\x1b[36m›\x1b[0m ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\n\x1b[31m✖ ${message}\x1b[0m\n`);
  process.exit(1);
}

/** Runs a command in the repository, inheriting the terminal; returns its exit code. */
export function run(command, args, { env, ...options } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    // Extra variables add to the environment; they never replace it (PATH stays).
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...env },
  });
  if (result.error) return 127;
  return result.status ?? 1;
}

export function npx(bin) {
  return join(root, 'node_modules', '.bin', bin);
}

/** `npm ci` when node_modules is missing or older than the lockfile; false when nothing was to do. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return false;
  log('Installing dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0)
    fail('npm ci failed: see the output above (the lockfile must match package.json: npm run check tells).');
  return true;
}

/** Builds the projects; `quiet` keeps Nx's output to itself unless the build fails. */
export function build(projects = ['domain', 'content', 'api', 'web'], { quiet = false } = {}) {
  log(`Building ${projects.join(', ')}…`);
  const args = ['run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--outputStyle=static'];
  if (!quiet) {
    if (run(npx('nx'), args) !== 0) fail('The build failed: see the output above.');
    return;
  }
  const result = spawnSync(npx('nx'), args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    fail('The build failed: see the output above.');
  }
}

export function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function which(command) {
  for (const dir of (process.env.PATH ?? '')
    .split(':')
    .concat(['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/lib/postgresql'])) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

export function isRootOnDebian() {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && !!which('apt-get');
}

let aptUpdated = false;
export function aptInstall(packages) {
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  log(`Installing ${packages.join(' ')} with apt-get…`);
  return (
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    }) === 0
  );
}
