#!/usr/bin/env node
// `npm run check`: lockfile, format, lint, typecheck, layers, OpenAPI drift, migration drift, bundle budget.
import { runStaticChecks } from './checks.mjs';
import { build, ensureDependencies } from './lib.mjs';

ensureDependencies();
build(['domain', 'content', 'api', 'web']);
const results = runStaticChecks();
const failed = results.filter((r) => !r.ok);
process.stdout.write(`\n${results.length - failed.length} passed, ${failed.length} failed\n`);
process.exit(failed.length ? 1 : 0);
