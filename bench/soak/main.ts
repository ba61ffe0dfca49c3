/**
 * bench:soak — mixed traffic held for a while (10 minutes; `--minutes N`) at half of the measured
 * capacity, against the real API (from dist, RUN_WORKERS=false, tracked links on REDIRECT_PORT) and
 * ONE click worker (`npm run start:worker`'s process) on a database and Redis prefix of its own,
 * seeded with the demo organisation (SEED_DEMO=true).
 *
 * The mix, one load-generator process per kind of request (bench/lib/load.ts):
 * - advocates reading the feed (`GET /api/feed`) and sharing (`POST /api/shares`, a new share each);
 * - visitors following tracked links (`GET /r/:code` on the redirect port, a browser's headers);
 * - leaders opening boards (`GET /api/leaderboards`, `GET /api/insights/dashboard`);
 * - the worker storing the clicks the redirects hand to the Redis stream.
 *
 * First a capacity probe: every kind at once in closed loop (connections in the mix's proportions)
 * for `BENCH_PROBE_MS`, then the worker's storing rate as it drains the probe's clicks alone; then
 * each kind in open loop at half the rate it reached there (the redirects at half of what the
 * listener answered or the worker stores, whichever is less), for the whole run. The API process's resident memory is sampled every 2 s: its growth is the median of
 * the run's last tenth against the median of the tenth after the warm-up (the first fifth). When
 * the load ends the worker drains the stream and every redirect answered must be a stored click.
 *
 * Ends with: soak minutes=… errors=… p99_ms=… rss_growth_pct=… clicks_lost=…
 * Targets: errors=0, clicks_lost=0, rss_growth_pct < 10; a missed target exits 1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { load, type LoadOptions, type LoadResult } from '../lib/load';
import { StallWatch } from './stall-watch';
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
  envNumber,
  DEMO_PASSWORD,
  signInCookie,
} from '../lib/services';

const env = envNumber;

function minutesArgument(): number {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === '--minutes' || arg.startsWith('--minutes='));
  if (at === -1) return 10;
  const raw = args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    process.stderr.write(`--minutes must be a positive number, not ${String(raw)}\n`);
    process.exit(2);
  }
  return minutes;
}

const MINUTES = minutesArgument();
const PROBE_MS = env('BENCH_PROBE_MS', 10_000);
/** Share of the probe's rate the soak runs at. */
const LOAD_SHARE = env('BENCH_LOAD_SHARE', 0.5);
const RSS_SAMPLE_MS = 2_000;
const ADVOCATE = 'advocate@demo.heimo.test';
const LEADER = 'leader@demo.heimo.test';
/** Visitors: addresses in X-Forwarded-For, taken in turn (the API trusts the loopback proxy). */
const VISITORS = {
  name: 'X-Forwarded-For',
  values: Array.from(
    { length: env('BENCH_VISITORS', 20_000) },
    (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  ),
};
/** Tracked links the visitors follow: this many shares made before the load. */
const LINKS = 4;

const BROWSER = {
  'User-Agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'fi-FI,fi;q=0.9,en;q=0.8',
  Referer: 'https://www.linkedin.com/',
};

interface Stream {
  readonly name: string;
  /** Connections in the probe: the mix's proportions. */
  readonly connections: number;
  readonly expect: number;
  readonly options: Omit<LoadOptions, 'connections' | 'durationMs' | 'warmupMs' | 'rate'>;
}

const signIn = (port: number, email: string) =>
  signInCookie(`http://127.0.0.1:${port}`, email, DEMO_PASSWORD);

/** A pack and network the advocate may share now (from their feed), and a first few shares of it. */
async function shareable(port: number, cookie: string): Promise<{ body: string; codes: string[] }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/feed?limit=50`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
  const feed = (await res.json()) as { items: { packId: string; variants: { network: string }[] }[] };
  for (const item of feed.items) {
    for (const variant of item.variants) {
      const body = JSON.stringify({ packId: item.packId, network: variant.network });
      const codes: string[] = [];
      for (let i = 0; i < LINKS; i++) {
        const share = await fetch(`http://127.0.0.1:${port}/api/shares`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body,
        });
        if (share.status !== 201) break;
        codes.push(((await share.json()) as { code: string }).code);
      }
      if (codes.length === LINKS) return { body, codes };
    }
  }
  throw new Error(`no pack in ${ADVOCATE}'s feed can be shared`);
}

/**
 * Waits until `target` clicks are stored or the count stops moving for 30 s; the clicks stored per
 * second from the first count to the last change.
 */
async function drain(
  storedNow: () => Promise<number>,
  target: number,
): Promise<{ stored: number; rate: number }> {
  const first = { at: Date.now(), n: await storedNow() };
  let last = first;
  while (last.n < target && Date.now() - last.at < 30_000) {
    await new Promise((r) => setTimeout(r, 250));
    const n = await storedNow();
    if (n !== last.n) last = { at: Date.now(), n };
  }
  const seconds = (last.at - first.at) / 1000;
  return { stored: last.n, rate: seconds > 0 ? (last.n - first.n) / seconds : Infinity };
}

