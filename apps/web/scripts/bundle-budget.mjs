#!/usr/bin/env node
// What each route of interest loads before it renders, gzip-compressed, against its budget. Run after
// the web build (`npx nx run web:build`); `npm run check` and `npm test` run it as 'bundle budget'.
// A route loads the entry script and its static imports (index.html's modulepreload links), the
// English strings (loaded before the first render), and,
// for a page fetched when its route opens (apps/web/src/app/router.tsx), that page's chunk and its
// static imports. CSS is left aside. The source maps tell which packages a route loads: the ones a
// route must leave to later are named in `without`. Exits 1 when a route is over its budget, loads
// a package it must not, or the build is missing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const KB = 1000;

// Loaded only where they are used: charts on insights, the caption counter when a caption is edited,
// the Markdown reader on a training module.
const later = ['recharts', 'twitter-text', 'handlebars', 'core-js', 'react-markdown', 'micromark'];

/** Routes and the page module each one loads lazily (null: in the entry). Budgets in gzip bytes. */
const routes = [
  // The sign-in page is the first load of most visits: React, the router, TanStack Query and
  // i18next are ~134 kB of it; the rest is the shell, the sign-in form and the Mantine they use. The
  // entry (src/main.tsx) loads its chunk at once when a visit starts at /login.
  { path: '/login', page: 'src/features/auth/pages/LoginPage.tsx', budget: 240 * KB, without: later },
  // The advocate's home on a phone: the sign-in load plus the feed, without the caption counter
  // (twitter-text, Handlebars), which loads when a caption is edited.
  { path: '/feed', page: 'src/features/feed/pages/FeedPage.tsx', budget: 255 * KB, without: later },
  { path: '/studio', page: 'src/features/studio/pages/StudioPage.tsx' },
  { path: '/studio/packs/:packId', page: 'src/features/studio/pages/PackEditorPage.tsx' },
  { path: '/insights', page: 'src/features/insights/pages/InsightsDashboardPage.tsx' },
  { path: '/training/:moduleId', page: 'src/features/training/pages/TrainingModulePage.tsx' },
];

function fail(message) {
  process.stderr.write(`bundle budget: ${message}\n`);
  process.exit(1);
}

const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath))
  fail(`${manifestPath} is missing: build the web client first (npx nx run web:build).`);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** A chunk's file and the files of everything it imports statically, transitively. */
function staticClosure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) fail(`the manifest has no chunk for ${key}`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, files);
  return files;
}

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
if (entries.length !== 1) fail(`expected one entry chunk, found ${entries.length}`);
const firstLoad = staticClosure(entries[0]);

// index.html is what the browser reads: its module script and preloads must be the graph above.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const linked = [
  ...html.matchAll(/<(?:script type="module"[^>]* src|link rel="modulepreload"[^>]* href)="\/([^"]+)"/g),
].map((match) => match[1]);
if (linked.length === 0) fail('index.html has no module script');
for (const file of linked) firstLoad.add(file);
// The visitor's language is a chunk of its own that loads before the first render: English, the
// fallback every visit loads (a Finnish visit loads Finnish too), counts as part of the first load.
for (const file of staticClosure('src/app/i18n/locales/en.json')) firstLoad.add(file);

const gzipSizes = new Map();
function gzipSize(file) {
  if (!gzipSizes.has(file))
    gzipSizes.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return gzipSizes.get(file);
}

/** The npm packages a built file holds code of, from its source map. */
function packagesIn(file) {
  const mapPath = join(dist, `${file}.map`);
  if (!existsSync(mapPath)) fail(`${mapPath} is missing: the build must write source maps.`);
  const { sources } = JSON.parse(readFileSync(mapPath, 'utf8'));
  return sources.flatMap((source) => source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []);
}

const kB = (bytes) => `${(bytes / KB).toFixed(1)} kB`;
let over = 0;
for (const route of routes) {
  const files = new Set(firstLoad);
  if (route.page) for (const file of staticClosure(route.page)) files.add(file);
  const total = [...files].reduce((sum, file) => sum + gzipSize(file), 0);
  const largest = [...files]
    .sort((a, b) => gzipSize(b) - gzipSize(a))
    .slice(0, 4)
    .map((file) => `${file.replace(/^assets\//, '')} ${kB(gzipSize(file))}`);
  const verdict = route.budget === undefined ? '' : total <= route.budget ? ' ✓' : ' ✗ over budget';
  const budget = route.budget === undefined ? '' : ` (budget ${kB(route.budget)})`;
  process.stdout.write(
    `${route.path.padEnd(22)} ${kB(total).padStart(9)} gzip in ${files.size} scripts${budget}${verdict}\n` +
      `${''.padEnd(22)} largest: ${largest.join(', ')}\n`,
  );
  if (route.budget !== undefined && total > route.budget) over++;
  const loaded = new Set([...files].flatMap(packagesIn));
  const early = (route.without ?? []).filter((name) => loaded.has(name));
  if (early.length) {
    process.stdout.write(`${''.padEnd(22)} ✗ loads ${early.join(', ')} before it renders\n`);
    over++;
  }
}
if (over) fail(`${over} route(s) over budget or loading what they must not`);
