/**
 * bench:web — the feed on a phone: Lighthouse 12.2.3 (mobile profile: simulated slow 4G and a 4×
 * slower CPU, a 412 × 823 screen) driving Debian's Chromium against `/feed`, signed in as the demo
 * advocate, served by the real server from dist (the API serving the built client, as `npm start`
 * does) on a database of its own seeded with the demo organisation (SEED_DEMO=true).
 *
 * The first pack of the advocate's feed gets a picture (uploaded through the API by the demo curator,
 * 1200 × 630, ~150 kB). Baseline, in the same run: a static HTML page showing the same picture at the
 * feed card's size with the pack's title and summary, served by the same server at the same origin.
 * Five rounds; each runs Lighthouse once on each page, alternating which goes first. The browser is
 * signed in once through the sign-in page (the profile keeps the session cookies; Lighthouse clears
 * the HTTP cache, the service workers and Cache Storage before every run, not cookies). Each run is
 * a process of its own (lighthouse-run.mjs) in a tab without a service worker: see that file for why.
 *
 * Then Chromium's own installability check on `/feed` (CDP `Page.getInstallabilityErrors`, after the
 * service worker is ready).
 *
 * Ends with: web lcp_ms=… lcp_vs_static=… tbt_ms=… js_kb_gz=… installable=true|false
 * (medians; lcp_vs_static the median of the rounds' feed/static ratios; js_kb_gz the gzip size of
 * the scripts the feed loaded). Targets: lcp_ms ≤ 2500, lcp_vs_static ≤ 1.5, tbt_ms ≤ 200 and
 * installable=true; a missed target exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import {
  createDatabase,
  dropRedisPrefix,
  freePort,
  redisUrl,
  repoRoot,
  say,
  startNode,
  stop,
  suffix,
  waitForPort,
  DEMO_PASSWORD,
  signInCookie,
} from '../lib/services';
import { benchPicture } from './picture';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ADVOCATE = 'advocate@demo.heimo.test';
const CURATOR = 'curator@demo.heimo.test';
const TARGETS = { lcpMs: 2500, lcpVsStatic: 1.5, tbtMs: 200 };
/** The baseline page, written into the built client for the run and removed at the end. */
const STATIC_PAGE = 'bench-web-static.html';

/** Debian's Chromium, as the browser journeys pick it (test/browser/browser.ts). */
const chromiumPath =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ??
  '/usr/bin/chromium';

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const signIn = (base: string, email: string) => signInCookie(base, email, DEMO_PASSWORD);

interface FeedItem {
  packId: string;
  title: string;
  summary: string | null;
  media: { kind: string; url: string; altText?: string | null }[];
}

async function firstFeedItem(base: string, cookie: string): Promise<FeedItem> {
  const res = await fetch(`${base}/api/feed`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
  const feed = (await res.json()) as { items: FeedItem[] };
  if (!feed.items[0]) throw new Error(`${ADVOCATE}'s feed is empty`);
  return feed.items[0];
}

/** Uploads the picture as the curator, describes it, and puts it on the first pack of the feed. */
async function givePicture(base: string, databaseUrl: string): Promise<FeedItem> {
  const curator = await signIn(base, CURATOR);
  const form = new FormData();
  form.append('file', new Blob([benchPicture()], { type: 'image/png' }), 'harbour.png');
  const upload = await fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { cookie: curator },
    body: form,
  });
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  const describe = await fetch(`${base}/api/media/${id}`, {
    method: 'PATCH',
    headers: { cookie: curator, 'content-type': 'application/json' },
    body: JSON.stringify({ altText: 'A harbour at sunset' }),
  });
  if (describe.status !== 200) throw new Error(`describing the picture answered ${describe.status}`);

  // A published pack takes no new media through the API (only a new expiry): the seed's own way.
  const advocate = await signIn(base, ADVOCATE);
  const first = await firstFeedItem(base, advocate);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE packs SET media_ids = ARRAY[$1::uuid] WHERE id = $2`, [id, first.packId]);
  } finally {
    await client.end();
  }
  const item = await firstFeedItem(base, advocate);
  if (item.packId !== first.packId || !item.media.some((media) => media.kind === 'image'))
    throw new Error('the first pack of the feed does not show the picture');
  return item;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The baseline: the feed card's picture, title and summary, and nothing else. */
function staticPage(item: FeedItem): string {
  const picture = item.media.find((media) => media.kind === 'image')!;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(item.title)}</title>
<style>body{margin:0;font-family:system-ui,sans-serif}main{padding:16px}img{display:block;width:100%;height:180px;object-fit:cover}</style>
</head>
<body>
<main>
<img src="${escapeHtml(picture.url)}" alt="${escapeHtml(picture.altText || item.title)}">
<h2>${escapeHtml(item.title)}</h2>
<p>${escapeHtml(item.summary ?? '')}</p>
</main>
</body>
</html>
`;
}

