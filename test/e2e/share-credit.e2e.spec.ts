import { listNetworks, type NetworkId } from '@heimo/domain';
import request from 'supertest';
import {
  recountDailyStats,
  recountPackDailyStats,
  storedDailyStats,
  storedPackDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { newFeedPack, patchSettings } from '../support/feed-packs';
import { newMediaAsset } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

const TEMPLATE = 'Worth a read {{link}} {{hashtags}} {{disclosure}}';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Variant {
  network: NetworkId;
  shared: boolean;
  credit: { willCredit: boolean; reason: string | null; creditResumesAt: string | null };
}

describe('share credit: first shares, repeats and the daily cap', () => {
  const { server, ctx } = useTestServer({ workers: true });

  async function creditOrg(name: string) {
    const made = await ctx.newOrg(name);
    const image = await newMediaAsset(server.dataSource, made.org.id, 'image');
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: 'https://example.com/news/launch',
      hashtags: ['launch'],
      variants: listNetworks().map((network) => ({
        network: network.id,
        captionTemplate: TEMPLATE,
        title: network.title ? 'A title' : null,
        mediaIds: network.media.required ? [image.id] : [],
      })),
    });
    const agent = await ctx.signIn(made.advocate);
    return { ...made, pack, agent };
  }

  const dayTotals = async (memberId: string) =>
    (
      await server.dataSource.query(
        `SELECT coalesce(sum(shares), 0)::int AS shares, coalesce(sum(reach), 0)::int AS reach,
                coalesce(sum(points), 0)::int AS points, coalesce(sum(clicks), 0)::int AS clicks,
                coalesce(sum(unique_clicks), 0)::int AS "uniqueClicks"
           FROM daily_stats WHERE member_id = $1`,
        [memberId],
      )
    )[0] as { shares: number; reach: number; points: number; clicks: number; uniqueClicks: number };

  const variantOf = async (agent: request.Agent, network: NetworkId) => {
    const feed = await agent.get('/api/feed').expect(200);
    return (feed.body.items[0].variants as Variant[]).find((v) => v.network === network)!;
  };

  const expectRecountEqual = async (organisationId: string) => {
    const manager = server.dataSource.manager;
    expect(await storedDailyStats(manager, organisationId)).toEqual(
      await recountDailyStats(manager, organisationId),
    );
    expect(await storedPackDailyStats(manager, organisationId)).toEqual(
      await recountPackDailyStats(manager, organisationId),
    );
  };

  it('credits one of 20 shares of a pack on a network, counts every click on all 20 links and caps click points once', async () => {
    const { org, advocate, pack, agent } = await creditOrg('Twenty Shares');
    // The advocate of ctx.newOrg() has a LinkedIn profile (audience 100): 200 now (twofold: counted at once).
    const profiles = await agent.get('/api/me/profiles').expect(200);
    const linkedin = (profiles.body.items as { id: string; network: string }[]).find(
      (p) => p.network === 'linkedin',
    )!;
    await agent.patch(`/api/me/profiles/${linkedin.id}`).send({ audienceSize: 200 }).expect(200);
    expect(await variantOf(agent, 'linkedin')).toMatchObject({ credit: { willCredit: true, reason: null } });

    const shares: { id: string; code: string; credited: boolean; uncreditedReason: string | null }[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await agent.post('/api/shares').send({ packId: pack.id, network: 'linkedin' }).expect(201);
      shares.push(res.body);
      if (i === 0) {
        // The card says so before the advocate shares again.
        expect(await variantOf(agent, 'linkedin')).toMatchObject({
          shared: true,
          credit: { willCredit: false, reason: 'repeat', creditResumesAt: null },
        });
      }
    }
    expect(shares.map((s) => s.credited)).toEqual([true, ...Array(19).fill(false)]);
    expect(new Set(shares.slice(1).map((s) => s.uncreditedReason))).toEqual(new Set(['repeat']));
    expect(new Set(shares.map((s) => s.code)).size).toBe(20);
    // One share's points and reach, not twenty.
    expect(await dayTotals(advocate.id)).toMatchObject({ shares: 1, reach: 200, points: 10 });

    // Three visitors on each of the 20 links: every link works and every click counts.
    for (const [n, share] of shares.entries())
      for (let v = 0; v < 3; v++)
        await request(server.baseUrl)
          .get(`/r/${share.code}`)
          .redirects(0)
          .set('User-Agent', CHROME)
          .set('X-Forwarded-For', `198.51.100.${n * 3 + v + 1}`)
          .expect(302);
    await waitFor(async () => (await dayTotals(advocate.id)).clicks === 60);
    // 60 unique clicks are worth 120 points uncapped, 100 under the one cap of (member, pack, network).
    expect(await dayTotals(advocate.id)).toEqual({
      shares: 1,
      reach: 200,
      points: 10 + 100,
      clicks: 60,
      uniqueClicks: 60,
    });
    const perShare = (await server.dataSource.query(
      'SELECT clicks::int, unique_clicks::int AS "uniqueClicks" FROM shares WHERE member_id = $1',
      [advocate.id],
    )) as { clicks: number; uniqueClicks: number }[];
    expect(perShare).toHaveLength(20);
    for (const row of perShare) expect(row).toEqual({ clicks: 3, uniqueClicks: 3 });
    // The member's own list shows every share with its clicks.
    const mine = await agent.get('/api/me/shares').expect(200);
    expect(mine.body.items).toHaveLength(20);
    await expectRecountEqual(org.id);

    // Another network is another first share.
    const x = await agent.post('/api/shares').send({ packId: pack.id, network: 'x' }).expect(201);
    expect(x.body).toMatchObject({ credited: true, uncreditedReason: null });
    expect(await dayTotals(advocate.id)).toMatchObject({ shares: 2, points: 120 });
  });

  it('credits at most the daily cap of shares, says when crediting starts again, and gives clicks beyond it no points', async () => {
    const { org, advocate, pack, agent } = await creditOrg('Daily Cap');
    await patchSettings(server.dataSource, org.id, { dailyCreditedShares: 2 });
    await agent.post('/api/shares').send({ packId: pack.id, network: 'linkedin' }).expect(201);
    await agent.post('/api/shares').send({ packId: pack.id, network: 'x' }).expect(201);
    const [{ nextDay }] = (await server.dataSource.query(
      `SELECT (date_trunc('day', now() AT TIME ZONE 'Europe/Helsinki') + interval '1 day') AT TIME ZONE 'Europe/Helsinki' AS "nextDay"`,
    )) as { nextDay: Date }[];
    // Before sharing a third network the card says it would earn nothing, and until when.
    expect(await variantOf(agent, 'threads')).toMatchObject({
      shared: false,
      credit: { willCredit: false, reason: 'daily_cap', creditResumesAt: nextDay.toISOString() },
    });
    const third = await agent.post('/api/shares').send({ packId: pack.id, network: 'threads' }).expect(201);
    expect(third.body).toMatchObject({
      credited: false,
      uncreditedReason: 'daily_cap',
      creditResumesAt: nextDay.toISOString(),
    });
    expect(await dayTotals(advocate.id)).toMatchObject({ shares: 2, reach: 100, points: 20 });
    // The share went out: its link works and its click counts, for no points.
    await request(server.baseUrl)
      .get(`/r/${third.body.code}`)
      .redirects(0)
      .set('User-Agent', CHROME)
      .set('X-Forwarded-For', '198.51.100.7')
      .expect(302);
    await waitFor(async () => (await dayTotals(advocate.id)).clicks === 1);
    expect(await dayTotals(advocate.id)).toEqual({
      shares: 2,
      reach: 100,
      points: 20,
      clicks: 1,
      uniqueClicks: 1,
    });
    const [stored] = await server.dataSource.query(
      'SELECT credited, uncredited_reason FROM shares WHERE id = $1',
      [third.body.id],
    );
    expect(stored).toEqual({ credited: false, uncredited_reason: 'daily_cap' });
    await expectRecountEqual(org.id);

    // A day later (its shares moved back a day) the pack on that network is credited again.
    await server.dataSource.query(
      `UPDATE shares SET created_at = created_at - interval '1 day' WHERE member_id = $1`,
      [advocate.id],
    );
    expect(await variantOf(agent, 'threads')).toMatchObject({ credit: { willCredit: true } });
    const later = await agent.post('/api/shares').send({ packId: pack.id, network: 'threads' }).expect(201);
    expect(later.body).toMatchObject({ credited: true, creditResumesAt: null });
  });

  it('decides credit one share at a time: concurrent first shares credit one', async () => {
    const { advocate, pack, agent } = await creditOrg('Concurrent Shares');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        agent.post('/api/shares').send({ packId: pack.id, network: 'linkedin' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.filter((r) => r.body.credited)).toHaveLength(1);
    expect(await dayTotals(advocate.id)).toMatchObject({ shares: 1, points: 10 });
  });
});
