#!/usr/bin/env node
// `npm start`: install when needed, build, then run the API (which migrates, seeds the demo on the
// embedded database and serves the web client on 127.0.0.1 unless HOST says otherwise). `--worker`
// runs the queue workers alone, for scale-out.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, fail, isRootOnDebian, aptInstall, root, which, log } from './lib.mjs';

const worker = process.argv.includes('--worker');
if (!ensureDependencies()) log('Dependencies are up to date.');
build(worker ? ['domain', 'content', 'api'] : ['domain', 'content', 'api', 'web'], { quiet: true });

if (!worker && !process.env.REDIS_URL && !which('redis-server')) {
  // The embedded default runs a private redis-server; fetch Debian's when we may.
  if (!(isRootOnDebian() && aptInstall(['redis-server']))) {
    fail(
      'REDIS_URL is not set and redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
}

const entry = join(root, 'dist/api/apps/api/src', worker ? 'worker.js' : 'main.js');
log(worker ? 'Starting the worker…' : 'Starting Heimo…');
const child = spawn(process.execPath, ['--enable-source-maps', entry], {
  cwd: root,
  stdio: 'inherit',
  // Short log lines for the terminal unless LOG_FORMAT says otherwise.
  env: { NODE_ENV: 'production', LOG_FORMAT: 'pretty', ...process.env },
});

// The child stops in order on the first signal and at once on another (see apps/api/src/shutdown.ts).
// A terminal's Ctrl-C reaches it directly too, and npm passes its own copy here: the copies that
// arrive within a second of each other are one request, passed on once.
const REPEAT_MS = 1_000;
let lastSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    const now = Date.now();
    if (now - lastSignalAt < REPEAT_MS) return;
    lastSignalAt = now;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
// However this script ends, the API does not stay behind.
process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
