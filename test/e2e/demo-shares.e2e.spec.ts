import request from 'supertest';
import { DEMO_PASSWORD, seedDemo } from '../../apps/api/src/modules/demo/demo-seed';
import {
  recountDailyStats,
  recountPackDailyStats,
  storedDailyStats,
  storedPackDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { useTestServer } from '../support/use-test-server';

const DAY = 24 * 3600 * 1000;

describe('demo history: shares and clicks', () => {
  let database: { name: string; url: string };

  // A database of its own: the demo organisation's slug is unique.
  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_demo_shares');
  });
  // Its afterAll closes the server before the one below drops the database.
  const { server } = useTestServer(() => ({ databaseUrl: database.url, workers: false }));
  beforeAll(() => seedDemo(server.dataSource, { publicUrl: server.baseUrl }));

  afterAll(async () => {
    if (database) await dropDatabase(database.name);
  });

  const one = async <T>(sql: string): Promise<T> => ((await server.dataSource.query(sql)) as T[])[0] as T;

  it('has shares spread over the last 90 days and a few thousand human clicks', async () => {
    const shares = await one<{ n: number; first: Date; last: Date; days: number; members: number }>(
      `SELECT count(*)::int AS n, min(created_at) AS first, max(created_at) AS last,
              count(DISTINCT created_at::date)::int AS days, count(DISTINCT member_id)::int AS members FROM shares`,
    );
    expect(shares.n).toBeGreaterThanOrEqual(40);
    expect(shares.members).toBeGreaterThanOrEqual(5);
    expect(shares.days).toBeGreaterThanOrEqual(20);
    expect(Date.now() - new Date(shares.first).getTime()).toBeGreaterThan(70 * DAY);
    expect(Date.now() - new Date(shares.first).getTime()).toBeLessThanOrEqual(90 * DAY);
    expect(new Date(shares.last).getTime()).toBeLessThanOrEqual(Date.now());

    const clicks = await one<{ humans: number; uniques: number; previews: number; future: number }>(
      `SELECT count(*) FILTER (WHERE NOT is_preview)::int AS humans, count(*) FILTER (WHERE is_unique)::int AS uniques,
              count(*) FILTER (WHERE is_preview)::int AS previews, count(*) FILTER (WHERE occurred_at > now())::int AS future
         FROM click_events`,
    );
    expect(clicks.humans).toBeGreaterThanOrEqual(2000);
    expect(clicks.humans).toBeLessThanOrEqual(10000);
    expect(clicks.uniques).toBeLessThan(clicks.humans);
    expect(clicks.uniques).toBeGreaterThan(clicks.humans / 2);
    expect(clicks.previews).toBeGreaterThan(0);
    expect(clicks.future).toBe(0);
  });

  it('keeps every counter equal to what the raw rows count', async () => {
    const stale = await server.dataSource.query(
      `SELECT s.id FROM shares s
         LEFT JOIN (SELECT share_id, count(*) FILTER (WHERE NOT is_preview)::int AS clicks,
                           count(*) FILTER (WHERE is_unique)::int AS uniques, count(*) FILTER (WHERE is_preview)::int AS previews
                      FROM click_events GROUP BY share_id) e ON e.share_id = s.id
        WHERE (s.clicks, s.unique_clicks, s.previews) <> (coalesce(e.clicks, 0), coalesce(e.uniques, 0), coalesce(e.previews, 0))
           OR s.click_points > 100 OR s.click_points <> least(100, 2 * s.unique_clicks)`,
    );
    expect(stale).toEqual([]);
    const stored = await storedDailyStats(server.dataSource.manager);
    expect(stored.length).toBeGreaterThan(50);
    expect(stored).toEqual(await recountDailyStats(server.dataSource.manager));
    const storedPacks = await storedPackDailyStats(server.dataSource.manager);
    expect(storedPacks.length).toBeGreaterThan(50);
    expect(storedPacks).toEqual(await recountPackDailyStats(server.dataSource.manager));
  });

  it('only shares a pack while it was published, on a network of the member’s profiles, in their audience', async () => {
    const wrong = await server.dataSource.query(
      `SELECT s.id FROM shares s
         JOIN packs p ON p.id = s.pack_id
         JOIN members m ON m.id = s.member_id
         LEFT JOIN social_profiles sp ON sp.member_id = s.member_id AND sp.network = s.network
        WHERE s.created_at < p.published_at
           OR (p.expire_at IS NOT NULL AND s.created_at > p.expire_at)
           OR sp.id IS NULL OR sp.audience_size <> s.audience_size
           OR NOT (m.kind = ANY (p.audience_kinds))
           OR NOT ('advocate' = ANY (m.roles))`,
    );
    expect(wrong).toEqual([]);
  });

  it('redirects a demo share’s tracked link to its destination with UTM parameters', async () => {
    const share = await one<{ code: string; network: string; slug: string }>(
      `SELECT s.code, s.network, p.slug FROM shares s JOIN packs p ON p.id = s.pack_id ORDER BY s.created_at DESC LIMIT 1`,
    );
    const response = await request(server.baseUrl).head(`/r/${share.code}`).expect(302);
    const location = new URL(response.headers.location as string);
    expect(location.searchParams.get('utm_source')).toBe(share.network);
    expect(location.searchParams.get('utm_campaign')).toBe(share.slug);
    expect(location.searchParams.get('utm_content')).toBe(share.code);
  });

  it('shows the demo advocate their shares with clicks', async () => {
    const agent = request.agent(server.baseUrl);
    await agent
      .post('/api/auth/login')
      .send({ email: 'advocate@demo.heimo.test', password: DEMO_PASSWORD })
      .expect(200);
    const shares = await agent.get('/api/me/shares').expect(200);
    const items = shares.body.items as { clicks: number; trackedUrl: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((item) => item.clicks > 0)).toBe(true);
    expect(items[0]?.trackedUrl).toMatch(/\/r\/[0-9A-Za-z]{10}$/);
  });

  it('adds nothing when seeded again', async () => {
    const count = () =>
      one<{ shares: number; clicks: number; stats: number }>(
        `SELECT (SELECT count(*)::int FROM shares) AS shares, (SELECT count(*)::int FROM click_events) AS clicks,
                (SELECT count(*)::int FROM daily_stats) AS stats`,
      );
    const before = await count();
    await seedDemo(server.dataSource, { publicUrl: server.baseUrl });
    expect(await count()).toEqual(before);
  });
});
