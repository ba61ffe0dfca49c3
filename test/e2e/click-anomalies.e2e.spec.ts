import { DEFAULT_NETWORK_DAILY_LIMIT, SHARE_FLAG_RULE } from '@heimo/domain';
import request from 'supertest';
import type { Share } from '../../apps/api/src/modules/sharing/entities/share.entity';
import {
  recountDailyStats,
  recountPackDailyStats,
  recountShareNetworkDays,
  storedDailyStats,
  storedPackDailyStats,
  storedShareNetworkDays,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { readCsv } from '../support/csv';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import { useTestServer } from '../support/use-test-server';

/*
 * Many "visitors" of one share from one network: beyond CLICK_NETWORK_DAILY_LIMIT (5 by default)
 * a day they are stored and counted as clicks but earn no points, with the reason on the event; a
 * share whose visitors come from very few networks is flagged. Leaders see both per advocate on the
 * dashboard and in its CSV, and the rollups still equal a recount from the raw rows.
 */

const chrome = (i: number) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${i}.0 Safari/537.36`;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('click anomalies', () => {
  const { server, ctx } = useTestServer({ workers: true });

  const counters = async (shareId: string) =>
    (
      await server.dataSource.query(
        `SELECT clicks, unique_clicks AS "uniqueClicks", click_points AS "clickPoints" FROM shares WHERE id = $1`,
        [shareId],
      )
    )[0] as { clicks: number; uniqueClicks: number; clickPoints: number };

  /** One visit per address (behind the loopback balancer), each a visitor of its own. */
  async function visit(share: Share, addresses: readonly string[]): Promise<void> {
    const before = (await counters(share.id)).clicks;
    for (let i = 0; i < addresses.length; i += 10) {
      await Promise.all(
        addresses.slice(i, i + 10).map((address, j) =>
          request(server.baseUrl)
            .get(`/r/${share.code}`)
            .redirects(0)
            .set('User-Agent', chrome(i + j))
            .set('X-Forwarded-For', address)
            .expect(302),
        ),
      );
    }
    await waitFor(async () => (await counters(share.id)).clicks === before + addresses.length);
  }

  const range = (n: number, address: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => address(i));

  async function expectRecountEqual(organisationId: string): Promise<void> {
    const manager = server.dataSource.manager;
    expect(await recountDailyStats(manager, organisationId)).toEqual(
      await storedDailyStats(manager, organisationId),
    );
    expect(await recountPackDailyStats(manager, organisationId)).toEqual(
      await storedPackDailyStats(manager, organisationId),
    );
    expect(await recountShareNetworkDays(manager, organisationId)).toEqual(
      await storedShareNetworkDays(manager, organisationId),
    );
  }

  it('stores unique visitors of one share beyond the daily number per /24 or /64 without points, with the reason', async () => {
    expect(DEFAULT_NETWORK_DAILY_LIMIT).toBe(5);
    const { org, advocate } = await ctx.newOrg('Farm');
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    const share = await newShare(server.dataSource, advocate, pack);
    // 8 visitors of one /24, 2 of another, 7 of one IPv6 /64 (each its own address and browser).
    await visit(share, [
      ...range(8, (i) => `203.0.113.${10 + i}`),
      ...range(2, (i) => `198.51.100.${10 + i}`),
      ...range(7, (i) => `2001:db8:5:6::${(i + 1).toString(16)}`),
    ]);
    // All 17 are clicks and unique clicks; 3 + 2 of them earn nothing.
    expect(await counters(share.id)).toEqual({ clicks: 17, uniqueClicks: 17, clickPoints: 12 * 2 });
    const events = (await server.dataSource.query(
      `SELECT excluded_reason AS reason, encode(network_hash, 'hex') AS network, count(*)::int AS n
         FROM click_events WHERE share_id = $1 GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 3 DESC`,
      [share.id],
    )) as { reason: string | null; network: string; n: number }[];
    expect(events.map((e) => [e.reason, e.n])).toEqual([
      [null, 5],
      [null, 5],
      [null, 2],
      ['network_daily_limit', 3],
      ['network_daily_limit', 2],
    ]);
    expect(events.every((e) => /^[0-9a-f]{16}$/.test(e.network))).toBe(true);
    // The network hash is kept, never the address or its prefix.
    const [leak] = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM click_events t WHERE share_id = $1 AND (t::text LIKE '%203.0.113%' OR t::text LIKE '%2001:db8%')`,
      [share.id],
    );
    expect(leak.n).toBe(0);
    const [day] = await storedDailyStats(server.dataSource.manager, org.id);
    expect(day).toMatchObject({ clicks: 17, uniqueClicks: 17, excludedClicks: 5, points: 10 + 24 });
    await expectRecountEqual(org.id);

    // The next visitors of the same networks earn nothing either; another share's still do.
    await visit(share, ['203.0.113.200']);
    expect(await counters(share.id)).toMatchObject({ clicks: 18, clickPoints: 24 });
    const other = await newShare(server.dataSource, advocate, pack, { network: 'x' });
    await visit(other, ['203.0.113.201']);
    expect(await counters(other.id)).toMatchObject({ clicks: 1, clickPoints: 2 });
    await expectRecountEqual(org.id);

    // A share deleted takes its network counts with it (no foreign key: the click events' trigger).
    await server.dataSource.query('DELETE FROM shares WHERE id = $1', [share.id]);
    const [left] = await server.dataSource.query(
      'SELECT count(*)::int AS n FROM share_network_days WHERE share_id = $1',
      [share.id],
    );
    expect(left.n).toBe(0);
    expect((await storedShareNetworkDays(server.dataSource.manager, org.id)).length).toBe(1);
  });

  it('flags a share whose visitors come from very few networks and shows leaders both, per advocate, with the reasons', async () => {
    const { org, advocate, leader } = await ctx.newOrg('Flags');
    const honest = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Hanna Honest' });
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    const farmed = await newShare(server.dataSource, advocate, pack);
    const spread = await newShare(server.dataSource, honest, pack);
    // 22 visitors: 10 + 10 from two /24s, 2 from elsewhere → top two hold 91 %.
    await visit(farmed, [
      ...range(10, (i) => `192.0.2.${i + 1}`),
      ...range(10, (i) => `2001:db8:9:9::${i + 1}`),
      '198.51.100.77',
      '203.0.113.77',
    ]);
    // 24 visitors from 24 networks: not flagged, nothing excluded.
    await visit(
      spread,
      range(24, (i) => `10.${i}.0.1`),
    );
    expect(SHARE_FLAG_RULE).toEqual({ minVisitors: 20, topNetworks: 2, minShare: 0.8 });

    const agent = await ctx.signIn(leader);
    const res = await agent.get('/api/insights/dashboard').expect(200);
    expect(res.body.flagRule).toEqual(SHARE_FLAG_RULE);
    expect(res.body.anomalies).toEqual([
      {
        memberId: advocate.id,
        name: advocate.name,
        anonymous: false,
        teamId: advocate.teamId,
        excludedClicks: 10,
        exclusionReason: 'network_daily_limit',
        networkDailyLimit: 5,
        flaggedShares: 1,
        flagReason: 'few_networks',
        topNetworksShare: 0.909,
      },
    ]);
    // Excluded clicks are still clicks on the board and the dashboard.
    expect(res.body.kpis.clicks.value).toBe(46);
    expect(res.body.kpis.uniqueClicks.value).toBe(46);

    const csv = await agent.get('/api/insights/dashboard.csv').query({ table: 'anomalies' }).expect(200);
    expect(csv.headers['content-disposition']).toContain('heimo-dashboard-anomalies-');
    const [header, ...rows] = readCsv(csv.text).records;
    expect(header!.join(',')).toBe(
      'member_id,name,anonymous,team_id,team,excluded_clicks,exclusion_reason,network_daily_limit,flagged_shares,flag_reason,top_networks_share',
    );
    expect(rows).toEqual([
      [
        advocate.id,
        advocate.name,
        'false',
        advocate.teamId,
        'Sales',
        '10',
        'network_daily_limit',
        '5',
        '1',
        'few_networks',
        '0.909',
      ],
    ]);

    // A filter by another network leaves them out; an advocate may not read the dashboard.
    const byX = await agent.get('/api/insights/dashboard').query({ network: 'x' }).expect(200);
    expect(byX.body.anomalies).toEqual([]);
    const asAdvocate = await ctx.signIn(advocate);
    await asAdvocate.get('/api/insights/dashboard.csv').query({ table: 'anomalies' }).expect(403);
    await agent.get('/api/insights/dashboard.csv').query({ table: 'nope' }).expect(400);
    await expectRecountEqual(org.id);
  });
});