/** Resident memory of a process, bytes (Linux `/proc`). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
};

/** Answers other than the expected status, and connections that closed on a request. */
const errorsOf = (result: LoadResult, expect: number) =>
  result.errors +
  Object.entries(result.allStatuses).reduce(
    (n, [status, count]) => n + (Number(status) === expect ? 0 : count),
    0,
  );

async function main(): Promise<void> {
  const root = repoRoot();
  const prefix = `heimo_bench_${suffix()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'heimo-bench-'));
  const database = await createDatabase('heimo_bench_soak');
  const client = new Client({ connectionString: database.url });
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  const load1 = loadavg()[0] ?? 0;
  try {
    say(
      `bench:soak — ${MINUTES} min of mixed traffic at ${LOAD_SHARE * 100} % of a ${PROBE_MS / 1000} s probe`,
    );
    const secret = randomBytes(32).toString('base64url');
    const common = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      AUTH_SECRET: secret,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    const port = await freePort();
    const redirectPort = await freePort();
    // The API migrates the database and seeds the demo organisation at its start.
    api = startNode(
      join(root, 'dist/api/apps/api/src/main.js'),
      {
        ...common,
        HOST: '127.0.0.1',
        PORT: String(port),
        RUN_WORKERS: 'false',
        SEED_DEMO: 'true',
        REDIRECT_PORT: String(redirectPort),
        TRUST_PROXY: 'loopback',
      },
      [],
      // BENCH_SOAK_CPU_PROF=<folder>: the API writes a V8 CPU profile of its main thread there at exit.
      process.env.BENCH_SOAK_CPU_PROF
        ? ['--cpu-prof', '--cpu-prof-interval=10000', `--cpu-prof-dir=${process.env.BENCH_SOAK_CPU_PROF}`]
        : [],
    );
    await waitForPort(port, api, 180_000);
    await waitForPort(redirectPort, api);
    worker = startNode(join(root, 'dist/api/apps/api/src/worker.js'), common);
    await client.connect();

    const advocate = await signIn(port, ADVOCATE);
    const leader = await signIn(port, LEADER);
    const { body: shareBody, codes } = await shareable(port, advocate);
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const api_ = (path: string, cookie: string) => ({
      host: '127.0.0.1',
      port,
      path,
      headers: { Cookie: cookie, Accept: 'application/json' },
    });
    const streams: Stream[] = [
      ...codes.map((code) => ({
        name: `redirect ${code}`,
        connections: 4,
        expect: 302,
        options: {
          host: '127.0.0.1',
          port: redirectPort,
          path: `/r/${code}`,
          headers: BROWSER,
          vary: VISITORS,
        },
      })),
      { name: 'feed', connections: 4, expect: 200, options: api_('/api/feed', advocate) },
      {
        name: 'share',
        connections: 1,
        expect: 201,
        options: {
          ...api_('/api/shares', advocate),
          method: 'POST',
          body: shareBody,
          headers: { Cookie: advocate, Accept: 'application/json', 'Content-Type': 'application/json' },
        },
      },
      {
        name: 'leaderboard',
        connections: 2,
        expect: 200,
        options: api_('/api/leaderboards?metric=points&period=month&limit=50', leader),
      },
      {
        name: 'dashboard',
        connections: 1,
        expect: 200,
        options: api_(`/api/insights/dashboard?from=${monthAgo}&to=${today}`, leader),
      },
    ];

    const { rows: before } = await client.query(`SELECT count(*)::int AS n FROM click_events`);
    const clicksBefore = (before[0] as { n: number }).n;

    // The capacity probe: every kind at once, closed loop.
    const storedNow = async () =>
      ((await client.query(`SELECT count(*)::int AS n FROM click_events`)).rows[0] as { n: number }).n;
    const probe = await Promise.all(
      streams.map((s) =>
        load({ ...s.options, connections: s.connections, durationMs: PROBE_MS, warmupMs: 2_000 }),
      ),
    );
    // The worker's storing rate: how fast it drains the probe's backlog (under the closed-loop load
    // it gets little CPU, so it is measured alone), until every click answered is stored.
    const probeAnswered = probe.reduce((n, r) => n + (r.allStatuses['302'] ?? 0), 0);
    const drained = await drain(storedNow, clicksBefore + probeAnswered);
    const storeRate = Math.round(drained.rate);
    let probeErrors = 0;
    say(`  probe (closed loop, ${PROBE_MS / 1000} s):`);
    probe.forEach((result, i) => {
      const s = streams[i]!;
      probeErrors += errorsOf(result, s.expect);
      say(
        `    ${s.name.padEnd(22)} ${String(result.rps).padStart(6)} req/s  p99 ${result.latencyMs.p99.toFixed(1)} ms  ${JSON.stringify(result.allStatuses)}`,
      );
    });
    // The redirects' capacity is what the listener answers and the worker stores, whichever is less:
    // above the worker's rate the stream only grows.
    const redirectRps = probe.reduce((n, r, i) => n + (streams[i]!.expect === 302 ? r.rps : 0), 0);
    const redirectCapacity = Math.min(redirectRps, storeRate);
    say(
      `    worker storing        ${String(storeRate).padStart(6)} clicks/s (draining the probe's ${probeAnswered} clicks alone)`,
    );
    const rates = probe.map((r, i) =>
      Math.max(
        1,
        Math.round(
          r.rps *
            LOAD_SHARE *
            (streams[i]!.expect === 302 && redirectRps ? redirectCapacity / redirectRps : 1),
        ),
      ),
    );
    const capacity = probe.reduce(
      (n, r, i) => n + (streams[i]!.expect === 302 ? 0 : r.rps),
      redirectCapacity,
    );
    say(`  capacity ${capacity} req/s; soak at ${rates.reduce((a, b) => a + b, 0)} req/s`);

    // The soak: each kind at half its probe rate, open loop, while the API's memory is sampled.
    const durationMs = Math.round(MINUTES * 60_000);
    const samples: { at: number; rss: number }[] = [];
    const started = Date.now();
    const watch = new StallWatch(api.pid!, port, client);
    watch.start();
    const sampler = setInterval(() => {
      if (api?.pid) samples.push({ at: Date.now() - started, rss: rssOf(api.pid) });
    }, RSS_SAMPLE_MS);
    const soak = await Promise.all(
      streams.map((s, i) =>
        load({
          ...s.options,
          // Enough connections that an open-loop request rarely waits for one.
          connections: Math.max(4, s.connections * 4),
          durationMs,
          warmupMs: 0,
          rate: rates[i]!,
        }),
      ),
    );
    clearInterval(sampler);
    watch.stop();
    let soakErrors = 0;
    let p99 = 0;
    say(`  soak (open loop, ${MINUTES} min):`);
    soak.forEach((result, i) => {
      const s = streams[i]!;
      soakErrors += errorsOf(result, s.expect);
      p99 = Math.max(p99, result.latencyMs.p99);
      say(
        `    ${s.name.padEnd(22)} ${String(result.rps).padStart(6)} req/s  p50 ${result.latencyMs.p50.toFixed(1)} ms  ` +
          `p99 ${result.latencyMs.p99.toFixed(1)} ms  max ${result.latencyMs.max.toFixed(0)} ms  ${JSON.stringify(result.allStatuses)}` +
          `${result.errors ? ` closed ${result.errors}` : ''}`,
      );
    });

    // Memory: the tenth after the warm-up (the first fifth) against the last tenth.
    const warm = samples.filter((s) => s.at >= durationMs * 0.2 && s.at < durationMs * 0.3).map((s) => s.rss);
    const last = samples.filter((s) => s.at >= durationMs * 0.9).map((s) => s.rss);
    const rssWarm = median(warm);
    const rssEnd = median(last);
    const growth = rssWarm ? ((rssEnd - rssWarm) / rssWarm) * 100 : NaN;
    const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
    say(
      `  API resident memory: ${mb(samples[0]?.rss ?? 0)} MB at the start, ${mb(rssWarm)} MB after warm-up, ` +
        `${mb(rssEnd)} MB at the end, max ${mb(Math.max(...samples.map((s) => s.rss)))} MB`,
    );

    // Clicks: every redirect answered (probe and soak) must be stored once the worker drains.
    const answered = [...probe, ...soak].reduce((n, r) => n + (r.allStatuses['302'] ?? 0), 0);
    const drainStarted = Date.now();
    const stored = (await drain(storedNow, clicksBefore + answered)).stored - clicksBefore;
    const lost = answered - stored;
    say(
      `  clicks: ${answered} redirects answered, ${stored} stored (drained in ${((Date.now() - drainStarted) / 1000).toFixed(1)} s)`,
    );
    say(
      `  load average (1 min) at the start ${load1.toFixed(1)}, now ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} CPUs`,
    );
    for (const line of watch.report()) say(line);
    const errors = probeErrors + soakErrors;
    say('');
    say(
      `soak minutes=${MINUTES} errors=${errors} p99_ms=${p99.toFixed(1)} rss_growth_pct=${growth.toFixed(1)} clicks_lost=${lost}`,
    );
    const missed = [
      ...(errors === 0 ? [] : ['errors=0']),
      ...(lost <= 0 ? [] : ['clicks_lost=0']),
      ...(growth < 10 ? [] : ['rss_growth_pct < 10']),
    ];
    if (missed.length) process.stderr.write(`  missed: ${missed.join(', ')}\n`);
    process.exitCode = missed.length ? 1 : 0;
  } finally {
    await stop(api);
    await stop(worker);
    await client.end().catch(() => undefined);
    await database.drop();
    await dropRedisPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