/** Debian's Chromium, headless, with a debugging port Lighthouse and Playwright attach to. */
async function launchChromium(profile: string): Promise<{ process: ChildProcess; port: number }> {
  const child = spawn(
    chromiumPath,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      // Lighthouse's own defaults (chrome-launcher) for a quiet browser: no updates, sync, metrics,
      // or background work that would run beside the page.
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-client-side-phishing-detection',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--disable-extensions',
      '--disable-sync',
      '--metrics-recording-only',
      '--mute-audio',
      '--password-store=basic',
      '--use-mock-keychain',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,AutofillServerCommunication,PrivacySandboxSettings4',
      // Loopback only: no name is ever resolved (every page here is at 127.0.0.1).
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      'about:blank',
    ],
    // A group of its own: Debian's /usr/bin/chromium* are shell scripts that start the browser as their
    // child, so the browser is stopped through the group (see stopChromium).
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  });
  const portFile = join(profile, 'DevToolsActivePort');
  const until = Date.now() + 30_000;
  while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
    if (child.exitCode !== null) throw new Error(`Chromium exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > until) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`Chromium opened no debugging port:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { process: child, port: Number(readFileSync(portFile, 'utf8').split('\n')[0]) };
}

/** Stops the browser: the launcher script and the browser it started, its whole process group. */
async function stopChromium(child: ChildProcess): Promise<void> {
  const exited =
    child.exitCode === null && child.signalCode === null
      ? new Promise((done) => child.once('exit', done))
      : Promise.resolve();
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return; // the group is gone already
  }
  await exited;
  child.stderr?.destroy();
}

const connect = (port: number): Promise<Browser> => chromium.connectOverCDP(`http://127.0.0.1:${port}`);

/** Signs the browser's profile in through the sign-in page, as a person does. */
async function signInBrowser(port: number, base: string): Promise<void> {
  const browser = await connect(port);
  try {
    const page = await browser.contexts()[0]!.newPage();
    await page.goto(`${base}/login`);
    await page.locator('input[name="email"]').fill(ADVOCATE);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL('**/feed', { timeout: 60_000 });
    await page.getByTestId('feed-picture').first().waitFor({ timeout: 60_000 });
    await page.close();
  } finally {
    // Disconnects; the browser and its default profile (with the session cookies) stay.
    await browser.close();
  }
}

/** Chromium's installability check on /feed, once the service worker is ready. */
async function installabilityErrors(port: number, base: string): Promise<string[]> {
  const browser = await connect(port);
  try {
    const context = browser.contexts()[0]!;
    const page = await context.newPage();
    await page.goto(`${base}/feed`);
    await page.getByTestId('feed-picture').first().waitFor({ timeout: 60_000 });
    // In the page (a string: this script is compiled without the DOM's types).
    await page.evaluate(`Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker ready')), 30000)),
    ])`);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors');
    await cdp.detach();
    await page.close();
    return errors.map(
      (error) =>
        `${error.errorId}${error.errorArguments.length ? ` (${error.errorArguments.map((a) => `${a.name}=${a.value}`).join(', ')})` : ''}`,
    );
  } finally {
    await browser.close();
  }
}

interface LighthouseRun {
  readonly lcpMs: number;
  readonly fcpMs: number;
  readonly tbtMs: number;
  readonly score: number;
  /** LCP as it happened on this machine, unthrottled. */
  readonly observedLcpMs: number;
  readonly transferKb: number;
  readonly finalUrl: string;
  readonly lcpElement: string;
  readonly scripts: string[];
  readonly warnings: string[];
}

interface LighthouseResult {
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: unknown }>;
}

