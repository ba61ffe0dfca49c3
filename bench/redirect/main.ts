/**
 * bench:redirect — requests per second of `GET /r/:code` on the real Heimo server (its own
 * database on the local PostgreSQL, its own prefix on the local Redis), against a bare `node:http`
 * server answering the same 302, with the same load: same connections, same request bytes, one
 * load-generator process. Also Heimo with counting off (CLICK_COUNTING=false), and an open-loop run
 * at half the bare server's maximum rate for the p99 latency.
 *
 * Heimo runs as an API replica (RUN_WORKERS=false) with tracked links on a port of their own
 * (REDIRECT_PORT, answered by the redirect listener's thread); the same process's API port, where
 * the API's own thread answers them, is measured too, for comparison. Clicks go to the Redis
 * stream; the worker that stores them is measured by bench:ingest. At the end the stream is read back to check that every
 * redirect Heimo answered with counting on was recorded.
 *
 * Ends with: redirect ratio_vs_bare=… ratio_on_off=… p99_ms=… bare_rps=… heimo_rps=… off_rps=…
 * api_port_rps=… api_port_vs_bare=… clicks_recorded=… clicks_answered=… cpu_us_on=… cpu_us_off=…
 * cpu_us_bare=… redis_cpu_us_on=… (CPU time per redirect: the server process, all its threads, and
 * the Redis server, over each closed-loop run's answers; medians of the rounds).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { buildShareRedirectUrl } from '@heimo/content';
import Redis from 'ioredis';
import { Client } from 'pg';
import { type ClickMessage, decodeClickBatch } from '../../apps/api/src/modules/sharing/clicks/click-message';
import { CLICK_BATCH_FIELD, clickStreamKey } from '../../apps/api/src/modules/sharing/clicks/click-stream';
import { load, type LoadOptions, type LoadResult } from '../lib/load';
import {
  createDatabase,
  dropRedisPrefix,
  freePort,
  processCpuUs,
  redisServerPid,
  threadCpuUs,
  redisUrl,
  repoRoot,
  say,
  startNode,
  stop,
  suffix,
  waitForPort,
  envNumber,
} from '../lib/services';

const env = envNumber;
const CONNECTIONS = env('BENCH_CONNECTIONS', 32);
const DURATION_MS = env('BENCH_DURATION_MS', 3_000);
const WARMUP_MS = env('BENCH_WARMUP_MS', 1_000);
const ROUNDS = env('BENCH_ROUNDS', 7);
const PACED_RUNS = env('BENCH_PACED_RUNS', 5);
const CODE = 'BenchCode7';

/** What a visitor's browser sends, the same bytes to every server. */
const HEADERS = {
  'User-Agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'fi-FI,fi;q=0.9,en;q=0.8',
  Referer: 'https://www.linkedin.com/',
};

async function seed(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const built = buildShareRedirectUrl({
      destination: 'https://example.com/news/2026/new-office?ref=feed',
      networkId: 'linkedin',
      campaign: 'new-office',
      shareCode: CODE,
    });
    if (!built.ok) throw new Error(built.code);
    const {
      rows: [org],
    } = await client.query(`INSERT INTO organisations (name, slug) VALUES ('Bench', 'bench') RETURNING id`);
    const {
      rows: [member],
    } = await client.query(
      `INSERT INTO members (organisation_id, email, name, status) VALUES ($1, 'bench@example.test', 'Bench', 'active') RETURNING id`,
      [org.id],
    );
    const {
      rows: [pack],
    } = await client.query(
      `INSERT INTO packs (organisation_id, slug, title, destination_url, status, published_at)
       VALUES ($1, 'new-office', 'New office', 'https://example.com/news/2026/new-office?ref=feed', 'published', now()) RETURNING id`,
      [org.id],
    );
    await client.query(
      `INSERT INTO shares (organisation_id, member_id, pack_id, network, locale, code, text, redirect_url, audience_size)
       VALUES ($1, $2, $3, 'linkedin', 'en', $4, 'New office!', $5, 500)`,
      [org.id, member.id, pack.id, CODE, built.url],
    );
    return built.url;
  } finally {
    await client.end();
  }
}

