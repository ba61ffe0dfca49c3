/**
 * bench:ingest — clicks stored and rolled up per second by ONE click worker (`npm run
 * start:worker`'s process, from dist) on the local PostgreSQL (a database of its own) and Redis (a
 * prefix of its own). A backlog of clicks is written to the clicks stream the way API processes
 * write it (batches of a few hundred, some batches delivered twice as a replayed journal would
 * be); the time runs from the first batch written to the moment every distinct click is stored and
 * counted in the rollups. Then the rollups are recounted from the raw events and compared.
 *
 * Baseline, in the same run: the same clicks inserted straight into a plain copy of the events
 * table (same indexes, no partitioning, no uniqueness, no rollups, no Redis), in batches of the
 * same size as the worker's transactions.
 *
 * Ends with: ingest clicks_per_s=… recount_equal=true|false baseline_insert_per_s=… ratio_vs_insert=…
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import {
  type ClickMessage,
  ClickBatchWriter,
  decodeClickBatch,
} from '../../apps/api/src/modules/sharing/clicks/click-message';
import {
  CLICK_BATCH_FIELD,
  CLICK_STREAM_GROUP,
  clickStreamKey,
} from '../../apps/api/src/modules/sharing/clicks/click-stream';
import {
  recountDailyStats,
  recountPackDailyStats,
  recountShareNetworkDays,
  storedDailyStats,
  storedPackDailyStats,
  storedShareNetworkDays,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import {
  createDatabase,
  dropRedisPrefix,
  redisUrl,
  repoRoot,
  say,
  startNode,
  stop,
  suffix,
  envNumber,
} from '../lib/services';

const env = envNumber;
const CLICKS = env('BENCH_CLICKS', 150_000);
const BATCH = env('BENCH_BATCH', 400);
const SHARES = env('BENCH_SHARES', 600);
const VISITORS = env('BENCH_VISITORS', 40_000);
/** Visitors share networks (/24s, /64s): 200 a network (offices), so busy shares pass the daily limit of 5. */
const VISITORS_PER_NETWORK = env('BENCH_VISITORS_PER_NETWORK', 200);
const REPLAYED_BATCHES = 0.02;
const HOUR = 3_600_000;

const TIME_ZONES = ['Europe/Helsinki', 'America/New_York', 'Asia/Kolkata'];
const NETWORKS = ['linkedin', 'x', 'facebook', 'bluesky', 'whatsapp'];
const REFERRERS = ['www.linkedin.com', 't.co', 'l.facebook.com', 'bsky.app', null, null];

async function migrate(databaseUrl: string): Promise<void> {
  const child = startNode(
    join(repoRoot(), 'dist/api/apps/api/src/cli/migrations.js'),
    { DATABASE_URL: databaseUrl },
    ['run'],
  );
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error('migrations failed');
}

interface SeededShare {
  id: string;
  createdAt: number;
}

