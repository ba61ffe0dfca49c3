import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import {
  SWEEP_VERIFICATIONS_JOB,
  settleJobId,
  verifyJobId,
} from '../../apps/api/src/modules/connections/jobs/connection-jobs';
import {
  recountDailyStats,
  recountPackDailyStats,
  storedDailyStats,
  storedPackDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { CLOCK_ONLY, passTimeTo } from '../support/clock';
import { FakeBluesky, type FakeAccount } from '../support/fake-bluesky';
import { newFeedPack, patchSettings } from '../support/feed-packs';
import { useTestServer } from '../support/use-test-server';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('connected accounts: Bluesky', () => {
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
  let seq = 0;

  /** An organisation, its advocate signed in, a published pack with a Bluesky variant, and a Bluesky account. */
  async function setup(followers = 340) {
    const made = await ctx.newOrg(`Connected ${++seq}`);
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: 'https://example.com/news/launch',
      variants: [{ network: 'bluesky', captionTemplate: 'Worth a read {{link}}' }],
    });
    const agent = await ctx.signIn(made.advocate);
    const account = fake.addAccount(`aino${seq}.bsky.test`, `app-pass-${seq}`, followers);
    return { ...made, pack, agent, account };
  }

  const connect = (agent: request.Agent, account: FakeAccount) =>
    agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: account.password });

  async function share(agent: request.Agent, packId: string) {
    const res = await agent.post('/api/shares').send({ packId, network: 'bluesky' }).expect(201);
    const [row] = (await server.dataSource.query(`SELECT created_at FROM shares WHERE id = $1`, [
      res.body.id,
    ])) as { created_at: Date }[];
    return {
      id: res.body.id as string,
      code: res.body.code as string,
      link: res.body.trackedUrl as string,
      at: row!.created_at.getTime(),
    };
  }

  const verification = async (shareId: string) =>
    (
      (await server.dataSource.query(
        `SELECT status, checks_done AS "checksDone", post_id AS "postId", post_url AS "postUrl",
                verified_at AS "verifiedAt", revoked, followers_at_share AS "followersAtShare",
                collections_done AS "collectionsDone", post_deleted_at AS "postDeletedAt"
           FROM share_verifications WHERE share_id = $1`,
        [shareId],
      )) as Record<string, unknown>[]
    )[0];

  const connection = async (memberId: string) =>
    (
      (await server.dataSource.query(
        `SELECT status, credentials_sealed AS "credentialsSealed", followers FROM connected_accounts WHERE member_id = $1`,
        [memberId],
      )) as { status: string; credentialsSealed: string | null; followers: number }[]
    )[0];

  const totals = async (memberId: string) =>
    (
      (await server.dataSource.query(
        `SELECT coalesce(sum(shares), 0)::int AS shares, coalesce(sum(reach), 0)::int AS reach,
                coalesce(sum(points), 0)::int AS points, coalesce(sum(clicks), 0)::int AS clicks
           FROM daily_stats WHERE member_id = $1`,
        [memberId],
      )) as { shares: number; reach: number; points: number; clicks: number }[]
    )[0];

  /** The new rollup figures: the member's daily rows, their period row over all time, their team days. */
  const verifiedFigures = async (memberId: string) =>
    (
      (await server.dataSource.query(
        `SELECT (SELECT coalesce(sum(verified_reach), 0)::int FROM daily_stats WHERE member_id = $1) AS "verifiedReach",
                (SELECT coalesce(sum(engagement), 0)::int FROM daily_stats WHERE member_id = $1) AS engagement,
                (SELECT coalesce(sum(verified_reach), 0)::int FROM period_stats
                  WHERE member_id = $1 AND period_kind = 'all' AND network = '*') AS "periodVerifiedReach",
                (SELECT coalesce(sum(engagement), 0)::int FROM period_stats
                  WHERE member_id = $1 AND period_kind = 'all' AND network = '*') AS "periodEngagement",
                (SELECT coalesce(sum(t.engagement), 0)::int FROM team_day_stats t
                  JOIN members m ON m.organisation_id = t.organisation_id WHERE m.id = $1) AS "teamEngagement"`,
        [memberId],
      )) as Record<string, number>[]
    )[0];

  const expectRecountEqual = async (organisationId: string) => {
    const manager = server.dataSource.manager;
    expect(await storedDailyStats(manager, organisationId)).toEqual(
      await recountDailyStats(manager, organisationId),
    );
    expect(await storedPackDailyStats(manager, organisationId)).toEqual(
      await recountPackDailyStats(manager, organisationId),
    );
  };

  it('connects with an app password, seals the session and makes the follower count the verified audience', async () => {
    const { agent, account, advocate } = await setup(340);
    const res = await connect(agent, account).expect(201);
    expect(res.body).toMatchObject({
      network: 'bluesky',
      handle: account.handle,
      profileUrl: `https://bsky.app/profile/${account.handle}`,
      followers: 340,
      status: 'active',
    });
    const stored = await connection(advocate.id);
    expect(stored!.credentialsSealed).toMatch(/^v1\./);
    const session = fake.called('com.atproto.server.createSession').length;
    expect(session).toBeGreaterThan(0);
    // No token in the clear.
    expect(stored!.credentialsSealed).not.toContain('access.');

    const list = await agent.get('/api/me/connections').expect(200);
    const items = list.body.items as {
      network: string;
      offered: boolean;
      connect: string | null;
      reason: string | null;
    }[];
    expect(items.find((i) => i.network === 'bluesky')).toMatchObject({
      offered: true,
      connect: 'app_password',
      connection: { handle: account.handle, followers: 340 },
    });
    expect(items.find((i) => i.network === 'linkedin')).toMatchObject({ offered: false, connect: null });
    expect(items.find((i) => i.network === 'linkedin')!.reason).toMatch(/partner/i);
    expect(items.find((i) => i.network === 'email')).toBeUndefined();
    const audited = (await server.dataSource.query(
      `SELECT action, details FROM audit_events WHERE actor_member_id = $1 AND action LIKE 'connection.%'`,
      [advocate.id],
    )) as { action: string; details: Record<string, unknown> }[];
    expect(audited).toEqual([{ action: 'connection.created', details: { network: 'bluesky' } }]);

    const profiles = await agent.get('/api/me/profiles').expect(200);
    const bluesky = (
      profiles.body.items as {
        id: string;
        network: string;
        audienceSize: number;
        audienceVerifiedAt: string | null;
      }[]
    ).find((p) => p.network === 'bluesky')!;
    expect(bluesky).toMatchObject({ audienceSize: 340, audienceVerifiedAt: expect.any(String) });
    const refused = await agent
      .patch(`/api/me/profiles/${bluesky.id}`)
      .send({ audienceSize: 90_000 })
      .expect(409);
    expect(refused.body.code).toBe('profile.audience_verified');
  });

  it('refuses a wrong password, a malformed handle, a server at a private address and networks it does not connect', async () => {
    const { agent, account, advocate } = await setup();
    const wrong = await agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: 'not-it' })
      .expect(422);
    expect(wrong.body).toMatchObject({ code: 'connection.invalid_credentials' });
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);

    const malformed = await agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: 'not a handle!', appPassword: 'x' })
      .expect(400);
    expect(malformed.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'identifier' })]),
    );

    const before = fake.requests.length;
    const privateServer = await agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: account.password, server: 'https://10.0.0.1' })
      .expect(422);
    expect(privateServer.body).toMatchObject({ code: 'connection.refused' });
    expect(privateServer.body.detail).toMatch(/private/);
    const loopback = await agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: account.password, server: 'https://127.0.0.2:4443' })
      .expect(422);
    expect(loopback.body.detail).toMatch(/loopback/);
    const plain = await agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: account.password, server: 'http://pds.example' })
      .expect(422);
    expect(plain.body.detail).toMatch(/https/);
    expect(fake.requests.length).toBe(before);

    const partner = await agent
      .post('/api/me/connections/linkedin')
      .send({ identifier: 'a.b.c', appPassword: 'x' });
    expect(partner.status).toBe(422);
    expect(partner.body.code).toBe('connection.not_offered');
    const unknown = await agent
      .post('/api/me/connections/myspace')
      .send({ identifier: 'a.b.c', appPassword: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('connection.network_unknown');
    expect(await connection(advocate.id)).toBeUndefined();
  });

  it('verifies a share whose post carries the link, then collects its engagement and keeps the last figures once it is deleted', async () => {
    const { agent, account, pack, advocate, org } = await setup(500);
    await connect(agent, account).expect(201);
    const shared = await share(agent, pack.id);
    expect(await verification(shared.id)).toMatchObject({
      status: 'pending',
      checksDone: 0,
      followersAtShare: 500,
    });

    const post = fake.addPost(account, {
      text: `Worth a read ${shared.link.slice(0, 30)}…`,
      facetLink: shared.link,
      createdAt: new Date(shared.at + 2 * MINUTE),
    });
    fake.addPost(account, { text: 'Something else', createdAt: new Date(shared.at + 3 * MINUTE) });
    await passTimeTo(queue(), shared.at + 10 * MINUTE + 1000);
    const verified = await verification(shared.id);
    expect(verified).toMatchObject({
      status: 'verified',
      postId: post.uri,
      postUrl: `https://bsky.app/profile/${account.handle}/post/${post.uri.split('/').pop()}`,
      checksDone: 1,
    });
    // Verified: the followers at share time count as verified reach on the share's day, in every rollup.
    expect(await verifiedFigures(advocate.id)).toEqual({
      verifiedReach: 500,
      engagement: 0,
      periodVerifiedReach: 500,
      periodEngagement: 0,
      teamEngagement: 0,
    });
    await expectRecountEqual(org.id);

    post.likes = 7;
    post.reposts = 2;
    post.replies = 1;
    post.quotes = 1;
    const verifiedAt = (verified!.verifiedAt as Date).getTime();
    await passTimeTo(queue(), verifiedAt + HOUR + 1000);
    const snapshots = async () =>
      (await server.dataSource.query(
        `SELECT likes, reposts, replies, quotes, deleted FROM share_engagement_snapshots WHERE share_id = $1 ORDER BY collected_at`,
        [shared.id],
      )) as Record<string, unknown>[];
    expect(await snapshots()).toEqual([{ likes: 7, reposts: 2, replies: 1, quotes: 1, deleted: false }]);
    expect(await verifiedFigures(advocate.id)).toMatchObject({
      engagement: 11,
      periodEngagement: 11,
      teamEngagement: 11,
    });
    await expectRecountEqual(org.id);

    // The next collection adds only the difference: the rollups equal the latest total.
    post.likes = 9;
    post.replies = 0;
    await passTimeTo(queue(), verifiedAt + 24 * HOUR + 1000);
    expect(await verifiedFigures(advocate.id)).toMatchObject({
      engagement: 12,
      periodEngagement: 12,
      teamEngagement: 12,
    });
    await expectRecountEqual(org.id);

    fake.deletePost(post.uri);
    await passTimeTo(queue(), verifiedAt + 7 * 24 * HOUR + 1000);
    expect(await snapshots()).toEqual([
      { likes: 7, reposts: 2, replies: 1, quotes: 1, deleted: false },
      { likes: 9, reposts: 2, replies: 0, quotes: 1, deleted: false },
      { likes: 9, reposts: 2, replies: 0, quotes: 1, deleted: true },
    ]);
    expect((await verification(shared.id))!.postDeletedAt).not.toBeNull();
    // A deleted post keeps its last figures.
    expect(await verifiedFigures(advocate.id)).toEqual({
      verifiedReach: 500,
      engagement: 12,
      periodVerifiedReach: 500,
      periodEngagement: 12,
      teamEngagement: 12,
    });
    await expectRecountEqual(org.id);
  });

  it('settles a share never found (posted without the link) at 48 hours: kept, or revoked with the recount exact', async () => {
    const kept = await setup(120);
    await connect(kept.agent, kept.account).expect(201);
    const revoked = await setup(80);
    await connect(revoked.agent, revoked.account).expect(201);
    await patchSettings(server.dataSource, revoked.org.id, { unverifiedSharePolicy: 'revoke' });

    const keptShare = await share(kept.agent, kept.pack.id);
    const revokedShare = await share(revoked.agent, revoked.pack.id);
    // Posted, but without the link (only the destination).
    for (const { account, at } of [
      { account: kept.account, at: keptShare.at },
      { account: revoked.account, at: revokedShare.at },
    ])
      fake.addPost(account, {
        text: 'Worth a read https://example.com/news/launch',
        facetLink: 'https://example.com/news/launch',
        createdAt: new Date(at + MINUTE),
      });
    // A visitor clicks the revoked share's link: the click and its points stay when the share's credit goes.
    await request(server.baseUrl)
      .get(`/r/${revokedShare.code}`)
      .redirects(0)
      .set('User-Agent', CHROME)
      .set('X-Forwarded-For', '198.51.100.7')
      .expect(302);
    await waitFor(async () => (await totals(revoked.advocate.id)).clicks === 1);
    expect(await totals(revoked.advocate.id)).toEqual({ shares: 1, reach: 80, points: 12, clicks: 1 });

    const start = Math.max(keptShare.at, revokedShare.at);
    for (const after of [10 * MINUTE, HOUR, 6 * HOUR, 24 * HOUR])
      await passTimeTo(queue(), start + after + 1000);
    expect(await verification(keptShare.id)).toMatchObject({ status: 'pending', checksDone: 4 });
    await passTimeTo(queue(), start + 48 * HOUR + 1000);

    expect(await verification(keptShare.id)).toMatchObject({ status: 'unverified', revoked: false });
    expect(await totals(kept.advocate.id)).toEqual({ shares: 1, reach: 120, points: 10, clicks: 0 });
    expect(await verification(revokedShare.id)).toMatchObject({ status: 'unverified', revoked: true });
    expect(await totals(revoked.advocate.id)).toEqual({ shares: 0, reach: 0, points: 2, clicks: 1 });
    for (const { advocate } of [kept, revoked])
      expect(await verifiedFigures(advocate.id)).toMatchObject({ verifiedReach: 0, engagement: 0 });
    await expectRecountEqual(kept.org.id);
    await expectRecountEqual(revoked.org.id);
  });

  it('refreshes an expired access token and stores the new session', async () => {
    const { agent, account, pack, advocate } = await setup();
    await connect(agent, account).expect(201);
    const before = (await connection(advocate.id))!.credentialsSealed;
    const shared = await share(agent, pack.id);
    fake.addPost(account, { text: `Read ${shared.link}`, createdAt: new Date(shared.at + MINUTE) });
    fake.expireAccessTokens(account);
    const refreshes = fake.called('com.atproto.server.refreshSession', account).length;
    await passTimeTo(queue(), shared.at + 10 * MINUTE + 1000);
    expect(fake.called('com.atproto.server.refreshSession', account).length).toBe(refreshes + 1);
    expect(await verification(shared.id)).toMatchObject({ status: 'verified' });
    const after = await connection(advocate.id);
    expect(after).toMatchObject({ status: 'active' });
    expect(after!.credentialsSealed).not.toBe(before);
  });

  it('waits as long as a 429 asks, then verifies', async () => {
    const { agent, account, pack } = await setup();
    await connect(agent, account).expect(201);
    const shared = await share(agent, pack.id);
    fake.addPost(account, { text: `Read ${shared.link}`, createdAt: new Date(shared.at + MINUTE) });
    fake.rateLimitNext(1, { 'retry-after': '120' });
    const feeds = fake.called('app.bsky.feed.getAuthorFeed', account).length;
    await passTimeTo(queue(), shared.at + 10 * MINUTE + 1000);
    expect(await verification(shared.id)).toMatchObject({ status: 'pending', checksDone: 0 });
    const job = await queue().getJob(verifyJobId(shared.id, 0));
    expect(await job!.getState()).toBe('delayed');
    expect(job!.delay).toBeGreaterThanOrEqual(119_000);
    expect(job!.delay).toBeLessThanOrEqual(121_000);
    // Not tried again meanwhile: the 429 itself was the only call.
    expect(fake.called('app.bsky.feed.getAuthorFeed', account).length).toBe(feeds + 1);
    await job!.promote();
    await waitFor(async () => (await verification(shared.id))!.status === 'verified');
    expect(fake.called('app.bsky.feed.getAuthorFeed', account).length).toBe(feeds + 2);
  });

  it('tries again with backoff when the network is unavailable', async () => {
    const { agent, account, pack } = await setup();
    await connect(agent, account).expect(201);
    const shared = await share(agent, pack.id);
    fake.addPost(account, { text: `Read ${shared.link}`, createdAt: new Date(shared.at + MINUTE) });
    fake.failNext(1);
    await passTimeTo(queue(), shared.at + 10 * MINUTE + 1000);
    const job = await queue().getJob(verifyJobId(shared.id, 0));
    expect(job!.attemptsMade).toBeGreaterThanOrEqual(1);
    // CONNECTION_RETRY_BASE_MS is 1 s here: the second attempt finds the post.
    await waitFor(async () => (await verification(shared.id))!.status === 'verified');
    expect(fake.called('app.bsky.feed.getAuthorFeed', account).length).toBe(2);
  });

  it('queues the checks of a share again when its jobs were lost', async () => {
    const { agent, account, pack } = await setup();
    await connect(agent, account).expect(201);
    const shared = await share(agent, pack.id);
    fake.addPost(account, { text: `Read ${shared.link}`, createdAt: new Date(shared.at + MINUTE) });
    // As if Redis had been away when the share was committed.
    for (const id of [0, 1, 2, 3].map((n) => verifyJobId(shared.id, n)).concat(settleJobId(shared.id)))
      await queue().remove(id);
    await passTimeTo(queue(), shared.at + 30 * MINUTE);
    expect(await verification(shared.id)).toMatchObject({ status: 'pending', checksDone: 0 });
    // The hourly sweep (its run queued here: earlier tests moved its schedule on) finds it over an hour late.
    await passTimeTo(queue(), shared.at + 2 * HOUR + 1000);
    await queue().add(SWEEP_VERIFICATIONS_JOB, {});
    await waitFor(async () => (await verification(shared.id))!.status === 'verified');
  });

  it('marks the connection broken when the tokens are revoked and calls the network no more', async () => {
    const { agent, account, pack, advocate } = await setup();
    await connect(agent, account).expect(201);
    const shared = await share(agent, pack.id);
    fake.revokeTokens(account);
    await passTimeTo(queue(), shared.at + 10 * MINUTE + 1000);
    expect(await connection(advocate.id)).toMatchObject({ status: 'broken', credentialsSealed: null });
    expect(await verification(shared.id)).toMatchObject({ status: 'pending', checksDone: 1 });
    const calls = fake.requestsOf(account).length;
    await passTimeTo(queue(), shared.at + HOUR + 1000);
    expect(fake.requestsOf(account).length).toBe(calls);
    expect(await verification(shared.id)).toMatchObject({ checksDone: 2 });
    // An hour on, the sign-in is renewed.
    const list = await (await ctx.signIn(advocate)).get('/api/me/connections').expect(200);
    expect(
      (list.body.items as { network: string; connection: { status: string } | null }[]).find(
        (i) => i.network === 'bluesky',
      )!.connection,
    ).toMatchObject({ status: 'broken' });
  });

  it('disconnects: credentials deleted, the session ended at the network, the audience self-reported again', async () => {
    const { agent, account, advocate } = await setup(77);
    await connect(agent, account).expect(201);
    const ended = fake.called('com.atproto.server.deleteSession', account).length;
    await agent.delete('/api/me/connections/bluesky').expect(204);
    expect(await connection(advocate.id)).toBeUndefined();
    await waitFor(async () => fake.called('com.atproto.server.deleteSession', account).length === ended + 1);
    const profiles = await agent.get('/api/me/profiles').expect(200);
    expect((profiles.body.items as { network: string }[]).find((p) => p.network === 'bluesky')).toMatchObject(
      {
        audienceSize: 77,
        audienceVerifiedAt: null,
      },
    );
    const again = await agent.delete('/api/me/connections/bluesky').expect(404);
    expect(again.body.code).toBe('connection.not_found');
  });

  it('deletes the credentials when the member is erased or deactivated', async () => {
    const { agent, account, advocate, admin } = await setup();
    await connect(agent, account).expect(201);
    expect(await connection(advocate.id)).toMatchObject({ status: 'active' });
    const adminAgent = await ctx.signIn(admin);
    await adminAgent.post(`/api/people/${advocate.id}/erase`).expect(200);
    expect(await connection(advocate.id)).toBeUndefined();

    const other = await setup();
    await connect(other.agent, other.account).expect(201);
    const otherAdmin = await ctx.signIn(other.admin);
    const person = await otherAdmin.get(`/api/people/${other.advocate.id}`).expect(200);
    await otherAdmin
      .patch(`/api/people/${other.advocate.id}`)
      .send({ version: person.body.version, status: 'deactivated' })
      .expect(200);
    expect(await connection(other.advocate.id)).toBeUndefined();
  });

  it('refuses an unverified-share policy the settings do not know', async () => {
    const { admin } = await setup();
    const adminAgent = await ctx.signIn(admin);
    const { updatedAt: _updatedAt, ...current } = (
      await adminAgent.get('/api/organisation/settings').expect(200)
    ).body as { updatedAt: string; settings: Record<string, unknown> };
    const bad = await adminAgent
      .put('/api/organisation/settings')
      .send({ ...current, settings: { ...current.settings, unverifiedSharePolicy: 'punish' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('unverifiedSharePolicy');
    const good = await adminAgent
      .put('/api/organisation/settings')
      .send({ ...current, settings: { ...current.settings, unverifiedSharePolicy: 'revoke' } })
      .expect(200);
    expect(good.body.settings.unverifiedSharePolicy).toBe('revoke');
  });
});