function lcpElementOf(lhr: LighthouseResult): string {
  const details = lhr.audits['largest-contentful-paint-element']?.details as
    { items?: { items?: { node?: { nodeLabel?: string; selector?: string } }[] }[] } | undefined;
  const node = details?.items?.[0]?.items?.[0]?.node;
  // Lighthouse 12.2.3's element gatherer fails on Chromium 156 (in its layout shifts' root causes).
  return node ? `${node.selector ?? '?'} ("${(node.nodeLabel ?? '').slice(0, 40)}")` : '';
}

/** One Lighthouse run (bench/web/lighthouse-run.mjs, another process) against `url` in the browser at `port`. */
async function lighthouse(port: number, url: string, reportPath: string): Promise<LighthouseRun> {
  const child = spawn(
    process.execPath,
    [join(repoRoot(), 'bench/web/lighthouse-run.mjs'), String(port), url, reportPath],
    { cwd: repoRoot(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`lighthouse exited with ${code} on ${url}:\n${output}`);
  const lhr = JSON.parse(readFileSync(reportPath, 'utf8')) as LighthouseResult;
  if (lhr.runtimeError)
    throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const value = (id: string) => {
    const v = lhr.audits[id]?.numericValue;
    if (typeof v !== 'number') throw new Error(`lighthouse on ${url} gave no ${id}`);
    return v;
  };
  const metrics = (lhr.audits.metrics?.details as { items?: { observedLargestContentfulPaint?: number }[] })
    ?.items?.[0];
  const requests =
    (
      lhr.audits['network-requests']?.details as {
        items?: { url: string; resourceType?: string; transferSize?: number; statusCode: number }[];
      }
    )?.items ?? [];
  // Every byte must be on the simulation's books: an answer given by a service worker or the cache
  // counts as 0 bytes transferred, and the simulated load would not wait for it.
  const free = requests.filter((r) => r.statusCode === 200 && !r.transferSize);
  if (free.length)
    throw new Error(
      `lighthouse on ${url}: ${free.length} answers came with 0 bytes transferred (a service worker or a cache): ${free.map((r) => r.url).join(', ')}`,
    );
  return {
    lcpMs: value('largest-contentful-paint'),
    fcpMs: value('first-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    score: lhr.categories.performance.score ?? NaN,
    observedLcpMs: metrics?.observedLargestContentfulPaint ?? NaN,
    transferKb: value('total-byte-weight') / 1000,
    finalUrl: lhr.finalDisplayedUrl,
    lcpElement: lcpElementOf(lhr),
    scripts: requests.filter((r) => r.resourceType === 'Script').map((r) => r.url),
    warnings: lhr.runWarnings,
  };
}

/** Gzip size of the scripts of a run, from the build's own .gz copies (gzipped here where there is none). */
function scriptsKbGz(webDist: string, base: string, scripts: readonly string[]): number {
  let bytes = 0;
  for (const url of new Set(scripts)) {
    if (!url.startsWith(`${base}/`)) throw new Error(`the feed loaded a script from elsewhere: ${url}`);
    const file = join(webDist, ...new URL(url).pathname.split('/').filter(Boolean));
    bytes += existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(readFileSync(file)).length;
  }
  return bytes / 1000;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const webDist = join(root, 'apps/web/dist');
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`${webDist} has no build of the web client`);
  const prefix = `heimo_bench_${suffix()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'heimo-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'heimo-bench-chromium-'));
  const reports = join(root, 'test-results', 'bench-web');
  mkdirSync(reports, { recursive: true });
  const database = await createDatabase('heimo_bench_web');
  const staticFile = join(webDist, STATIC_PAGE);
  let api: ChildProcess | undefined;
  let browser: ChildProcess | undefined;
  const load1 = loadavg()[0] ?? 0;
  try {
    say(`bench:web — Lighthouse 12 mobile, ${ROUNDS} runs each of /feed (signed in) and a static page`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The API migrates the database and seeds the demo organisation at its start, and serves the
    // built client (apps/web/dist) at the same origin, as `npm start` does.
    api = startNode(join(root, 'dist/api/apps/api/src/main.js'), {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: base,
      RUN_WORKERS: 'false',
      SEED_DEMO: 'true',
    });
    await waitForPort(port, api, 180_000);

    const item = await givePicture(base, database.url);
    writeFileSync(staticFile, staticPage(item));
    const chrome = await launchChromium(profile);
    browser = chrome.process;
    await signInBrowser(chrome.port, base);
    say(
      `  ${chromiumPath} ${((await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string }).Browser}`,
    );

    const feedUrl = `${base}/feed`;
    const staticUrl = `${base}/${STATIC_PAGE}`;
    const feed: LighthouseRun[] = [];
    const baseline: LighthouseRun[] = [];
    const ratios: number[] = [];
    const line = (name: string, run: LighthouseRun) =>
      `    ${name.padEnd(7)} LCP ${run.lcpMs.toFixed(0).padStart(5)} ms  FCP ${run.fcpMs.toFixed(0).padStart(5)} ms  ` +
      `TBT ${run.tbtMs.toFixed(0).padStart(4)} ms  score ${Math.round(run.score * 100)}  ` +
      `${run.transferKb.toFixed(0)} kB  (observed LCP ${run.observedLcpMs.toFixed(0)} ms${run.lcpElement ? `; LCP element ${run.lcpElement}` : ''})`;
    for (let round = 0; round < ROUNDS; round++) {
      say(`  round ${round + 1}`);
      const order = round % 2 ? (['static', 'feed'] as const) : (['feed', 'static'] as const);
      const results: Partial<Record<'feed' | 'static', LighthouseRun>> = {};
      for (const page of order) {
        const run = await lighthouse(
          chrome.port,
          page === 'feed' ? feedUrl : staticUrl,
          join(reports, `${page}-${round + 1}.report.json`),
        );
        if (page === 'feed' && new URL(run.finalUrl).pathname !== '/feed')
          throw new Error(`the feed's run ended at ${run.finalUrl}: the browser is not signed in`);
        results[page] = run;
        say(line(page, run));
        for (const warning of run.warnings)
          say(`      warning: ${warning.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
      feed.push(results.feed!);
      baseline.push(results.static!);
      ratios.push(results.feed!.lcpMs / results.static!.lcpMs);
    }

    const errors = await installabilityErrors(chrome.port, base);
    const installable = errors.length === 0;
    if (!installable) say(`  installability errors: ${errors.join('; ')}`);

    const lcpMs = median(feed.map((r) => r.lcpMs));
    const lcpVsStatic = median(ratios);
    const tbtMs = median(feed.map((r) => r.tbtMs));
    const jsKbGz = median(feed.map((r) => scriptsKbGz(webDist, base, r.scripts)));
    say(
      `  medians: feed LCP ${lcpMs.toFixed(0)} ms, FCP ${median(feed.map((r) => r.fcpMs)).toFixed(0)} ms, ` +
        `score ${Math.round(median(feed.map((r) => r.score)) * 100)}, ${median(feed.map((r) => r.transferKb)).toFixed(0)} kB transferred; ` +
        `static LCP ${median(baseline.map((r) => r.lcpMs)).toFixed(0)} ms; ` +
        `LCP ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
    );
    say(`  reports: ${reports}`);
    say(
      `  load average (1 min) at the start ${load1.toFixed(1)}, now ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} CPUs`,
    );
    say('');
    say(
      `web lcp_ms=${lcpMs.toFixed(0)} lcp_vs_static=${lcpVsStatic.toFixed(2)} tbt_ms=${tbtMs.toFixed(0)} ` +
        `js_kb_gz=${jsKbGz.toFixed(1)} installable=${installable}`,
    );
    const missed = [
      ...(lcpMs <= TARGETS.lcpMs ? [] : [`lcp_ms ≤ ${TARGETS.lcpMs}`]),
      ...(lcpVsStatic <= TARGETS.lcpVsStatic ? [] : [`lcp_vs_static ≤ ${TARGETS.lcpVsStatic}`]),
      ...(tbtMs <= TARGETS.tbtMs ? [] : [`tbt_ms ≤ ${TARGETS.tbtMs}`]),
      ...(installable ? [] : ['installable=true']),
    ];
    if (missed.length) process.stderr.write(`  missed: ${missed.join(', ')}\n`);
    process.exitCode = missed.length ? 1 : 0;
  } finally {
    if (browser) await stopChromium(browser);
    await stop(api);
    await database.drop();
    await dropRedisPrefix(prefix);
    rmSync(staticFile, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