/**
 * Counts the distinct clicks in the stream and drops the entries it counted, so Redis does not
 * hold hundreds of megabytes of clicks by the end (no worker reads them here). A batch can be in
 * the stream twice: when Redis answers an XADD too late, the recorder journals the batch and
 * replays it later (the worker stores each click id once), hence distinct clicks. A format-2 batch's
 * click ids share its batch's prefix (`ClickBatchWriter`), so one entry per batch is remembered, not
 * one per click: millions of ids in this process's heap would bring garbage collections that run
 * beside the measured servers.
 */
class StreamTally {
  /** Clicks per batch, by the click ids' shared prefix. */
  private readonly batches = new Map<string, number>();
  private clicks = 0;
  private readonly redis = new Redis(redisUrl());
  private last = '-';

  constructor(private readonly key: string) {}

  async collect(): Promise<number> {
    for (;;) {
      const entries = await this.redis.xrange(this.key, this.last, '+', 'COUNT', 1000);
      for (const [, fields] of entries) {
        const at = fields.indexOf(CLICK_BATCH_FIELD);
        if (at !== -1) this.add(decodeClickBatch(fields[at + 1] as string));
      }
      if (entries.length > 0) {
        const lastId = entries[entries.length - 1]![0];
        this.last = `(${lastId}`;
        await this.redis.xdel(this.key, ...entries.map(([id]) => id));
      }
      if (entries.length < 1000) return this.clicks;
    }
  }

  private add(clicks: ClickMessage[]): void {
    const first = clicks[0];
    if (!first) return;
    const batch = first.id.slice(0, 32);
    if (clicks.some((click) => !click.id.startsWith(batch))) {
      // Not one format-2 batch (the shipper writes no other): every id on its own.
      for (const click of clicks) this.addBatch(click.id, 1);
    } else {
      this.addBatch(batch, clicks.length);
    }
  }