/** Organisations in three time zones, their members and shares (with the share rollups). */
async function seed(client: Client): Promise<SeededShare[]> {
  const shares: SeededShare[] = [];
  const now = Date.now();
  for (const [o, timezone] of TIME_ZONES.entries()) {
    const {
      rows: [org],
    } = await client.query(
      `INSERT INTO organisations (name, slug, timezone, settings) VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        `Bench ${o}`,
        `bench-${o}`,
        timezone,
        o === 2 ? { points: { uniqueClick: 3, uniqueClickCapPerShare: 30 } } : {},
      ],
    );
    const { rows: members } = await client.query(
      `INSERT INTO members (organisation_id, email, name, status)
       SELECT $1, 'm' || g || '-' || $2 || '@example.test', 'Member ' || g, 'active' FROM generate_series(1, 40) g
       RETURNING id`,
      [org.id, o],
    );
    const {
      rows: [pack],
    } = await client.query(
      `INSERT INTO packs (organisation_id, slug, title, destination_url, status, published_at)
       VALUES ($1, 'launch', 'Launch', 'https://example.com/launch', 'published', now()) RETURNING id`,
      [org.id],
    );
    const perOrg = Math.ceil(SHARES / TIME_ZONES.length);
    const values: unknown[][] = [[], [], [], [], []];
    for (let i = 0; i < perOrg; i++) {
      const createdAt = now - 72 * HOUR + Math.floor(Math.random() * 20 * HOUR);
      values[0]!.push((members[i % members.length] as { id: string }).id);
      values[1]!.push(NETWORKS[i % NETWORKS.length]);
      values[2]!.push(randomBytes(8).toString('hex').slice(0, 10));
      values[3]!.push(new Date(createdAt).toISOString());
      values[4]!.push(50 + ((i * 37) % 900));
    }
    const { rows } = await client.query(
      `INSERT INTO shares (organisation_id, member_id, pack_id, network, locale, code, text, redirect_url, audience_size, created_at)
       SELECT $1, m, $2, n, 'en', c, 'Launch!', 'https://example.com/launch?utm_content=' || c, a, t
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::int[]) AS v(m, n, c, t, a)
       RETURNING id, (extract(epoch FROM created_at) * 1000)::bigint AS at`,
      [org.id, pack.id, ...values],
    );
    for (const row of rows as { id: string; at: string }[])
      shares.push({ id: row.id, createdAt: Number(row.at) });
  }
  // The share rollups, as RollupService.recordShare adds them.
  await client.query(
    `INSERT INTO daily_stats (organisation_id, member_id, day, network, shares, reach, points)
     SELECT s.organisation_id, s.member_id, (s.created_at AT TIME ZONE o.timezone)::date, s.network,
            count(*), sum(s.audience_size), 10 * count(*)
       FROM shares s JOIN organisations o ON o.id = s.organisation_id
      GROUP BY 1, 2, 3, 4`,
  );
  await client.query(
    `INSERT INTO pack_daily_stats (organisation_id, pack_id, member_id, day, network, locale, shares, reach)
     SELECT s.organisation_id, s.pack_id, s.member_id, (s.created_at AT TIME ZONE o.timezone)::date, s.network,
            s.locale, count(*), sum(s.audience_size)
       FROM shares s JOIN organisations o ON o.id = s.organisation_id
      GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  return shares;
}

/**
 * Clicks in time order over the last two days, 10 % previews, visitors coming back now and then, as
 * stream lines of BATCH clicks in the format the click shipper writes (`ClickBatchWriter`), with the
 * clicks those lines hold.
 */
function makeBatches(shares: readonly SeededShare[]): { lines: string[]; clicks: ClickMessage[] } {
  const visitors = Array.from({ length: VISITORS }, () => randomBytes(16).toString('hex'));
  const networks = Array.from({ length: Math.ceil(VISITORS / VISITORS_PER_NETWORK) }, () =>
    randomBytes(8).toString('hex'),
  );
  const start = Date.now() - 48 * HOUR;
  const step = (48 * HOUR) / CLICKS;
  const lines: string[] = [];
  let batch = new ClickBatchWriter();
  for (let i = 0; i < CLICKS; i++) {
    const share = shares[Math.floor(Math.random() ** 2 * shares.length)] as SeededShare;
    const visitor = Math.floor(Math.random() * visitors.length);
    batch.add(
      Math.floor(start + i * step),
      share.id,
      visitors[visitor] as string,
      Math.random() < 0.1 ? 'link_preview' : null,
      REFERRERS[i % REFERRERS.length] ?? null,
      networks[visitor % networks.length] as string,
    );
    if (batch.size === BATCH || i === CLICKS - 1) {
      lines.push(batch.line());
      batch = new ClickBatchWriter();
    }
  }
  return { lines, clicks: lines.flatMap((line) => decodeClickBatch(line)) };
}

async function waitForConsumer(redis: Redis, key: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const groups = (await redis.call('XINFO', 'GROUPS', key)) as unknown[][];
      for (const group of groups) {
        const info = new Map<string, unknown>();
        for (let i = 0; i + 1 < group.length; i += 2) info.set(String(group[i]), group[i + 1]);
        if (info.get('name') === CLICK_STREAM_GROUP && Number(info.get('consumers')) >= 1) return;
      }
    } catch {
      // No stream yet.
    }
    if (Date.now() > until) throw new Error('the click worker did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The same rows straight into a plain table with the same indexes: what inserting alone costs. */
async function baselineInsert(client: Client, clicks: readonly ClickMessage[]): Promise<number> {
  await client.query(`CREATE TABLE click_events_baseline (LIKE click_events INCLUDING DEFAULTS)`);
  await client.query(`ALTER TABLE click_events_baseline ADD PRIMARY KEY (id, occurred_at)`);
  await client.query(`CREATE INDEX ON click_events_baseline (share_id, visitor, occurred_at)`);
  await client.query(`CREATE INDEX ON click_events_baseline (organisation_id, occurred_at)`);
  const { rows } = await client.query(`SELECT id, organisation_id, member_id, network FROM shares`);
  const owner = new Map(
    (rows as { id: string; organisation_id: string; member_id: string; network: string }[]).map((r) => [
      r.id,
      r,
    ]),
  );
  const started = Date.now();
  for (let i = 0; i < clicks.length; i += 5_000) {
    const chunk = clicks.slice(i, i + 5_000);
    await client.query(
      `INSERT INTO click_events_baseline
         (id, occurred_at, organisation_id, share_id, member_id, network, visitor, is_preview, preview_reason, is_unique, referrer_host,
          network_hash)
       SELECT id, at, o, s, m, n, decode(v, 'hex'), r IS NOT NULL, r, false, h, decode(nh, 'hex')
         FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[])
           AS t(id, at, o, s, m, n, v, r, h, nh)`,
      [
        chunk.map((c) => c.id),
        chunk.map((c) => new Date(c.at).toISOString()),
        chunk.map((c) => owner.get(c.shareId)!.organisation_id),
        chunk.map((c) => c.shareId),
        chunk.map((c) => owner.get(c.shareId)!.member_id),
        chunk.map((c) => owner.get(c.shareId)!.network),
        chunk.map((c) => c.visitor),
        chunk.map((c) => c.previewReason),
        chunk.map((c) => c.referrerHost),
        chunk.map((c) => c.network ?? null),
      ],
    );
  }
  return Math.round(clicks.length / ((Date.now() - started) / 1000));
}

async function main(): Promise<void> {
  const prefix = `heimo_bench_${suffix()}`;
  const key = clickStreamKey(prefix);
  const dataDir = mkdtempSync(join(tmpdir(), 'heimo-bench-'));
  const database = await createDatabase('heimo_bench_ingest');
  const client = new Client({ connectionString: database.url });
  const redis = new Redis(redisUrl());
  let worker: ChildProcess | undefined;
  try {
    say(`bench:ingest — ${CLICKS} clicks on ${SHARES} shares in batches of ${BATCH}, one worker`);
    await migrate(database.url);
    await client.connect();
    const shares = await seed(client);
    const { lines, clicks } = makeBatches(shares);

    worker = startNode(join(repoRoot(), 'dist/api/apps/api/src/worker.js'), {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    await waitForConsumer(redis, key);

    const stored = async () =>
      Number((await client.query(`SELECT coalesce(sum(clicks + previews), 0) AS n FROM shares`)).rows[0].n);
    const started = Date.now();
    let replayed = 0;
    for (let i = 0; i < lines.length; i += 25) {
      const pipeline = redis.pipeline();
      for (const line of lines.slice(i, i + 25)) {
        pipeline.xadd(key, '*', CLICK_BATCH_FIELD, line);
        if (Math.random() < REPLAYED_BATCHES) {
          pipeline.xadd(key, '*', CLICK_BATCH_FIELD, line);
          replayed += 1;
        }
      }
      await pipeline.exec();
    }
    const written = Date.now();
    let last = 0;
    while ((last = await stored()) < clicks.length) {
      if (Date.now() - started > 600_000) throw new Error(`only ${last} of ${clicks.length} clicks stored`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (Date.now() - started) / 1000;
    const rate = Math.round(clicks.length / seconds);
    // Let the replayed batches that come last pass too, then check nothing more was counted.
    await new Promise((r) => setTimeout(r, 1_000));
    const finalStored = await stored();

    const queryable = {
      query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
    };
    const [events] = (
      await client.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM click_events`)
    ).rows as { n: number; ids: number }[];
    const rollups = await storedDailyStats(queryable);
    const recount = await recountDailyStats(queryable);
    const packRollupsEqual = isDeepStrictEqual(
      await storedPackDailyStats(queryable),
      await recountPackDailyStats(queryable),
    );
    const networkDaysEqual = isDeepStrictEqual(
      await storedShareNetworkDays(queryable),
      await recountShareNetworkDays(queryable),
    );
    const excluded = rollups.reduce((sum, row) => sum + row.excludedClicks, 0);
    say(
      `  unique clicks excluded from points (more than 5 visitors of a share from one network a day): ${excluded}`,
    );
    const recountEqual =
      isDeepStrictEqual(rollups, recount) &&
      packRollupsEqual &&
      networkDaysEqual &&
      events!.n === clicks.length &&
      finalStored === clicks.length;
    await stop(worker);
    worker = undefined;

    const baseline = await baselineInsert(client, clicks);
    say('');
    say(`  stream written in ${((written - started) / 1000).toFixed(2)} s (${replayed} batches sent twice)`);
    say(
      `  one worker: ${clicks.length} clicks stored and rolled up in ${seconds.toFixed(2)} s = ${rate} clicks/s (target ≥ 10000)`,
    );
    say(
      `  click events: ${events!.n} (${events!.ids} distinct ids); rollup rows: ${rollups.length}; recount equal (daily and pack rollups): ${recountEqual}`,
    );
    say(`  baseline, plain INSERT of the same rows (no uniqueness, rollups or queue): ${baseline} rows/s`);
    say(`  ratio worker / plain insert: ${(rate / baseline).toFixed(2)}`);
    say('');
    say(
      `ingest clicks_per_s=${rate} recount_equal=${recountEqual} baseline_insert_per_s=${baseline} ratio_vs_insert=${(rate / baseline).toFixed(2)}`,
    );
    process.exitCode = recountEqual && rate >= 10_000 ? 0 : 1;
  } finally {
    await stop(worker);
    redis.disconnect();
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
