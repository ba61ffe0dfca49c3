#!/usr/bin/env node
// `npm run bench:<name>`: builds the libraries and the API (the benchmarks start the real server and
// worker from dist; `bench:web` the web client too), compiles the benchmark scripts, then runs
// bench/<name>/main.ts with the arguments after the name (`npm run bench:soak -- --minutes 1`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !existsSync(join(root, 'bench', name, 'main.ts'))) {
  process.stderr.write('Usage: node bench/run.mjs <redirect|ingest|leaderboard|soak|web|api> [arguments]\n');
  process.exit(2);
}
const bin = (command) => join(root, 'node_modules', '.bin', command);
const step = (command, args) => {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const projects = name === 'web' ? 'domain,content,api,web' : 'domain,content,api';
step(bin('nx'), ['run-many', '-t', 'build', `--projects=${projects}`, '--outputStyle=static']);
step(bin('tsc'), ['-p', 'bench/tsconfig.json']);
step(process.execPath, [join(root, 'dist', 'bench', 'bench', name, 'main.js'), ...process.argv.slice(3)]);
