import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type request from 'supertest';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import {
  recountDailyStats,
  storedDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { CLOCK_ONLY, passTimeTo } from '../support/clock';
import { readCsv } from '../support/csv';
import { FakeBluesky, type FakeAccount } from '../support/fake-bluesky';
import { newFeedPack } from '../support/feed-packs';
import { useTestServer } from '../support/use-test-server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Verified reach and engagement (issue #30) as the readers show them: My impact, my shares, the
 * leader dashboard (and its CSV) and the leaderboards by the two metrics, driven through the real
 * connection jobs against the loopback Bluesky server.
 */
describe('verified reach and engagement on impact, shares, dashboard and boards', () => {
  const fake = new FakeBluesky();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: {
      OUTBOUND_ALLOWED_HOSTS: fake.host,
      BLUESKY_SERVICE_URL: fake.url,
      CONNECTION_RETRY_BASE_MS: '1000',
    },
  }));

  beforeEach(() => jest.useFakeTimers(CLOCK_ONLY));
  afterEach(() => jest.useRealTimers());

  const queue = () => server.app.get<Queue>(getQueueToken(QueueName.Connections));

  const connect = (agent: request.Agent, account: FakeAccount) =>
    agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: account.password })
      .expect(201);

  async function share(agent: request.Agent, packId: string) {
    const res = await agent.post('/api/shares').send({ packId, network: 'bluesky' }).expect(201);
    const [row] = (await server.dataSource.query(`SELECT created_at FROM shares WHERE id = $1`, [
      res.body.id,
    ])) as { created_at: Date }[];
    return { id: res.body.id as string, link: res.body.trackedUrl as string, at: row!.created_at.getTime() };
  }

  it('counts a verified share’s followers and its post’s engagement, keeps a deleted post’s last figures, and ranks by both', async () => {
    const made = await ctx.newOrg('Verified metrics');
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: 'https://example.com/news/launch',
      variants: [{ network: 'bluesky', captionTemplate: 'Worth a read {{link}}' }],
    });
    const second = await ctx.newMember(made.org.id, { roles: ['advocate'], name: 'Bea Second' });
    let aku = await ctx.signIn(made.advocate);
    let bea = await ctx.signIn(second);
    // Sessions end when idle: after the clock moved on, everyone signs in again.
    const signInAgain = async () => {
      aku = await ctx.signIn(made.advocate);
      bea = await ctx.signIn(second);
      return ctx.signIn(made.leader);
    };
    const akuAccount = fake.addAccount('aku-metrics.bsky.test', 'app-pass-aku', 500);
    const beaAccount = fake.addAccount('bea-metrics.bsky.test', 'app-pass-bea', 200);
    await connect(aku, akuAccount);
    await connect(bea, beaAccount);

    const akuShare = await share(aku, pack.id);
    const beaShare = await share(bea, pack.id);
    // Aku posts the link; Bea never does (her share stays pending, then unverified).
    const post = fake.addPost(akuAccount, {
      text: `Worth a read ${akuShare.link}`,
      facetLink: akuShare.link,
      createdAt: new Date(akuShare.at + MINUTE),
    });
    const start = Math.max(akuShare.at, beaShare.at);
    await passTimeTo(queue(), start + 10 * MINUTE + 1000);
    post.likes = 7;
    post.reposts = 2;
    post.replies = 1;
    post.quotes = 1;
    await passTimeTo(queue(), start + 10 * MINUTE + HOUR + 2000);
    let leader = await signInAgain();

    // My impact: the figures and the best share.
    const impact = (await aku.get('/api/me/impact?period=year').expect(200)).body;
    expect(impact.figures.verifiedReach).toMatchObject({ value: 500 });
    expect(impact.figures.engagement).toMatchObject({ value: 11 });
    const postUrl = `https://bsky.app/profile/${akuAccount.handle}/post/${post.uri.split('/').pop()}`;
    expect(impact.bestShares).toHaveLength(1);
    expect(impact.bestShares[0]).toMatchObject({
      shareId: akuShare.id,
      verification: { status: 'verified', postUrl, postDeleted: false },
      engagement: { likes: 7, reposts: 2, replies: 1, quotes: 1, total: 11 },
    });
    expect(typeof impact.bestShares[0].engagement.collectedAt).toBe('string');
    const beaImpact = (await bea.get('/api/me/impact?period=all').expect(200)).body;
    expect(beaImpact.figures.verifiedReach).toEqual({ value: 0, previous: null, change: null });
    expect(beaImpact.figures.engagement).toEqual({ value: 0, previous: null, change: null });

    // My shares: the same outcome per share; Bea's still pending with no post and no engagement.
    const akuShares = (await aku.get('/api/me/shares').expect(200)).body.items;
    expect(akuShares[0]).toMatchObject({
      id: akuShare.id,
      verification: { status: 'verified', postUrl, postDeleted: false },
      engagement: { likes: 7, reposts: 2, replies: 1, quotes: 1, total: 11 },
    });
    const beaShares = (await bea.get('/api/me/shares').expect(200)).body.items;
    expect(beaShares[0]).toMatchObject({
      id: beaShare.id,
      verification: { status: 'pending', postUrl: null, postDeleted: false },
      engagement: null,
    });

    // The boards by each new metric.
    for (const [metric, value] of [
      ['verified_reach', 500],
      ['engagement', 11],
    ] as const) {
      const board = (await bea.get(`/api/leaderboards?metric=${metric}&period=all`).expect(200)).body;
      expect(board.metric).toBe(metric);
      expect(board.entries[0]).toMatchObject({ memberId: made.advocate.id, rank: 1, value });
      expect(board.me).toMatchObject({ memberId: second.id, rank: 2, value: 0 });
      const teams = (await bea.get(`/api/leaderboards/teams?metric=${metric}&period=all`).expect(200)).body;
      expect(teams.entries.find((t: { teamId: string }) => t.teamId === made.team.id)).toMatchObject({
        value,
      });
    }

    // The leader dashboard: KPIs, the network and team breakdowns, and the CSV columns.
    const dashboard = (await leader.get('/api/insights/dashboard?period=year').expect(200)).body;
    expect(dashboard.kpis.verifiedReach).toMatchObject({ value: 500 });
    expect(dashboard.kpis.engagement).toMatchObject({ value: 11 });
    expect(dashboard.kpis.reach).toMatchObject({ value: 700 });
    expect(dashboard.byNetwork.find((n: { network: string }) => n.network === 'bluesky')).toMatchObject({
      reach: 700,
      verifiedReach: 500,
      engagement: 11,
    });
    expect(dashboard.byTeam.find((t: { teamId: string }) => t.teamId === made.team.id)).toMatchObject({
      verifiedReach: 500,
      engagement: 11,
    });
    const csv = await leader.get('/api/insights/dashboard.csv?table=networks&period=year').expect(200);
    const [header, ...rows] = readCsv(csv.text).records;
    expect(header).toEqual([
      'network_id',
      'network',
      'shares',
      'reach',
      'clicks',
      'unique_clicks',
      'verified_reach',
      'engagement',
      'emv',
      'currency',
    ]);
    expect(rows.find((row) => row[0] === 'bluesky')?.slice(2, 8)).toEqual([
      '2',
      '700',
      '0',
      '0',
      '500',
      '11',
    ]);

    // The post is deleted: the next collection keeps its last figures everywhere; Bea's share settles unverified.
    fake.deletePost(post.uri);
    for (const after of [6 * HOUR, DAY, 2 * DAY])
      await passTimeTo(queue(), start + after + 10 * MINUTE + 3000);
    leader = await signInAgain();
    const afterDeletion = (await aku.get('/api/me/impact?period=year').expect(200)).body;
    expect(afterDeletion.figures.engagement).toMatchObject({ value: 11 });
    expect(afterDeletion.bestShares[0]).toMatchObject({
      verification: { status: 'verified', postUrl, postDeleted: true },
      engagement: { total: 11 },
    });
    const beaAfter = (await bea.get('/api/me/shares').expect(200)).body.items;
    expect(beaAfter[0].verification).toEqual({ status: 'unverified', postUrl: null, postDeleted: false });
    const later = (await leader.get('/api/insights/dashboard?period=year').expect(200)).body;
    expect([later.kpis.verifiedReach.value, later.kpis.engagement.value]).toEqual([500, 11]);
    expect(await storedDailyStats(server.dataSource.manager, made.org.id)).toEqual(
      await recountDailyStats(server.dataSource.manager, made.org.id),
    );
  });

  it('answers 400 naming `metric` for a metric the boards do not know, on the JSON and CSV boards', async () => {
    const made = await ctx.newOrg('Bad metric');
    const agent = await ctx.signIn(made.advocate);
    for (const path of ['/api/leaderboards', '/api/leaderboards/teams', '/api/leaderboards.csv'])
      for (const metric of ['verified', 'verifiedReach', 'VERIFIED_REACH', 'likes', '']) {
        const res = await agent.get(`${path}?metric=${encodeURIComponent(metric)}`).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(res.body)).toContain('metric');
      }
    for (const metric of ['verified_reach', 'engagement'])
      await agent.get(`/api/leaderboards.csv?metric=${metric}&period=all`).expect(200);
  });
});
