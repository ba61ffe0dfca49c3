// The static checks, shared by `npm run check` and `npm test`: each is one pass or one failure.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Each check is a function of the working tree: the sources, the configuration and the lockfile that
 * pins every tool. A check that passed on exactly this tree on this machine passes again without
 * running, as Nx does for the builds and the type check. The key is the tree's git hash (untracked
 * files included, ignored ones not) with the check's command and Node's version; the record is kept
 * in ~/.cache/heimo/checks. HEIMO_CHECK_CACHE=0 runs every check.
 */
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'heimo', 'checks');
let tree;

function workingTree() {
  if (tree !== undefined) return tree;
  tree = null;
  if (process.env.HEIMO_CHECK_CACHE === '0') return tree;
  const index = join(tmpdir(), `heimo-check-index-${process.pid}`);
  try {
    const git = (args, env = {}) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }).trim();
    const realIndex = join(root, git(['rev-parse', '--git-path', 'index']));
    // A copy of the index, so that only changed files are hashed again and the real one is untouched.
    if (existsSync(realIndex)) copyFileSync(realIndex, index);
    git(['add', '--all', '.'], { GIT_INDEX_FILE: index });
    tree = git(['write-tree'], { GIT_INDEX_FILE: index });
  } catch {
    tree = null;
  } finally {
    rmSync(index, { force: true });
  }
  return tree;
}

function cacheFile(check) {
  const tree = workingTree();
  if (!tree) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([tree, process.version, check.name, check.args]))
    .digest('hex')
    .slice(0, 32);
  return join(cacheDir, `${check.name.replace(/\W+/g, '-')}-${key}`);
}

/** The output of `check`'s earlier pass on this tree, or undefined. */
function passedBefore(check) {
  const file = cacheFile(check);
  return file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function rememberPass(check, output) {
  const file = cacheFile(check);
  if (!file) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, output);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

export function runStaticChecks() {
  const results = [];
  for (const check of staticChecks) {
    const cached = passedBefore(check);
    if (cached !== undefined) {
      results.push({ name: check.name, ok: true });
      process.stdout.write(`✓ ${check.name} (passed on this tree before)\n`);
      if (check.alwaysShow) process.stdout.write(cached);
      continue;
    }
    log(`check: ${check.name}`);
    const code = run(check.command, check.args);
    results.push({ name: check.name, ok: code === 0 });
    // Output went to the terminal: the record of a pass holds none.
    if (code === 0) rememberPass(check, '');
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
    const cached = passedBefore(check);
    if (cached !== undefined) {
      results.push({ name: check.name, ok: true, output: cached });
      process.stdout.write(`✓ check: ${check.name} (passed on this tree before)\n`);
      if (check.alwaysShow) process.stdout.write(cached);
      continue;
    }
    const started = Date.now();
    const { code, output } = await capture(check.command, check.args);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    results.push({ name: check.name, ok: code === 0, output });
    if (code === 0) rememberPass(check, output);
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