  private addBatch(key: string, count: number): void {
    const known = this.batches.get(key) ?? 0;
    // A replayed batch holds the same clicks; a batch never holds more than its first copy.
    if (count > known) {
      this.clicks += count - known;
      this.batches.set(key, count);
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}

const fmt = (r: LoadResult) =>
  `${String(r.rps).padStart(7)} rps  p50 ${r.latencyMs.p50.toFixed(2)} ms  p99 ${r.latencyMs.p99.toFixed(2)} ms  ` +
  `max ${r.latencyMs.max.toFixed(1)} ms  client ${r.clientCpuUsPerRequest} µs/req, stalled ≤ ${r.clientStallMs} ms  ${JSON.stringify(r.statuses)}${r.errors ? ` errors ${r.errors}` : ''}`;

async function main(): Promise<void> {
  const root = repoRoot();
  const mainJs = join(root, 'dist/api/apps/api/src/main.js');
  const bareJs = join(__dirname, 'bare-server.js');
  const prefix = `heimo_bench_${suffix()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'heimo-bench-'));
  const database = await createDatabase('heimo_bench_redirect');
  const children: ChildProcess[] = [];
  const tallies: StreamTally[] = [];
  const heimo = async (counting: boolean) => {
    const port = await freePort();
    const redirectPort = await freePort();
    const child = startNode(mainJs, {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      DATA_DIR: dataDir,
      RUN_WORKERS: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      CLICK_COUNTING: String(counting),
      REDIRECT_PORT: String(redirectPort),
    });
    children.push(child);
    await waitForPort(port, child);
    await waitForPort(redirectPort, child);
    return { port, redirectPort, pid: child.pid! };
  };
  const load1 = loadavg()[0] ?? 0;
  try {
    say(
      `bench:redirect — ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_MS / 1000} s (+${WARMUP_MS / 1000} s warm-up) per server`,
    );
    // The first Heimo migrates the database; the others start on it.
    const on = await heimo(true);
    const location = await seed(database.url);
    const off = await heimo(false);
    const onPort = on.redirectPort;
    const offPort = off.redirectPort;
    const barePort = await freePort();
    const bare = startNode(bareJs, {}, [String(barePort), location]);
    children.push(bare);
    await waitForPort(barePort, bare);

    const redisPid = await redisServerPid();
    const tally = new StreamTally(clickStreamKey(prefix));
    tallies.push(tally);
    // CPU per redirect: the server process's (all its threads) and Redis' own, over each run.
    const cpu = () => ({ usage: [] as number[], redis: [] as number[] });
    const targets = [
      { name: 'bare node:http', port: barePort, pid: bare.pid!, runs: [] as LoadResult[], cpu: cpu() },
      { name: 'heimo on, own port', port: onPort, pid: on.pid, runs: [] as LoadResult[], cpu: cpu() },
      { name: 'heimo off, own port', port: offPort, pid: off.pid, runs: [] as LoadResult[], cpu: cpu() },
      // For comparison: the same Heimo answering on the API's own thread (the API port).
      { name: 'heimo on, API port', port: on.port, pid: on.pid, runs: [] as LoadResult[], cpu: cpu() },
    ];
    const base = {
      host: '127.0.0.1',
      path: `/r/${CODE}`,
      headers: HEADERS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated order, so no server always runs first or last while the machine's load drifts.
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        const cpuBefore = processCpuUs(target.pid);
        const threadsBefore = threadCpuUs(target.pid);
        const redisBefore = processCpuUs(redisPid);
        const result = await load({ ...base, port: target.port, connections: CONNECTIONS });
        const answers = Object.values(result.allStatuses).reduce((sum, n) => sum + n, 0);
        // The busiest threads of the process in the run (the listener, the shipper, the API's own,
        // V8's helpers), µs per answer: where the CPU per redirect goes.
        const threads = [...threadCpuUs(target.pid)]
          .map(([tid, us]) => (us - (threadsBefore.get(tid) ?? 0)) / answers)
          .sort((a, b) => b - a)
          .slice(0, 4);
        target.cpu.usage.push((processCpuUs(target.pid) - cpuBefore) / answers);
        target.cpu.redis.push((processCpuUs(redisPid) - redisBefore) / answers);
        target.runs.push(result);
        if (target.port === onPort || target.port === on.port) await tally.collect();
        say(
          `  round ${round + 1}  ${target.name.padEnd(20)} ${fmt(result)}  ` +
            `server ${target.cpu.usage[round]!.toFixed(1)} µs/req (busiest threads ${threads.map((us) => us.toFixed(1)).join(', ')}), ` +
            `redis ${target.cpu.redis[round]!.toFixed(1)} µs/req`,
        );
      }
    }
    // Each round runs the three servers back to back, so a ratio compares runs under the same
    // load of the machine; the median over the rounds leaves out rounds other work disturbed.
    const [bareTarget, onTarget, offTarget, apiPortTarget] = targets as [
      (typeof targets)[0],
      (typeof targets)[0],
      (typeof targets)[0],
      (typeof targets)[0],
    ];
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const rounds = bareTarget.runs.map((bareRun, r) => ({
      vsBare: onTarget.runs[r]!.rps / bareRun.rps,
      onOff: onTarget.runs[r]!.rps / offTarget.runs[r]!.rps,
      apiPortVsBare: apiPortTarget.runs[r]!.rps / bareRun.rps,
    }));
    const ratioVsBare = median(rounds.map((r) => r.vsBare));
    const ratioOnOff = median(rounds.map((r) => r.onOff));
    const bareRps = Math.round(median(bareTarget.runs.map((r) => r.rps)));
    const heimoRps = Math.round(median(onTarget.runs.map((r) => r.rps)));
    const offRps = Math.round(median(offTarget.runs.map((r) => r.rps)));
    const apiPortRps = Math.round(median(apiPortTarget.runs.map((r) => r.rps)));
    const apiPortVsBare = median(rounds.map((r) => r.apiPortVsBare));
    const bareMax = Math.max(...bareTarget.runs.map((r) => r.rps));
    // CPU per redirect answered, medians of the rounds: the Heimo process (listener, shipper and
    // the rest of the API, all threads) and the Redis server storing the clicks.
    const cpuOn = median(onTarget.cpu.usage);
    const cpuOff = median(offTarget.cpu.usage);
    const cpuBare = median(bareTarget.cpu.usage);
    const redisOn = median(onTarget.cpu.redis);
    const redisOff = median(offTarget.cpu.redis);
    say(
      `  per round, on/bare: ${rounds.map((r) => r.vsBare.toFixed(2)).join(' ')}; on/off: ${rounds
        .map((r) => r.onOff.toFixed(2))
        .join(' ')}`,
    );

    // Open loop at half the bare server's maximum rate (its closed-loop throughput, median of the
    // rounds), with a longer warm-up so a run starts from a steady state, not from the queue of its
    // first second. Other work on the machine only ever adds latency: the best run counts, and the
    // median is shown beside it.
    const rate = Math.floor(bareRps / 2);
    const paced: LoadOptions = {
      ...base,
      port: onPort,
      connections: CONNECTIONS * 2,
      rate,
      warmupMs: 3_000,
      durationMs: 5_000,
    };
    const pacedRuns: LoadResult[] = [];
    for (let run = 0; run < PACED_RUNS; run++) {
      const result = await load(paced);
      pacedRuns.push(result);
      onTarget.runs.push(result);
      await tally.collect();
      say(`  open loop at ${rate} req/s (half the bare maximum), heimo counting on: ${fmt(result)}`);
    }
    const p99 = Math.min(...pacedRuns.map((r) => r.latencyMs.p99));
    const p99Median = median(pacedRuns.map((r) => r.latencyMs.p99));

    // Every redirect Heimo answered with counting on is in the stream (the flush interval is 5 ms);
    // a request the client cut off at the end of a run may have been answered and counted too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Both of the counting Heimo's listeners send their clicks to the one stream.
    const countedRuns = [...onTarget.runs, ...apiPortTarget.runs];
    const answered = countedRuns.reduce((sum, r) => sum + (r.allStatuses['302'] ?? 0), 0);
    const sent = countedRuns.reduce((sum, r) => sum + r.sent, 0);
    const streamed = await tally.collect();
    const allCounted = streamed >= answered && streamed <= sent;
    const otherStatuses = targets
      .flatMap((t) => t.runs)
      .some((r) => Object.keys(r.allStatuses).some((s) => s !== '302'));

    say('');
    say(`  machine load (1-minute average) at the start: ${load1.toFixed(2)} on ${cpus().length} CPUs`);
    say(`  baseline (bare node:http): ${bareRps} rps (median of ${ROUNDS} rounds; best ${bareMax})`);
    say(
      `  heimo, counting on:        ${heimoRps} rps  (on/bare ${ratioVsBare.toFixed(2)}, median per round; target ≥ 0.78)`,
    );
    say(
      `  heimo, counting off:       ${offRps} rps  (on/off ${ratioOnOff.toFixed(2)}, median per round; target ≥ 0.88)`,
    );
    say(
      `  heimo on, API port:        ${apiPortRps} rps  (on the API's own thread: ${apiPortVsBare.toFixed(2)} of bare, for comparison)`,
    );
    say(
      `  CPU per redirect:          counting on ${cpuOn.toFixed(1)} µs + Redis ${redisOn.toFixed(1)} µs; ` +
        `off ${cpuOff.toFixed(1)} µs + Redis ${redisOff.toFixed(1)} µs; bare ${cpuBare.toFixed(1)} µs ` +
        `(process CPU over answers, medians of the rounds)`,
    );
    say(
      `  p99 at ${rate} req/s:        ${p99.toFixed(2)} ms best, ${p99Median.toFixed(2)} ms median (target ≤ 10 ms)`,
    );
    say(
      `  clicks recorded:           ${streamed}; redirects answered with counting on ${answered}` +
        (sent > answered ? ` (+${sent - answered} cut off by the client at the end of a run)` : ''),
    );
    if (otherStatuses) say('  WARNING: some answers were not 302');
    say('');
    say(
      `redirect ratio_vs_bare=${ratioVsBare.toFixed(2)} ratio_on_off=${ratioOnOff.toFixed(2)} ` +
        `p99_ms=${p99.toFixed(2)} bare_rps=${bareRps} heimo_rps=${heimoRps} ` +
        `off_rps=${offRps} api_port_rps=${apiPortRps} api_port_vs_bare=${apiPortVsBare.toFixed(2)} ` +
        `clicks_recorded=${streamed} clicks_answered=${answered} cpu_us_on=${cpuOn.toFixed(1)} ` +
        `cpu_us_off=${cpuOff.toFixed(1)} cpu_us_bare=${cpuBare.toFixed(1)} redis_cpu_us_on=${redisOn.toFixed(1)}`,
    );
    process.exitCode = allCounted && !otherStatuses ? 0 : 1;
  } finally {
    for (const tally of tallies) tally.close();
    for (const child of children) await stop(child);
    await database.drop();
    await dropRedisPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
