#!/usr/bin/env node
// `npm test`: services, build, then every Jest suite (libraries, API end-to-end, browser journeys) in
// one run, with the static checks running beside it. Ends with one line `N passed, N failed` summing
// all of them (each check counts as one).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { printFailures, runStaticChecksInBackground } from './checks.mjs';
import { build, ensureDependencies, log, npx, root } from './lib.mjs';
import { ensureChromium, ensureServices } from './services.mjs';

const jestArgs = process.argv.slice(2);

// Chromium's install, when it is missing, runs beside npm ci.
const chromium = ensureChromium();
ensureDependencies();
await chromium;
await ensureServices();
build();

// The static checks run beside Jest (see runStaticChecksInBackground), not before it.
log('Static checks in the background: lockfile, format, lint, typecheck, layers, drift, bundle budget');
const pendingChecks = runStaticChecksInBackground();

const outDir = join(root, 'tmp');
mkdirSync(outDir, { recursive: true });
const resultsFile = join(outDir, 'jest-results.json');
rmSync(resultsFile, { force: true });
log('Jest: libraries, API end-to-end, browser journeys');
// A whole run has the test files in groups that share a module registry (test/support/groups.cjs);
// a run given a path or a filter has them one by one, as a developer expects.
const groupsEnv = {};
if (jestArgs.length === 0) {
  const { writeGroups } = createRequire(import.meta.url)('../test/support/groups.cjs');
  groupsEnv.HEIMO_TEST_GROUPS = writeGroups(join(outDir, 'test-groups'));
}
const jestCode = await new Promise((resolve) => {
  const child = spawn(
    npx('jest'),
    ['-c', 'jest.config.cjs', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
    {
      cwd: root,
      stdio: 'inherit',
      // The build above made apps/web/dist: the journeys serve it as it is, never rebuilding it while
      // a journey in the other worker serves it.
      env: { ...process.env, HEIMO_WEB_BUILT: '1', ...groupsEnv },
    },
  );
  child.on('error', () => resolve(127));
  child.on('close', (code) => resolve(code ?? 1));
});
const checks = await pendingChecks;
printFailures(checks);

let passed = checks.filter((c) => c.ok).length;
let failed = checks.length - passed;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  // A suite that crashed before running its tests counts as one failure.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
} else {
  failed += 1;
}
if (jestCode !== 0 && failed === 0) failed = 1;

const failedChecks = checks.filter((c) => !c.ok).map((c) => c.name);
if (failedChecks.length) process.stdout.write(`\nFailed checks: ${failedChecks.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
