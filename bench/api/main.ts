/**
 * bench:api — the reads a signed-in advocate makes most, through HTTP against the real API (from
 * dist, another process, RUN_WORKERS=false) on a database of its own seeded with the demo
 * organisation (SEED_DEMO=true: a small organisation), at 20 connections each in closed loop:
 * - `GET /api/me` (the signed-in member),
 * - `GET /api/feed?limit=20` (the advocate's feed),
 * - `GET /api/me/impact` (My impact),
 * - `GET /api/leaderboards?metric=points&period=month&limit=50` (the organisation's board);
 * and, as the baseline in the same run, `GET /healthz` (liveness: no session, no database — what
 * the framework itself costs per request, the floor under every read).
 *
 * Rounds (`BENCH_ROUNDS`, 5) run the five back to back in rotating order, so each round's ratios
 * compare runs made under the same load of the machine; the ratios and rates printed are the medians
 * over the rounds, the feed's p95 the median of its rounds' p95s (latency from the request's sending
 * to its answer, at 20 connections in closed loop).
 *
 * Queries per request: the API's `heimo_db_queries_total` (every statement TypeORM sent, read on
 * METRICS_PORT before and after each run) over the requests answered in that run, warm-up included.
 * CPU per request: the API process's user + system time (`/proc/<pid>/stat`) over the same span.
 *
 * BENCH_API_CPU_PROF=<folder> starts the API with `--cpu-prof` (1 ms samples); the profile is
 * written there when the API stops.
 *
 * Ends with: api me_vs_floor=… feed_vs_floor=… feed_p95_ms=… impact_vs_floor=… board_vs_floor=…
 * floor_rps=… me_queries=… feed_queries=… impact_queries=… board_queries=…
 * Targets: me_vs_floor ≥ 0.5, feed_vs_floor ≥ 0.3, feed_p95_ms ≤ 60; a missed target exits 1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { load, type LoadResult } from '../lib/load';
import {
  createDatabase,
  dropRedisPrefix,
  freePort,
  processCpuUs,
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
const CONNECTIONS = env('BENCH_CONNECTIONS', 20);
const DURATION_MS = env('BENCH_DURATION_MS', 3_000);
const WARMUP_MS = env('BENCH_WARMUP_MS', 1_000);
const ROUNDS = env('BENCH_ROUNDS', 5);
const ADVOCATE = 'advocate@demo.heimo.test';
const TARGETS = { me: 0.5, feed: 0.3, feedP95Ms: 60 };

interface Kind {
  readonly name: 'floor' | 'me' | 'feed' | 'impact' | 'board';
  readonly path: string;
  readonly signedIn: boolean;
}

const KINDS: readonly Kind[] = [
  { name: 'floor', path: '/healthz', signedIn: false },
  { name: 'me', path: '/api/me', signedIn: true },
  { name: 'feed', path: '/api/feed?limit=20', signedIn: true },
  { name: 'impact', path: '/api/me/impact', signedIn: true },
  { name: 'board', path: '/api/leaderboards?metric=points&period=month&limit=50', signedIn: true },
];

interface Run {
  readonly result: LoadResult;
  readonly queriesPerRequest: number;
  readonly cpuUsPerRequest: number;
}

const signIn = (port: number, email: string) =>
  signInCookie(`http://127.0.0.1:${port}`, email, DEMO_PASSWORD);

/** Statements the API sent so far (its `heimo_db_queries_total`). */
async function queriesSoFar(metricsPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('heimo_db_queries_total '));
  if (!line) throw new Error('the API does not report heimo_db_queries_total');
  return Number(line.split(' ')[1]);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fixed = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
  const root = repoRoot();
  const prefix = `heimo_bench_${suffix()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'heimo-bench-'));
  const database = await createDatabase('heimo_bench_api');
  let api: ChildProcess | undefined;
  const load1 = loadavg()[0] ?? 0;
  try {
    say(
      `bench:api — ${KINDS.map((k) => k.path).join(', ')}; ${CONNECTIONS} connections, ` +
        `${ROUNDS} rounds of ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s of warm-up`,
    );
    const port = await freePort();
    const metricsPort = await freePort();
    // The API migrates the database and seeds the demo organisation at its start.
    api = startNode(
      join(root, 'dist/api/apps/api/src/main.js'),
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: prefix,
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        DATA_DIR: dataDir,
        RUN_WORKERS: 'false',
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
        // No notification ticks: every statement counted is a request's.
        NOTIFICATION_TICK_SECONDS: '0',
      },
      [],
      // BENCH_API_CPU_PROF=<folder>: the API writes a V8 CPU profile of its main thread there at exit.
      process.env.BENCH_API_CPU_PROF
        ? ['--cpu-prof', '--cpu-prof-interval=1000', `--cpu-prof-dir=${process.env.BENCH_API_CPU_PROF}`]
        : [],
    );
    await waitForPort(port, api, 180_000);
    await waitForPort(metricsPort, api);
    const pid = api.pid!;
    const cookie = await signIn(port, ADVOCATE);
    for (const kind of KINDS) {
      const res = await fetch(`http://127.0.0.1:${port}${kind.path}`, {
        headers: kind.signedIn ? { cookie } : {},
      });
      if (res.status !== 200) throw new Error(`${kind.path} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }

    const runs = new Map<Kind['name'], Run[]>(KINDS.map((kind) => [kind.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]!);
      for (const kind of order) {
        const queriesBefore = await queriesSoFar(metricsPort);
        const cpuBefore = processCpuUs(pid);
        const result = await load({
          host: '127.0.0.1',
          port,
          path: kind.path,
          headers: kind.signedIn
            ? { Cookie: cookie, Accept: 'application/json' }
            : { Accept: 'application/json' },
          connections: CONNECTIONS,
          durationMs: DURATION_MS,
          warmupMs: WARMUP_MS,
        });
        const cpu = processCpuUs(pid) - cpuBefore;
        const queries = (await queriesSoFar(metricsPort)) - queriesBefore;
        const answered = Object.values(result.allStatuses).reduce((sum, n) => sum + n, 0);
        const wrong = Object.entries(result.statuses).filter(([status]) => status !== '200');
        if (wrong.length || result.errors)
          throw new Error(
            `${kind.path}: answers ${JSON.stringify(result.statuses)}, ${result.errors} errors`,
          );
        runs.get(kind.name)!.push({
          result,
          queriesPerRequest: answered ? queries / answered : 0,
          cpuUsPerRequest: answered ? cpu / answered : 0,
        });
      }
      const floor = runs.get('floor')![round]!.result.rps;
      say(
        `  round ${round + 1}: ` +
          KINDS.map((kind) => {
            const run = runs.get(kind.name)![round]!;
            return (
              `${kind.name} ${run.result.rps}/s` +
              (kind.name === 'floor' ? '' : ` (${fixed(run.result.rps / floor)})`)
            );
          }).join(', '),
      );
    }

    const floorRps = runs.get('floor')!.map((run) => run.result.rps);
    const ratio = (name: Kind['name']) =>
      median(runs.get(name)!.map((run, round) => run.result.rps / floorRps[round]!));
    const summary = (name: Kind['name']) => {
      const of = runs.get(name)!;
      return {
        rps: median(of.map((run) => run.result.rps)),
        p50: median(of.map((run) => run.result.latencyMs.p50)),
        p95: median(of.map((run) => run.result.latencyMs.p95)),
        p99: median(of.map((run) => run.result.latencyMs.p99)),
        queries: median(of.map((run) => run.queriesPerRequest)),
        cpuUs: median(of.map((run) => run.cpuUsPerRequest)),
        clientCpuUs: median(of.map((run) => run.result.clientCpuUsPerRequest)),
      };
    };
    say('');
    for (const kind of KINDS) {
      const s = summary(kind.name);
      say(
        `  ${kind.path}: ${s.rps} req/s` +
          (kind.name === 'floor' ? '' : ` (${fixed(ratio(kind.name))} of the floor)`) +
          `, p50 ${fixed(s.p50, 1)} ms, p95 ${fixed(s.p95, 1)} ms, p99 ${fixed(s.p99, 1)} ms; ` +
          `${fixed(s.queries, 1)} queries, API CPU ${Math.round(s.cpuUs)} µs and client CPU ${fixed(s.clientCpuUs, 1)} µs per request`,
      );
    }
    say(
      `  load average (1 min) at the start ${fixed(load1, 1)}, now ${fixed(loadavg()[0] ?? 0, 1)} on ${cpus().length} CPUs`,
    );
    const me = ratio('me');
    const feed = ratio('feed');
    const feedP95 = summary('feed').p95;
    say('');
    say(
      `api me_vs_floor=${fixed(me)} feed_vs_floor=${fixed(feed)} feed_p95_ms=${fixed(feedP95, 1)} ` +
        `impact_vs_floor=${fixed(ratio('impact'))} board_vs_floor=${fixed(ratio('board'))} ` +
        `floor_rps=${Math.round(median(floorRps))} me_queries=${fixed(summary('me').queries, 1)} ` +
        `feed_queries=${fixed(summary('feed').queries, 1)} impact_queries=${fixed(summary('impact').queries, 1)} ` +
        `board_queries=${fixed(summary('board').queries, 1)}`,
    );
    const missed = [
      ...(me >= TARGETS.me ? [] : [`me_vs_floor ≥ ${TARGETS.me}`]),
      ...(feed >= TARGETS.feed ? [] : [`feed_vs_floor ≥ ${TARGETS.feed}`]),
      ...(feedP95 <= TARGETS.feedP95Ms ? [] : [`feed_p95_ms ≤ ${TARGETS.feedP95Ms}`]),
    ];
    if (missed.length) say(`  missed: ${missed.join(', ')}`);
    process.exitCode = missed.length ? 1 : 0;
  } finally {
    await stop(api);
    await database.drop();
    await dropRedisPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
