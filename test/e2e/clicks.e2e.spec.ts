import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { loadConfig } from '../../apps/api/src/infra/config/config';
import { findRedisServer } from '../../apps/api/src/infra/embedded/embedded-redis';
import { type Runtime, startRuntime } from '../../apps/api/src/infra/runtime';
import { ClickIngestor } from '../../apps/api/src/modules/sharing/clicks/click-ingestor';
import {
  ClickBatchWriter,
  type ClickMessage,
  decodeClickBatch,
  encodeClickBatch,
  MAX_CLICKS_PER_BATCH,
} from '../../apps/api/src/modules/sharing/clicks/click-message';
import { PREFIXED_FROM_DAY, VisitorHasher } from '../../apps/api/src/modules/sharing/clicks/visitor-hasher';
import {
  ClickPartitions,
  monthStart,
  partitionName,
} from '../../apps/api/src/modules/sharing/clicks/click-partitions';
import { ClickRecorder } from '../../apps/api/src/modules/sharing/clicks/click-recorder';
import { ClickShipper, RAW_SEPARATOR } from '../../apps/api/src/modules/sharing/clicks/click-shipper';
import {
  CLICK_STREAM_GROUP,
  clickParkedKey,
  clickStreamKey,
} from '../../apps/api/src/modules/sharing/clicks/click-stream';
import { ClickStreamConsumer } from '../../apps/api/src/modules/sharing/clicks/click-stream.consumer';
import type { Share } from '../../apps/api/src/modules/sharing/entities/share.entity';
import {
  recountDailyStats,
  recountPackDailyStats,
  storedDailyStats,
  storedPackDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { startTestServer, type TestServer } from '../support/server';
import { startTsProcess } from '../support/ts-process';
import { useTestServer } from '../support/use-test-server';
import { newShare } from '../support/shares';
import { randomSuffix, runDatabaseUrl, runRedisPrefix, testRedisUrl } from '../support/test-env';
import { freePort } from '../support/free-port';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const HOUR = 3_600_000;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const visitorHex = () => randomUUID().replace(/-/g, '');

describe('click counting', () => {
  const { server, ctx } = useTestServer({ workers: true });

  async function freshShare(options: { audienceSize?: number } = {}) {
    const { org, advocate, leader } = await ctx.newOrg('Clicks');
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    const share = await newShare(server.dataSource, advocate, pack, options);
    return { org, advocate, leader, pack, share };
  }

  const counters = async (shareId: string) =>
    (
      await server.dataSource.query(
        `SELECT clicks, unique_clicks AS "uniqueClicks", previews, click_points AS "clickPoints" FROM shares WHERE id = $1`,
        [shareId],
      )
    )[0] as { clicks: number; uniqueClicks: number; previews: number; clickPoints: number };

  const events = (shareId: string) =>
    server.dataSource.query(
      `SELECT id, is_preview AS "isPreview", preview_reason AS "previewReason", is_unique AS "isUnique",
              referrer_host AS "referrerHost", encode(visitor, 'hex') AS visitor, network, member_id AS "memberId"
         FROM click_events WHERE share_id = $1 ORDER BY occurred_at, id`,
      [shareId],
    ) as Promise<
      {
        isPreview: boolean;
        previewReason: string | null;
        isUnique: boolean;
        referrerHost: string | null;
        visitor: string;
        network: string;
        memberId: string;
      }[]
    >;

  const follow = (share: Share, headers: Record<string, string> = {}) => {
    const call = request(server.baseUrl).get(`/r/${share.code}`).redirects(0);
    for (const [name, value] of Object.entries(headers)) call.set(name, value);
    return call;
  };

  it('stores a browser visit as a unique click and rolls it up for the member’s day and network', async () => {
    const { org, advocate, share } = await freshShare({ audienceSize: 480 });
    await follow(share, {
      'User-Agent': CHROME,
      Referer: 'https://www.linkedin.com/feed/update/urn:li:activity:1/?x=1',
      'X-Forwarded-For': '203.0.113.9',
    }).expect(302);
    await waitFor(async () => (await counters(share.id)).clicks === 1);
    expect(await counters(share.id)).toEqual({ clicks: 1, uniqueClicks: 1, previews: 0, clickPoints: 2 });
    const [event] = await events(share.id);
    expect(event).toMatchObject({
      isPreview: false,
      previewReason: null,
      isUnique: true,
      referrerHost: 'www.linkedin.com',
      network: 'linkedin',
      memberId: advocate.id,
    });
    expect(event!.visitor).toMatch(/^[0-9a-f]{32}$/);
    const stored = await storedDailyStats(server.dataSource.manager, org.id);
    expect(stored).toEqual([
      expect.objectContaining({
        memberId: advocate.id,
        network: 'linkedin',
        shares: 1,
        reach: 480,
        clicks: 1,
        uniqueClicks: 1,
        previews: 0,
        points: 12,
      }),
    ]);
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
    expect(await storedPackDailyStats(server.dataSource.manager, org.id)).toEqual(
      await recountPackDailyStats(server.dataSource.manager, org.id),
    );
  });

  const PREVIEWS: readonly [string, Record<string, string>, string][] = [
    [
      'LinkedIn',
      {
        'User-Agent': 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
      },
      'link_preview',
    ],
    ['X', { 'User-Agent': 'Twitterbot/1.0' }, 'link_preview'],
    [
      'Facebook',
      { 'User-Agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
      'link_preview',
    ],
    ['Slack', { 'User-Agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' }, 'link_preview'],
    ['WhatsApp', { 'User-Agent': 'WhatsApp/2.23.20.0 A' }, 'link_preview'],
    [
      'Discord',
      { 'User-Agent': 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)' },
      'link_preview',
    ],
    ['Telegram', { 'User-Agent': 'TelegramBot (like TwitterBot)' }, 'link_preview'],
    [
      'Mastodon',
      { 'User-Agent': 'Mastodon/4.2.10 (http.rb/5.1.1; +https://mastodon.social/)' },
      'link_preview',
    ],
    [
      'Googlebot',
      { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      'crawler',
    ],
    ['curl', { 'User-Agent': 'curl/8.5.0' }, 'http_library'],
    ['python-requests', { 'User-Agent': 'python-requests/2.32.3' }, 'http_library'],
    ['Barracuda', { 'User-Agent': 'Barracuda Sentinel (EE)' }, 'mail_scanner'],
    [
      'Safe Links referrer',
      { 'User-Agent': CHROME, Referer: 'https://eur01.safelinks.protection.outlook.com/?url=x' },
      'mail_scanner',
    ],
    ['Sec-Purpose prefetch', { 'User-Agent': CHROME, 'Sec-Purpose': 'prefetch' }, 'prefetch'],
    ['Purpose prefetch', { 'User-Agent': CHROME, Purpose: 'prefetch' }, 'prefetch'],
    ['empty user agent', { 'User-Agent': '' }, 'empty_user_agent'],
  ];

  it('redirects link-preview fetchers, crawlers, libraries, scanners and prefetches but counts them as previews', async () => {
    const { org, share } = await freshShare();
    for (const [, headers] of PREVIEWS) await follow(share, headers).expect(302);
    await waitFor(async () => (await counters(share.id)).previews === PREVIEWS.length);
    expect(await counters(share.id)).toEqual({
      clicks: 0,
      uniqueClicks: 0,
      previews: PREVIEWS.length,
      clickPoints: 0,
    });
    const stored = await events(share.id);
    expect(stored.every((e) => e.isPreview && !e.isUnique)).toBe(true);
    expect(stored.map((e) => e.previewReason).sort()).toEqual(PREVIEWS.map(([, , reason]) => reason).sort());
    const [day] = await storedDailyStats(server.dataSource.manager, org.id);
    expect(day).toMatchObject({ clicks: 0, uniqueClicks: 0, previews: PREVIEWS.length, points: 10 });
  });

  it('reads the headers it counts by in any casing, and only those', async () => {
    const { share } = await freshShare();
    const cases: [Record<string, string>, string | null][] = [
      [{ 'user-agent': 'curl/8.5.0' }, 'http_library'],
      [{ 'USER-AGENT': 'python-requests/2.32.3' }, 'http_library'],
      [{ 'User-Agent': FIREFOX, 'sec-purpose': 'prefetch' }, 'prefetch'],
      [{ 'User-Agent': FIREFOX, 'X-PURPOSE': 'preview' }, 'prefetch'],
      [{ 'User-Agent': FIREFOX, 'x-moz': 'prefetch' }, 'prefetch'],
      [
        { 'User-Agent': FIREFOX, referer: 'https://eur01.safelinks.protection.outlook.com/?url=x' },
        'mail_scanner',
      ],
      // Headers of the same lengths as counted ones (Connection, Accept-Language, Sec-Fetch-*) are not them.
      [
        { 'User-Agent': FIREFOX, 'Accept-Language': 'fi', 'Sec-Ch-Ua': '"Chromium"', Upgrade: 'prefetch' },
        null,
      ],
    ];
    for (const [headers] of cases) await follow(share, headers).expect(302);
    await waitFor(async () => (await events(share.id)).length === cases.length);
    const stored = await events(share.id);
    expect(stored.map((e) => e.previewReason).sort()).toEqual(cases.map(([, reason]) => reason).sort());
    // The lower-case x-forwarded-for of a proxy on this machine names the visitor as well.
    const before = (await counters(share.id)).uniqueClicks;
    await follow(share, { 'User-Agent': FIREFOX, 'x-forwarded-for': '198.51.100.40' }).expect(302);
    await follow(share, { 'User-Agent': FIREFOX, 'X-FORWARDED-FOR': '198.51.100.41' }).expect(302);
    await waitFor(async () => (await counters(share.id)).uniqueClicks === before + 2);
  });

  it('counts a second visit of the same visitor within 24 hours as a click but not a unique one', async () => {
    const { share } = await freshShare();
    const visitor = { 'User-Agent': FIREFOX, 'X-Forwarded-For': '198.51.100.7' };
    await follow(share, visitor).expect(302);
    await follow(share, visitor).expect(302);
    await follow(share, { ...visitor, 'X-Forwarded-For': '198.51.100.8' }).expect(302);
    await waitFor(async () => (await counters(share.id)).clicks === 3);
    expect(await counters(share.id)).toMatchObject({ clicks: 3, uniqueClicks: 2, clickPoints: 4 });
  });

  it('decides uniqueness by the clicks’ own times: unique again 24 hours after the last unique click', async () => {
    const { org, share } = await freshShare();
    const ingestor = server.app.get(ClickIngestor);
    const v1 = visitorHex();
    const v2 = visitorHex();
    const t0 = Date.now() - 3 * 24 * HOUR;
    const click = (visitor: string, at: number): ClickMessage => ({
      id: randomUUID(),
      at,
      shareId: share.id,
      visitor,
      previewReason: null,
      referrerHost: null,
    });
    // Out of order on purpose: the late, older click must not add a unique one.
    const first = await ingestor.ingest([click(v1, t0), click(v1, t0 + 23 * HOUR), click(v2, t0 + HOUR)]);
    expect(first).toMatchObject({ inserted: 3, clicks: 3, uniqueClicks: 2 });
    const second = await ingestor.ingest([click(v1, t0 + 24 * HOUR), click(v1, t0 + 25 * HOUR)]);
    expect(second).toMatchObject({ inserted: 2, uniqueClicks: 1 });
    const late = await ingestor.ingest([click(v1, t0 + 30 * HOUR - 2 * 24 * HOUR)]);
    expect(late).toMatchObject({ inserted: 1, uniqueClicks: 0 });
    expect(await counters(share.id)).toMatchObject({ clicks: 6, uniqueClicks: 3 });
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(
      await storedDailyStats(server.dataSource.manager, org.id),
    );
  });

  it('caps click points at 100 per share', async () => {
    const { org, share } = await freshShare();
    const at = Date.now() - HOUR;
    const batch = Array.from({ length: 60 }, (_, i) => ({
      id: randomUUID(),
      at: at + i,
      shareId: share.id,
      visitor: visitorHex(),
      previewReason: null,
      referrerHost: null,
    }));
    await server.app.get(ClickIngestor).ingest(batch.slice(0, 30));
    await server.app.get(ClickIngestor).ingest(batch.slice(30));
    expect(await counters(share.id)).toEqual({ clicks: 60, uniqueClicks: 60, previews: 0, clickPoints: 100 });
    const stored = await storedDailyStats(server.dataSource.manager, org.id);
    expect(stored.reduce((sum, row) => sum + row.points, 0)).toBe(110);
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
    expect(await storedPackDailyStats(server.dataSource.manager, org.id)).toEqual(
      await recountPackDailyStats(server.dataSource.manager, org.id),
    );
  });

  it('never stores the IP address, in any column of any click table', async () => {
    const { share } = await freshShare();
    const ip = '192.0.2.146';
    await follow(share, { 'User-Agent': CHROME, 'X-Forwarded-For': ip }).expect(302);
    await follow(share, { 'User-Agent': CHROME, 'X-Forwarded-For': '192.0.2.147' }).expect(302);
    await waitFor(async () => (await counters(share.id)).clicks === 2);
    const columns = await server.dataSource.query(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'click_events' ORDER BY ordinal_position`,
    );
    expect(columns.map((c: { name: string }) => c.name)).toEqual([
      'id',
      'occurred_at',
      'organisation_id',
      'share_id',
      'member_id',
      'network',
      'visitor',
      'is_preview',
      'preview_reason',
      'is_unique',
      'referrer_host',
      'network_hash',
      'excluded_reason',
    ]);
    const ipHex = Buffer.from(ip).toString('hex');
    for (const table of ['click_events', 'daily_stats', 'shares']) {
      const [found] = await server.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} t
          WHERE t::text LIKE '%' || $1 || '%' OR t::text LIKE '%' || $2 || '%'`,
        [ip, ipHex],
      );
      expect(found.n).toBe(0);
    }
    // The address does go into the visitor hash: two addresses, two visitors.
    const stored = await events(share.id);
    expect(new Set(stored.map((e) => e.visitor)).size).toBe(2);
    expect(stored.every((e) => e.isUnique)).toBe(true);
  });

  it('stores a replayed batch once: the same clicks again change nothing', async () => {
    const { org, share } = await freshShare();
    const ingestor = server.app.get(ClickIngestor);
    const batch = Array.from({ length: 20 }, (_, i) => ({
      id: randomUUID(),
      at: Date.now() - 1000 + i,
      shareId: share.id,
      visitor: visitorHex(),
      previewReason: i % 5 === 0 ? ('link_preview' as const) : null,
      referrerHost: null,
    }));
    expect(await ingestor.ingest(batch)).toMatchObject({ inserted: 20, clicks: 16, previews: 4 });
    const before = await storedDailyStats(server.dataSource.manager, org.id);
    expect(await ingestor.ingest(batch)).toMatchObject({ inserted: 0, duplicates: 20 });
    expect(await ingestor.ingest([...batch.slice(5), ...batch.slice(0, 5)])).toMatchObject({ inserted: 0 });
    expect(await storedDailyStats(server.dataSource.manager, org.id)).toEqual(before);
    expect(await counters(share.id)).toMatchObject({ clicks: 16, previews: 4 });
  });

  it('loses nothing and counts nothing twice when a worker dies mid-batch', async () => {
    const { org, share } = await freshShare();
    const ingestor = server.app.get(ClickIngestor);
    const prefix = `${runRedisPrefix()}_killed_${randomSuffix()}`;
    const key = clickStreamKey(prefix);
    const redis = new Redis(testRedisUrl());
    const makeBatch = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: randomUUID(),
        at: Date.now() - 5000 + i,
        shareId: share.id,
        visitor: visitorHex(),
        previewReason: null,
        referrerHost: null,
      }));
    const rescuer = new ClickStreamConsumer(ingestor, {
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      claimIdleMs: 50,
      name: 'rescuer',
    });
    try {
      await redis.xgroup('CREATE', key, CLICK_STREAM_GROUP, '0', 'MKSTREAM');
      const committed = makeBatch(25);
      const uncommitted = makeBatch(15);
      await redis.xadd(key, '*', 'e', encodeClickBatch(committed));
      await redis.xadd(key, '*', 'e', encodeClickBatch(uncommitted));
      // The dying worker takes both entries...
      const taken = (await redis.xreadgroup(
        'GROUP',
        CLICK_STREAM_GROUP,
        'dying',
        'COUNT',
        10,
        'STREAMS',
        key,
        '>',
      )) as [string, [string, string[]][]][];
      expect(taken[0]![1]).toHaveLength(2);
      // ...commits the first, then dies inside the transaction of the second (rolled back)...
      await ingestor.ingest(committed);
      await expect(
        server.dataSource.transaction(async (manager) => {
          await ingestor.ingestIn(manager, uncommitted);
          throw new Error('killed');
        }),
      ).rejects.toThrow('killed');
      expect(await counters(share.id)).toMatchObject({ clicks: 25, uniqueClicks: 25 });
      // ...and never acknowledges either. Another worker claims them once they are idle.
      await new Promise((resolve) => setTimeout(resolve, 100));
      let handled = 0;
      for (let i = 0; i < 3 && handled < 40; i++) handled += await rescuer.step();
      expect(handled).toBe(40);
      expect(await counters(share.id)).toEqual({
        clicks: 40,
        uniqueClicks: 40,
        previews: 0,
        clickPoints: 80,
      });
      const pending = (await redis.xpending(key, CLICK_STREAM_GROUP)) as [number, ...unknown[]];
      expect(pending[0]).toBe(0);
      expect(await redis.xlen(key)).toBe(0);
      const stored = await storedDailyStats(server.dataSource.manager, org.id);
      expect(stored).toEqual([expect.objectContaining({ clicks: 40, uniqueClicks: 40, points: 90 })]);
      expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
      expect(await storedPackDailyStats(server.dataSource.manager, org.id)).toEqual(
        await recountPackDailyStats(server.dataSource.manager, org.id),
      );
    } finally {
      await rescuer.stop();
      await redis.del(key);
      redis.disconnect();
    }
  });

  it('replays the journal a dead process left within a sweep of a live one, once, with two processes sweeping', async () => {
    const { org, share } = await freshShare();
    const prefix = `${runRedisPrefix()}_orphans_${randomSuffix()}`;
    const key = clickStreamKey(prefix);
    const journalDir = mkdtempSync(join(tmpdir(), 'heimo-orphans-'));
    const redis = new Redis(testRedisUrl());
    const shipperOptions = {
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      journalDir,
      secret: 'test-secret',
      sweepMs: 100,
    };
    // Two live processes on the same DATA_DIR, both writing to Redis: this one and another.
    const here = new ClickShipper(shipperOptions);
    const there = startTsProcess(
      `const { ClickShipper } = load('apps/api/src/modules/sharing/clicks/click-shipper.ts');
       const shipper = new ClickShipper(input);
       shipper.start().then(() => process.stdout.write('ready\\n'));`,
      shipperOptions,
    );
    const consumer = new ClickStreamConsumer(server.app.get(ClickIngestor), {
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      name: 'orphans',
    });
    try {
      await here.start();
      expect(await there.firstLine).toBe('ready');
      // A third process journals three batches while Redis is away for it, and dies before it
      // could replay them (it was started after the sweepers, so only a sweep can find its file).
      const lines = [4, 5, 6].map((n) => {
        const writer = new ClickBatchWriter();
        for (let i = 0; i < n; i++) writer.add(Date.now() - 1000 + i, share.id, visitorHex(), null, null);
        return writer.line();
      });
      const dying = startTsProcess(
        `const { ClickJournal } = load('apps/api/src/modules/sharing/clicks/click-journal.ts');
         const journal = new ClickJournal(input.dir);
         (async () => {
           for (const line of input.lines) await journal.append(line);
           const files = require('node:fs').readdirSync(input.dir);
           process.stdout.write(JSON.stringify({ pid: process.pid, files }) + '\\n');
           process.exit(0);
         })();`,
        { dir: journalDir, lines },
      );
      const left = JSON.parse(await dying.firstLine) as { pid: number; files: string[] };
      await dying.exited;
      expect(() => process.kill(left.pid, 0)).toThrow();
      expect(left.files).toEqual([expect.stringMatching(new RegExp(`^clicks-${left.pid}-`))]);

      await waitFor(async () => readdirSync(journalDir).length === 0, 5_000);
      // A few more sweeps of both: nothing goes to the stream again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await redis.xlen(key)).toBe(3);
      let handled = 0;
      for (let i = 0; i < 3 && handled < 15; i++) handled += await consumer.step();
      expect(handled).toBe(15);
      expect(await counters(share.id)).toEqual({
        clicks: 15,
        uniqueClicks: 15,
        previews: 0,
        clickPoints: 30,
      });
      const stored = await storedDailyStats(server.dataSource.manager, org.id);
      expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
    } finally {
      there.child.kill('SIGKILL');
      await there.exited;
      await here.close();
      await consumer.stop();
      await redis.del(key);
      redis.disconnect();
      rmSync(journalDir, { recursive: true, force: true });
    }
  });

  it('puts clicks of a month without a partition in the default one and moves them when it is made', async () => {
    const { org, share } = await freshShare();
    const old = monthStart(new Date(), -7);
    const at = old.getTime() + 3 * 24 * HOUR;
    await server.app.get(ClickIngestor).ingest([
      {
        id: randomUUID(),
        at,
        shareId: share.id,
        visitor: visitorHex(),
        previewReason: null,
        referrerHost: null,
      },
    ]);
    const where = () =>
      server.dataSource.query(
        `SELECT tableoid::regclass::text AS part FROM click_events WHERE share_id = $1`,
        [share.id],
      );
    expect(await where()).toEqual([{ part: 'click_events_default' }]);
    const made = await server.app.get(ClickPartitions).ensure(old, old);
    expect(made).toEqual([partitionName(old)]);
    expect(await where()).toEqual([{ part: partitionName(old) }]);
    expect(await server.app.get(ClickPartitions).ensure(old, old)).toEqual([]);
    const ahead = await server.app.get(ClickPartitions).ensureAhead();
    expect(ahead.every((name) => /^click_events_y\d{4}m\d{2}$/.test(name))).toBe(true);
    expect(await counters(share.id)).toMatchObject({ clicks: 1, uniqueClicks: 1 });
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(
      await storedDailyStats(server.dataSource.manager, org.id),
    );
  });

  it('hashes visitors with HMAC-SHA256 under a key of the UTC day, the same as createHmac', () => {
    const hasher = new VisitorHasher('a-server-secret-of-some-length-0123456789');
    const now = Date.UTC(2026, 4, 3, 12);
    const expected = createHmac('sha256', hasher.dayKey(now))
      .update('203.0.113.5\nMozilla/5.0 (X11; Linux x86_64) Äö')
      .digest('hex')
      .slice(0, 32);
    expect(hasher.hash('203.0.113.5', 'Mozilla/5.0 (X11; Linux x86_64) Äö', now)).toBe(expected);
    // Every message length around SHA-256's block and padding boundaries, and characters of one to
    // four UTF-8 bytes (a lone surrogate is encoded as U+FFFD, as createHmac does); their inner
    // digests hold bytes of every range, which cross as latin1 characters.
    const characters = ['a', 'Ä', '€', '😀', '\ud800', '\u0000', 'ÿ'];
    for (let length = 0; length < 200; length++) {
      const userAgent = Array.from(
        { length },
        (_, i) => characters[(i * 7 + length) % characters.length],
      ).join('');
      const address = length % 2 ? '2001:db8::1' : '198.51.100.7';
      expect(hasher.hash(address, userAgent, now)).toBe(
        createHmac('sha256', hasher.dayKey(now))
          .update(`${address}\n${userAgent}`)
          .digest('hex')
          .slice(0, 32),
      );
    }
    // Another day, another salt: the same visitor cannot be followed across days.
    expect(hasher.hash('203.0.113.5', 'UA', now)).toBe(hasher.hash('203.0.113.5', 'UA', now + 3_600_000));
    expect(hasher.hash('203.0.113.5', 'UA', now)).not.toBe(hasher.hash('203.0.113.5', 'UA', now + 24 * HOUR));
    expect(hasher.hash('203.0.113.5', 'UA', now)).not.toBe(hasher.hash('203.0.113.6', 'UA', now));
  });

  it('hashes visitors in one pass under a secret prefix of the UTC day from the switch day on, the same as createHash', () => {
    const hasher = new VisitorHasher('a-server-secret-of-some-length-0123456789');
    const now = Date.UTC(2027, 0, 5, 12);
    expect(Math.floor(now / (24 * HOUR))).toBeGreaterThanOrEqual(PREFIXED_FROM_DAY);
    const key = hasher.dayKey(now);
    expect(key.length).toBe(64);
    expect(key.every((byte) => byte < 64)).toBe(true);
    const expected = (address: string, userAgent: string) =>
      createHash('sha256').update(key).update(`${address}\n${userAgent}`).digest('hex').slice(0, 32);
    const characters = ['a', 'Ä', '€', '😀', '\ud800', '\u0000', 'ÿ'];
    for (let length = 0; length < 200; length++) {
      const userAgent = Array.from(
        { length },
        (_, i) => characters[(i * 7 + length) % characters.length],
      ).join('');
      const address = length % 2 ? '2001:db8::1' : '198.51.100.7';
      expect(hasher.hash(address, userAgent, now)).toBe(expected(address, userAgent));
    }
    // Unique visitors within a day: the same visitor is one hash all day, another is another.
    const visitor = hasher.hash('203.0.113.5', 'UA', now);
    expect(hasher.hash('203.0.113.5', 'UA', now + 11 * HOUR)).toBe(visitor);
    expect(hasher.hash('203.0.113.6', 'UA', now)).not.toBe(visitor);
    expect(hasher.hash('203.0.113.5', 'UA 2', now)).not.toBe(visitor);
    expect(hasher.hash('203.0.113.5', 'UA', now + 24 * HOUR)).not.toBe(visitor);
    // Not the HMAC under the same key: the two schemes never share a hash.
    expect(visitor).not.toBe(createHmac('sha256', key).update('203.0.113.5\nUA').digest('hex').slice(0, 32));
    // The switch falls on a UTC midnight: the day before it is all HMAC, the day of it all one pass,
    // and a hasher that crosses it (a process running over midnight) changes with the key.
    const lastHmacDay = (PREFIXED_FROM_DAY - 1) * 24 * HOUR;
    const crossing = new VisitorHasher('a-server-secret-of-some-length-0123456789');
    const before = crossing.hash('203.0.113.5', 'UA', lastHmacDay + 23 * HOUR);
    expect(before).toBe(
      createHmac('sha256', crossing.dayKey(lastHmacDay)).update('203.0.113.5\nUA').digest('hex').slice(0, 32),
    );
    const after = crossing.hash('203.0.113.5', 'UA', lastHmacDay + 25 * HOUR);
    expect(after).toBe(
      createHash('sha256')
        .update(crossing.dayKey(lastHmacDay + 25 * HOUR))
        .update('203.0.113.5\nUA')
        .digest('hex')
        .slice(0, 32),
    );
    expect(crossing.hash('203.0.113.5', 'UA', lastHmacDay + 2 * HOUR)).toBe(before);
  });

  it('carries clicks through the stream format the shipper writes, with stable ids from the batch, in under 60 bytes a click', () => {
    const [shareA, shareB] = [randomUUID(), randomUUID()];
    const facts = [
      {
        at: 1_790_000_000_123,
        shareId: shareA,
        visitor: visitorHex(),
        previewReason: null,
        referrerHost: 'www.linkedin.com',
      },
      {
        at: 1_790_000_000_125,
        shareId: shareB,
        visitor: visitorHex(),
        previewReason: 'prefetch',
        referrerHost: null,
      },
      // A clock that stepped back between two clicks of one batch.
      {
        at: 1_790_000_000_120,
        shareId: shareA,
        visitor: visitorHex(),
        previewReason: 'link_preview',
        referrerHost: 'x.com',
      },
      {
        at: 1_790_000_000_126,
        shareId: shareA,
        visitor: visitorHex(),
        previewReason: 'prefetch',
        referrerHost: 'x.com',
      },
    ] as const;
    const batch = new ClickBatchWriter();
    // The first click's network hash (16 hex characters) travels with it; the others have none.
    const network = visitorHex().slice(0, 16);
    facts.forEach((f, k) =>
      batch.add(f.at, f.shareId, f.visitor, f.previewReason, f.referrerHost, k === 0 ? network : null),
    );
    const line = batch.line();
    const decoded = decodeClickBatch(line);
    const batchId = (JSON.parse(line) as { id: string }).id;
    expect(batchId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(decoded).toEqual(
      facts.map((f, k) => ({
        id: `${batchId.slice(0, 32)}000${k}`,
        ...f,
        network: k === 0 ? network : null,
      })),
    );
    expect(decoded.map((c) => c.id)).toEqual(facts.map((_, k) => batch.idOf(k)));
    // The same line read again (a replay) gives the same ids; another batch gives others.
    expect(decodeClickBatch(line).map((c) => c.id)).toEqual(decoded.map((c) => c.id));
    const ids = new Set(decoded.map((c) => c.id));
    const other = new ClickBatchWriter();
    other.add(facts[0].at, shareA, facts[0].visitor, null, null);
    ids.add(decodeClickBatch(other.line())[0]!.id);
    expect(ids.size).toBe(5);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const many = new ClickBatchWriter();
    for (let i = 0; i < 500; i++)
      many.add(1_790_000_000_000 + i, i % 2 ? shareA : shareB, visitorHex(), null, 'www.linkedin.com');
    expect(decodeClickBatch(many.line())).toHaveLength(500);
    expect(many.line().length / 500).toBeLessThan(60);
    // With a network hash a click, under 80.
    const withNetworks = new ClickBatchWriter();
    for (let i = 0; i < 500; i++)
      withNetworks.add(
        1_790_000_000_000 + i,
        shareA,
        visitorHex(),
        null,
        'www.linkedin.com',
        visitorHex().slice(0, 16),
      );
    expect(withNetworks.line().length / 500).toBeLessThan(80);
  });

  it('leaves out what is malformed in a batch line and keeps the rest', () => {
    const shareId = randomUUID();
    const visitor = visitorHex();
    const header = `"v":2,"id":"${randomUUID()}","t":1790000000000,"s":["${shareId}","not-a-uuid"],"h":["a.example"],"r":["prefetch","no-such-reason"]`;
    const good = `0,0,"${visitor}",1,1`;
    const line = (clicks: string) => `{${header},"c":[${clicks}]}`;
    expect(decodeClickBatch(line(good))).toEqual([
      expect.objectContaining({ shareId, visitor, previewReason: 'prefetch', referrerHost: 'a.example' }),
    ]);
    for (const bad of [
      `0,1,"${visitor}",0,0`, // a share id that is not one
      `0,2,"${visitor}",0,0`, // past the share table
      `0,-1,"${visitor}",0,0`,
      `0,0,"${visitor.toUpperCase()}x",0,0`,
      `0,0,"${visitor}",2,0`, // a reason not in the domain
      `0,0,"${visitor}",3,0`,
      `0,0,"${visitor}",0,2`,
      `1.5,0,"${visitor}",0,0`,
      `-1790000000000,0,"${visitor}",0,0`,
      `0,0,"${visitor}","1",0`,
      `0,0.5,"${visitor}",0,0`, // a share index that is not an integer
      `0,0,"${visitor}",0,3`, // past the host table
      `${Number.MAX_SAFE_INTEGER},0,"${visitor}",0,0`, // a time past what is safe
    ]) {
      const kept = decodeClickBatch(line(`${bad},${good}`));
      expect({ bad, kept: kept.length }).toEqual({ bad, kept: 1 });
      // The good click keeps its place's id whatever came before it.
      expect(kept[0]!.id.endsWith('0001')).toBe(true);
    }
    for (const broken of [
      line(`${good},0`), // not five values a click
      `{${header.replace('"v":2', '"v":3')},"c":[${good}]}`, // format 3 has six values a click
      `{${header.replace(/"id":"[^"]+"/, '"id":"nope"')},"c":[${good}]}`,
      `{${header.replace('"t":1790000000000', '"t":"soon"')},"c":[${good}]}`,
      `{${header.replace('"s":[', '"s":{"x":[').replace('"not-a-uuid"]', '"not-a-uuid"]}')},"c":[${good}]}`,
      `{${header.replace('"t":1790000000000', '"t":0')},"c":[${good}]}`,
      `{${header.replace('"t":1790000000000', '"t":-5')},"c":[${good}]}`,
      'null',
      '2',
    ]) {
      expect({ broken, kept: decodeClickBatch(broken) }).toEqual({ broken, kept: [] });
    }
  });

  it('reads a bad host entry as making only its clicks bad, and lower-cases ids written in capitals', () => {
    const batchId = randomUUID().toUpperCase();
    const shareId = randomUUID();
    const visitor = visitorHex();
    const line = `{"v":2,"id":"${batchId}","t":1790000000000,"s":["${shareId.toUpperCase()}"],"h":["ok.example",${JSON.stringify('x'.repeat(256))}],"r":[],"c":[0,0,"${visitor}",0,1,1,0,"${visitor}",0,2]}`;
    expect(decodeClickBatch(line)).toEqual([
      {
        id: `${batchId.slice(0, 32).toLowerCase()}0000`,
        at: 1790000000000,
        shareId,
        visitor,
        previewReason: null,
        referrerHost: 'ok.example',
      },
    ]);
    const writer = new ClickBatchWriter(batchId);
    writer.add(1790000000000, shareId, visitor, null, null);
    expect(decodeClickBatch(writer.line())[0]!.id).toBe(writer.idOf(0));
    expect(writer.idOf(0)).toBe(`${batchId.slice(0, 32).toLowerCase()}0000`);
    expect(() => new ClickBatchWriter('not-a-uuid')).toThrow(TypeError);
  });

  it('holds at most 65,536 clicks in a batch, all with ids of their own, and the shipper starts another line past that', () => {
    const shareId = randomUUID();
    const visitor = visitorHex();
    const full = new ClickBatchWriter();
    for (let i = 0; i < MAX_CLICKS_PER_BATCH; i++) full.add(1790000000000 + i, shareId, visitor, null, null);
    expect(full.full).toBe(true);
    expect(() => full.add(1790000000000, shareId, visitor, null, null)).toThrow(RangeError);
    const decoded = decodeClickBatch(full.line());
    expect(decoded).toHaveLength(MAX_CLICKS_PER_BATCH);
    expect(new Set(decoded.map((c) => c.id)).size).toBe(MAX_CLICKS_PER_BATCH);
    expect(decoded[MAX_CLICKS_PER_BATCH - 1]!.id.endsWith('ffff')).toBe(true);
    // One click more than a batch holds: the decoder refuses the whole line.
    const tooMany = full.line().replace(/\]\}$/, `,0,0,"${visitor}",0,0]}`);
    expect(decodeClickBatch(tooMany)).toEqual([]);

    const shipper = new ClickShipper({
      redisUrl: testRedisUrl(),
      redisPrefix: `${runRedisPrefix()}_unused`,
      journalDir: join(tmpdir(), 'heimo-unused-journal'),
      secret: 'test-secret',
    });
    const click = [shareId, '203.0.113.9', 'Mozilla/5.0 Firefox/133.0', '', '', '', ''];
    const raw = [
      String(Date.now()),
      ...Array.from({ length: MAX_CLICKS_PER_BATCH + 1 }, () => click).flat(),
    ].join(RAW_SEPARATOR);
    const lines = shipper.encode(raw);
    expect(lines.map((l) => l.count)).toEqual([MAX_CLICKS_PER_BATCH, 1]);
    const ids = new Set(lines.flatMap((l) => decodeClickBatch(l.line).map((c) => c.id)));
    expect(ids.size).toBe(MAX_CLICKS_PER_BATCH + 1);
  });

  it('parks a batch in a stream format it does not read, stores the rest, and takes parked batches it reads', async () => {
    const { share } = await freshShare();
    const prefix = `${runRedisPrefix()}_parked_${randomSuffix()}`;
    const key = clickStreamKey(prefix);
    const parkedKey = clickParkedKey(prefix);
    const redis = new Redis(testRedisUrl());
    const consumer = new ClickStreamConsumer(server.app.get(ClickIngestor), {
      redisUrl: testRedisUrl(),
      redisPrefix: prefix,
      name: 'parking',
    });
    const batchOf = (n: number) => {
      const writer = new ClickBatchWriter();
      for (let i = 0; i < n; i++) writer.add(Date.now() - 1000 + i, share.id, visitorHex(), null, null);
      return writer.line();
    };
    const future = `{"v":4,"whatever":[1,2,3]}`;
    try {
      await redis.xgroup('CREATE', key, CLICK_STREAM_GROUP, '0', 'MKSTREAM');
      await redis.xadd(key, '*', 'e', batchOf(3));
      await redis.xadd(key, '*', 'e', future);
      await redis.xadd(key, '*', 'e', batchOf(4));
      // A batch an older worker parked, and one of a format newer still.
      await redis.xadd(parkedKey, '*', 'e', batchOf(5));
      await redis.xadd(parkedKey, '*', 'e', '{"v":4}');
      let handled = 0;
      for (let i = 0; i < 4 && handled < 12; i++) handled += await consumer.step();
      expect(handled).toBe(12);
      expect(await counters(share.id)).toMatchObject({ clicks: 12 });
      expect(await redis.xlen(key)).toBe(0);
      const pending = (await redis.xpending(key, CLICK_STREAM_GROUP)) as [number, ...unknown[]];
      expect(pending[0]).toBe(0);
      const parked = (await redis.xrange(parkedKey, '-', '+')).map(([, fields]) => fields);
      expect(parked).toEqual([
        ['e', '{"v":4}'],
        ['e', future],
      ]);
    } finally {
      await consumer.stop();
      await redis.del(key, parkedKey);
      redis.disconnect();
    }
  });

  it('still reads batches in the format of earlier versions (journals and entries they left) and drops malformed ones', () => {
    const clicks: ClickMessage[] = [
      {
        id: randomUUID(),
        at: 1_790_000_000_123,
        shareId: randomUUID(),
        visitor: visitorHex(),
        previewReason: null,
        referrerHost: 'www.linkedin.com',
      },
      {
        id: randomUUID(),
        at: 1_790_000_000_124,
        shareId: randomUUID(),
        visitor: visitorHex(),
        previewReason: 'prefetch',
        referrerHost: null,
      },
    ];
    expect(decodeClickBatch(encodeClickBatch(clicks))).toEqual(clicks);
    expect(decodeClickBatch('[["not-a-uuid",1,"x","y",null,null]]')).toEqual([]);
    expect(decodeClickBatch('{')).toEqual([]);
  });

  it('deletes a share’s click events with the share (and with its pack)', async () => {
    const { share, pack } = await freshShare();
    await server.app.get(ClickIngestor).ingest([
      {
        id: randomUUID(),
        at: Date.now(),
        shareId: share.id,
        visitor: visitorHex(),
        previewReason: null,
        referrerHost: null,
      },
    ]);
    const count = async () =>
      (
        await server.dataSource.query('SELECT count(*)::int AS n FROM click_events WHERE share_id = $1', [
          share.id,
        ])
      )[0].n;
    expect(await count()).toBe(1);
    await server.dataSource.query('DELETE FROM packs WHERE id = $1', [pack.id]);
    expect(await count()).toBe(0);
  });

  it('lists the member’s own shares with their click counts, newest first, page by page', async () => {
    const { org, advocate, leader, pack, share } = await freshShare();
    const second = await newShare(server.dataSource, advocate, pack, { network: 'x' });
    await newShare(server.dataSource, leader, pack);
    await follow(second, { 'User-Agent': CHROME }).expect(302);
    await waitFor(async () => (await counters(second.id)).clicks === 1);
    const agent = await ctx.signIn(advocate);
    const page1 = await agent.get('/api/me/shares?limit=1').expect(200);
    expect(page1.body.items).toEqual([
      expect.objectContaining({
        id: second.id,
        packId: pack.id,
        packTitle: pack.title,
        network: 'x',
        code: second.code,
        trackedUrl: expect.stringMatching(new RegExp(`/r/${second.code}$`)),
        clicks: 1,
        uniqueClicks: 1,
        previews: 0,
        audienceSize: 100,
      }),
    ]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await agent.get(`/api/me/shares?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([share.id]);
    expect(page2.body.nextCursor).toBeNull();
    const bad = await agent.get('/api/me/shares?cursor=bogus').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect(org.id).toBe(advocate.organisationId);
  });
});

/** A private redis-server that can be killed and started again on the same port with its data. */
class PrivateRedis {
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const binary = findRedisServer();
    if (!binary) throw new Error('redis-server is not installed');
    this.child = spawn(
      binary,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    await waitFor(async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    }, 10_000);
    probe.disconnect();
  }

  /** SIGKILL: no goodbye to the clients. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

describe('click counting while Redis is down', () => {
  let redis: PrivateRedis;
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-clicks-'));
    redis = new PrivateRedis(await freePort(), dataDir);
    await redis.start();
    server = await startTestServer({ workers: true, redisUrl: redis.url, env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await server?.close();
    await redis.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every redirect with 302 while Redis is gone and counts every click exactly once after it returns', async () => {
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const { org, advocate } = await ctx.newOrg('Outage');
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    const share = await newShare(server.dataSource, advocate, pack);
    const follow = (i: number) =>
      request(server.baseUrl)
        .get(`/r/${share.code}`)
        .set('User-Agent', CHROME)
        .set('X-Forwarded-For', `10.1.${Math.floor(i / 250)}.${i % 250}`)
        .redirects(0);
    const clicks = async () =>
      (await server.dataSource.query('SELECT clicks FROM shares WHERE id = $1', [share.id]))[0]
        .clicks as number;
    const recorder = server.app.get(ClickRecorder);

    const statuses: number[] = [];
    const burst = async (from: number, count: number) => {
      for (let i = from; i < from + count; i += 25) {
        const answers = await Promise.all(
          Array.from({ length: Math.min(25, from + count - i) }, (_, j) => follow(i + j)),
        );
        statuses.push(...answers.map((a) => a.status));
      }
    };

    await burst(0, 50);
    // Redis dies in the middle of a burst.
    const during = burst(50, 150);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await redis.kill();
    await during;
    await burst(200, 100);
    expect(statuses).toHaveLength(300);
    expect(new Set(statuses)).toEqual(new Set([302]));
    expect((await recorder.flush()).mode).toBe('journal');
    expect(readdirSync(join(dataDir, 'click-journal')).length).toBeGreaterThan(0);

    await redis.start();
    await waitFor(async () => (await clicks()) >= 300, 30_000);
    // Settle: nothing more arrives (no double count from the replay).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await clicks()).toBe(300);
    const [events] = await server.dataSource.query(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM click_events WHERE share_id = $1',
      [share.id],
    );
    expect(events).toEqual({ n: 300, ids: 300 });
    const status = await recorder.flush();
    expect(status.stats.lost).toBe(0);
    expect(status.mode).toBe('stream');
    const journal = join(dataDir, 'click-journal');
    expect(existsSync(journal) ? readdirSync(journal) : []).toEqual([]);
    const stored = await storedDailyStats(server.dataSource.manager, org.id);
    expect(stored).toEqual([expect.objectContaining({ clicks: 300, uniqueClicks: 300 })]);
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
    expect(await storedPackDailyStats(server.dataSource.manager, org.id)).toEqual(
      await recountPackDailyStats(server.dataSource.manager, org.id),
    );
  }, 90_000);

  it('reads again a batch delivered to a worker whose connection dropped before the answer came', async () => {
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const { advocate } = await ctx.newOrg('Dropped read');
    const pack = await newPack(server.dataSource, advocate.organisationId, { status: 'published' });
    const share = await newShare(server.dataSource, advocate, pack);
    const prefix = `dropped_${randomSuffix()}`;
    const key = clickStreamKey(prefix);
    const admin = new Redis(redis.url);
    // Abandoned entries are only claimed after CLAIM_IDLE_MS (30 s): this test must not need that.
    const consumer = new ClickStreamConsumer(server.app.get(ClickIngestor), {
      redisUrl: redis.url,
      redisPrefix: prefix,
      name: 'dropped',
    });
    try {
      expect(await consumer.step()).toBe(0);
      const batch = Array.from({ length: 12 }, (_, i) => ({
        id: randomUUID(),
        at: Date.now() - 1000 + i,
        shareId: share.id,
        visitor: visitorHex(),
        previewReason: null,
        referrerHost: null,
      }));
      await admin.xadd(key, '*', 'e', encodeClickBatch(batch));
      // Redis delivers the batch to the worker (it is pending there) and the answer is lost with
      // the connection, as when Redis dies between the two.
      await admin.xreadgroup('GROUP', CLICK_STREAM_GROUP, consumer.name, 'COUNT', 10, 'STREAMS', key, '>');
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      let handled = 0;
      for (let i = 0; i < 3 && handled < 12; i++) handled += await consumer.step();
      expect(handled).toBe(12);
      const [row] = await server.dataSource.query('SELECT clicks FROM shares WHERE id = $1', [share.id]);
      expect(row.clicks).toBe(12);
      const pending = (await admin.xpending(key, CLICK_STREAM_GROUP)) as [number, ...unknown[]];
      expect(pending[0]).toBe(0);
    } finally {
      await consumer.stop();
      await admin.del(key);
      admin.disconnect();
    }
  }, 30_000);
});

describe('click counting when the private redis-server dies', () => {
  let runtime: Runtime;
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-embedded-redis-'));
    // As `npm start` with REDIS_URL unset: the runtime starts (and watches) a private redis-server.
    runtime = await startRuntime(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: runDatabaseUrl(), DATA_DIR: dataDir }),
    );
    server = await startTestServer({
      workers: true,
      redisUrl: runtime.services.redisUrl,
      env: { DATA_DIR: dataDir },
    });
  });
  afterAll(async () => {
    await server?.close();
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts it again on its port: readiness comes back, and the clicks made meanwhile count once', async () => {
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const { org, advocate } = await ctx.newOrg('Embedded outage');
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    const share = await newShare(server.dataSource, advocate, pack);
    const clicks = async () =>
      (await server.dataSource.query('SELECT clicks FROM shares WHERE id = $1', [share.id]))[0]
        .clicks as number;
    const burst = async (from: number, count: number) => {
      const answers = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          request(server.baseUrl)
            .get(`/r/${share.code}`)
            .set('User-Agent', CHROME)
            .set('X-Forwarded-For', `10.2.0.${from + i}`)
            .redirects(0),
        ),
      );
      return answers.map((answer) => answer.status);
    };
    const ready = async () => (await request(server.baseUrl).get('/healthz/ready')).status;
    const admin = new Redis(runtime.services.redisUrl, { retryStrategy: () => 100 });
    admin.on('error', () => undefined);
    const serverPid = async () => Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
    try {
      expect(await burst(0, 20)).toEqual(Array(20).fill(302));
      await waitFor(async () => (await clicks()) === 20);
      expect(await ready()).toBe(200);

      const killed = await serverPid();
      process.kill(killed, 'SIGKILL');
      expect(await burst(20, 40)).toEqual(Array(40).fill(302));

      await waitFor(async () => (await ready()) === 200, 15_000);
      expect(await serverPid()).not.toBe(killed);
      expect(runtime.services.redisUrl).toBe(`redis://127.0.0.1:${admin.options.port}`);
      await waitFor(async () => (await clicks()) >= 60, 20_000);
      // Settle: nothing more arrives (no double count from the replay).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await clicks()).toBe(60);
      const [events] = await server.dataSource.query(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM click_events WHERE share_id = $1',
        [share.id],
      );
      expect(events).toEqual({ n: 60, ids: 60 });
      const status = await server.app.get(ClickRecorder).flush();
      // Clicks of the outage went through the journal, and all of it was replayed.
      expect(status.stats.journalled).toBeGreaterThan(0);
      expect(status.stats.lost).toBe(0);
      expect(status.mode).toBe('stream');
      expect(readdirSync(join(dataDir, 'click-journal'))).toEqual([]);
      const stored = await storedDailyStats(server.dataSource.manager, org.id);
      expect(stored).toEqual([expect.objectContaining({ clicks: 60, uniqueClicks: 60 })]);
      expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
    } finally {
      admin.disconnect();
    }
  }, 60_000);
});
