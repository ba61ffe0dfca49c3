#!/usr/bin/env node
// `npm start`: install when needed, build, then run the API (which migrates, seeds the demo and
// serves the web client). `--worker` runs the queue workers alone, for scale-out.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, fail, isRootOnDebian, aptInstall, root, which, log } from './lib.mjs';

const worker = process.argv.includes('--worker');
ensureDependencies();
build(worker ? ['domain', 'content', 'api'] : ['domain', 'content', 'api', 'web']);

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
  env: { NODE_ENV: 'production', SEED_DEMO: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
