// The static checks, shared by `npm run check` and `npm test`: each is one pass or one failure.
import { spawn } from 'node:child_process';
import { log, npx, root, run } from './lib.mjs';

export const staticChecks = [
  // `npm ci` refuses a lockfile that disagrees with package.json (or lacks another platform's
  // optional packages); the dry run reads both without touching node_modules.
  {
    name: 'lockfile',
    command: 'npm',
    args: ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'],
  },
  { name: 'format', command: npx('prettier'), args: ['--check', '.', '--log-level', 'warn'] },
  { name: 'lint', command: npx('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'typecheck', command: npx('nx'), args: ['run-many', '-t', 'typecheck', '--outputStyle=static'] },
  // What may import what (.dependency-cruiser.cjs) and no cycle between API modules.
  { name: 'layers', command: process.execPath, args: ['scripts/layers.mjs'] },
  {
    name: 'openapi drift',
    command: process.execPath,
    args: ['dist/api/apps/api/src/cli/openapi.js', 'check'],
  },
  {
    name: 'migration drift',
    command: process.execPath,
    args: ['dist/api/apps/api/src/cli/migrations.js', 'check'],
  },
  // Reads the web build: what /login and /feed load before they render, against their budgets.
  {
    name: 'bundle budget',
    command: process.execPath,
    args: ['apps/web/scripts/bundle-budget.mjs'],
    // What each route loads is worth reading even when it is within budget.
    alwaysShow: true,
  },
];

export function runStaticChecks() {
  const results = [];
  for (const check of staticChecks) {
    log(`check: ${check.name}`);
    const code = run(check.command, check.args);
    results.push({ name: check.name, ok: code === 0 });
    process.stdout.write(`${code === 0 ? '✓' : '✗'} ${check.name}\n`);
  }
  return results;
}

/**
 * The same checks, one after another in the background, their output held back so it does not mix
 * with what runs beside them (`npm test` runs Jest meanwhile: the checks are mostly single-threaded,
 * so on two cores they use what the test workers leave idle). Each prints one line when it ends; a
 * failed check's output is printed by `printFailures` once the foreground work is done.
 */
export async function runStaticChecksInBackground() {
  const results = [];
  for (const check of staticChecks) {
    const started = Date.now();
    const { code, output } = await capture(check.command, check.args);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    results.push({ name: check.name, ok: code === 0, output });
    process.stdout.write(`${code === 0 ? '✓' : '✗'} check: ${check.name} (${seconds} s)\n`);
    if (code === 0 && check.alwaysShow) process.stdout.write(output);
  }
  return results;
}

export function printFailures(results) {
  for (const failed of results.filter((r) => !r.ok)) {
    log(`check: ${failed.name} failed:`);
    process.stdout.write(failed.output.endsWith('\n') ? failed.output : `${failed.output}\n`);
  }
}

function capture(command, args) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // One task at a time: the checks share two cores with the test workers.
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_PARALLEL: '1',
        FORCE_COLOR: '0',
      },
    });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
