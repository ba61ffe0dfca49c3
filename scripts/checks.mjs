// The static checks, shared by `npm run check` and `npm test`: each is one pass or one failure.
import { log, npx, run } from './lib.mjs';

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
  { name: 'bundle budget', command: process.execPath, args: ['apps/web/scripts/bundle-budget.mjs'] },
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
