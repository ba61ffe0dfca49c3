/**
 * "Post for me": Heimo posts a share through the member's connected account, now or at a chosen time,
 * on the connections queue. The real `@atproto/api` client and the real Mastodon adapter against the
 * loopback fakes (test/support/fake-bluesky.ts, fake-mastodon.ts); job timing by the test clock.
 */
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type request from 'supertest';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { MEDIA_STORAGE, type MediaStorage } from '../../apps/api/src/modules/media/storage/media-storage';
import { CLOCK_ONLY, passTimeTo } from '../support/clock';
import { FakeBluesky, type FakeAccount } from '../support/fake-bluesky';
import { FakeMastodon } from '../support/fake-mastodon';
import { newFeedPack, patchSettings } from '../support/feed-packs';
import { useTestServer } from '../support/use-test-server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('connected accounts: post for me', () => {
  const bluesky = new FakeBluesky();
  let mastodon: FakeMastodon;
  beforeAll(async () => {
    await bluesky.start();
    mastodon = await FakeMastodon.start();
  });
  afterAll(async () => {
    await bluesky.stop();
    await mastodon.stop();
  });

  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: {
      OUTBOUND_ALLOWED_HOSTS: `${bluesky.host},${mastodon.host}`,
      BLUESKY_SERVICE_URL: bluesky.url,
      CONNECTION_RETRY_BASE_MS: '1000',
    },
  }));

  beforeEach(() => jest.useFakeTimers(CLOCK_ONLY));
  afterEach(() => jest.useRealTimers());

  const queue = () => server.app.get<Queue>(getQueueToken(QueueName.Connections));
  let seq = 0;
  const PICTURE = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), randomBytes(200)]);

  /** A picture in the media storage, with its alt text. */
  async function picture(organisationId: string): Promise<string> {
    const key = `${randomBytes(1).toString('hex')}/${randomBytes(16).toString('hex')}`;
    await server.app.get<MediaStorage>(MEDIA_STORAGE, { strict: false }).put(key, PICTURE);
    const [row] = (await server.dataSource.query(
      `INSERT INTO media_assets (organisation_id, kind, content_type, bytes, width, height, storage_key, original_name, alt_text)
       VALUES ($1, 'image', 'image/png', $2, 1200, 630, $3, 'launch.png', 'The new ferry at the quay') RETURNING id`,
      [organisationId, PICTURE.length, key],
    )) as { id: string }[];
    return row!.id;
  }

  /** An organisation with "post for me" on (unless told), its advocate signed in and a pack with a picture. */
  async function setup(network: 'bluesky' | 'mastodon', postForMe = true) {
    const made = await ctx.newOrg(`Post for me ${++seq}`);
    if (postForMe) await patchSettings(server.dataSource, made.org.id, { postForMe: true });
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: 'https://example.com/news/launch',
      variants: [{ network, captionTemplate: 'Worth a read {{link}}' }],
      mediaIds: [await picture(made.org.id)],
    });
    await server.dataSource.query(`UPDATE packs SET summary = 'The ferry starts on Monday' WHERE id = $1`, [
      pack.id,
    ]);
    const agent = await ctx.signIn(made.advocate);
    return { ...made, pack, agent };
  }

  async function connectBluesky(agent: request.Agent): Promise<FakeAccount> {
    const account = bluesky.addAccount(`poster${++seq}.bsky.test`, `app-pass-${seq}`, 120);
    await agent
      .post('/api/me/connections/bluesky')
      .send({ identifier: account.handle, appPassword: account.password })
      .expect(201);
    return account;
  }

  async function connectMastodon(agent: request.Agent): Promise<void> {
    const started = await agent
      .post('/api/me/connections/mastodon/authorize')
      .send({ server: mastodon.origin })
      .expect(201);
    const approved = await fetch(new URL(started.body.authorizationUrl as string), { redirect: 'manual' });
    const back = new URL(approved.headers.get('location')!);
    await agent.get(`${back.pathname}${back.search}`).expect(303, /connected=mastodon/);
  }

  async function share(agent: request.Agent, packId: string, network: string) {
    const res = await agent.post('/api/shares').send({ packId, network }).expect(201);
    return { id: res.body.id as string, text: res.body.text as string, link: res.body.trackedUrl as string };
  }

  const postState = async (agent: request.Agent, shareId: string) =>
    (await agent.get(`/api/shares/${shareId}/post`).expect(200)).body as Record<string, unknown>;

  const stored = async (shareId: string) =>
    (
      (await server.dataSource.query(
        `SELECT status, attempts, error_code AS "errorCode" FROM share_posts WHERE share_id = $1`,
        [shareId],
      )) as { status: string; attempts: number; errorCode: string | null }[]
    )[0];

  const until = (agent: request.Agent, shareId: string, status: string) =>
    waitFor(async () => (await postState(agent, shareId)).status === status);

  const verification = async (shareId: string) =>
    (
      (await server.dataSource.query(
        `SELECT status, post_id AS "postId", post_url AS "postUrl" FROM share_verifications WHERE share_id = $1`,
        [shareId],
      )) as { status: string; postId: string; postUrl: string }[]
    )[0];

  const ownPosts = (account: FakeAccount) => bluesky.posts.filter((post) => post.did === account.did);

  it('posts now on Bluesky: the caption with its link, the card with the picture as thumb, the share verified at once', async () => {
    const { agent, pack } = await setup('bluesky');
    const account = await connectBluesky(agent);
    const made = await share(agent, pack.id, 'bluesky');
    const blobsBefore = bluesky.blobs.length;

    const asked = await agent.post(`/api/shares/${made.id}/post`).send({}).expect(202);
    expect(asked.body).toMatchObject({ shareId: made.id, network: 'bluesky', status: 'scheduled' });
    await until(agent, made.id, 'posted');

    const [post] = ownPosts(account);
    expect(ownPosts(account)).toHaveLength(1);
    expect(post!.record.text).toBe(made.text);
    expect(made.text).toContain(made.link);
    const embed = post!.record.embed as { $type: string; external: Record<string, unknown> };
    expect(embed.$type).toBe('app.bsky.embed.external');
    expect(embed.external).toMatchObject({
      uri: made.link,
      title: 'Launch',
      description: 'The ferry starts on Monday',
    });
    const blob = bluesky.blobs[blobsBefore]!;
    expect(Buffer.compare(blob.bytes, PICTURE)).toBe(0);
    expect(blob.mimeType).toBe('image/png');
    expect((embed.external.thumb as { ref: { $link: string } }).ref.$link).toBe(blob.ref);

    const state = await postState(agent, made.id);
    expect(state).toMatchObject({ status: 'posted', postId: post!.uri, attempts: 1, errorCode: null });
    expect(state.postUrl).toBe(
      `https://bsky.app/profile/${account.handle}/post/${post!.uri.split('/').pop()}`,
    );
    const mine = await agent.get('/api/me/shares').expect(200);
    expect(mine.body.items[0]).toMatchObject({
      id: made.id,
      post: { status: 'posted', postId: post!.uri, postUrl: state.postUrl },
    });
    // Verified at once: the checks find nothing to do.
    expect(await verification(made.id)).toMatchObject({ status: 'verified', postId: post!.uri });

    // Asked again: it was posted already.
    const again = await agent.post(`/api/shares/${made.id}/post`).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'share_post.exists', post: { status: 'posted' } });
  });

  it('posts now on Mastodon with the picture and its alt text', async () => {
    const { agent, pack } = await setup('mastodon');
    await connectMastodon(agent);
    const made = await share(agent, pack.id, 'mastodon');
    const before = mastodon.posted.length;
    await agent.post(`/api/shares/${made.id}/post`).send({}).expect(202);
    await until(agent, made.id, 'posted');
    expect(mastodon.posted.length).toBe(before + 1);
    const status = mastodon.posted[before]!;
    expect(status.status).toContain(made.link);
    expect(status.idempotencyKey).toMatch(/^heimo-/);
    expect(status.mediaIds).toHaveLength(1);
    const upload = mastodon.uploads.find((u) => u.id === status.mediaIds[0])!;
    expect(upload.description).toBe('The new ferry at the quay');
    expect(Buffer.compare(upload.bytes, PICTURE)).toBe(0);
    const state = await postState(agent, made.id);
    expect(state).toMatchObject({ status: 'posted', postId: status.id });
    expect(await verification(made.id)).toMatchObject({ status: 'verified', postId: status.id });
  });

  it('posts a scheduled share at its time, and a cancelled one never', async () => {
    const { agent, pack } = await setup('bluesky');
    const account = await connectBluesky(agent);
    const first = await share(agent, pack.id, 'bluesky');
    const second = await share(agent, pack.id, 'bluesky');
    const at = Date.now() + 3 * HOUR;
    const scheduled = await agent
      .post(`/api/shares/${first.id}/post`)
      .send({ at: new Date(at).toISOString() })
      .expect(202);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledAt: new Date(at).toISOString() });
    await agent
      .post(`/api/shares/${second.id}/post`)
      .send({ at: new Date(at).toISOString() })
      .expect(202);
    await agent.delete(`/api/shares/${second.id}/post`).expect(204);
    expect(await postState(agent, second.id)).toMatchObject({ status: 'cancelled' });
    const twice = await agent.delete(`/api/shares/${second.id}/post`).expect(409);
    expect(twice.body.code).toBe('share_post.not_scheduled');

    // My shares carry each share's post job; a share never posted for the member has none.
    const plain = await share(agent, pack.id, 'bluesky');
    const mine = await agent.get('/api/me/shares').expect(200);
    const listed = (id: string) =>
      (mine.body.items as { id: string; post: unknown }[]).find((i) => i.id === id);
    expect(listed(first.id)?.post).toEqual(
      expect.objectContaining({
        shareId: first.id,
        status: 'scheduled',
        scheduledAt: new Date(at).toISOString(),
      }),
    );
    expect(listed(second.id)?.post).toMatchObject({ status: 'cancelled', postUrl: null });
    expect(listed(plain.id)?.post).toBeNull();

    // Hours pass (the session with them): the post's state is read from its row.
    await passTimeTo(queue(), at - MINUTE);
    expect(ownPosts(account)).toHaveLength(0);
    expect(await stored(first.id)).toMatchObject({ status: 'scheduled' });

    await passTimeTo(queue(), at + 1000);
    await waitFor(async () => (await stored(first.id))?.status === 'posted');
    expect(ownPosts(account)).toHaveLength(1);
    expect(ownPosts(account)[0]!.record.text).toBe(first.text);
    expect(await stored(second.id)).toMatchObject({ status: 'cancelled', attempts: 0 });
  });

  it('waits out a 429, and after an answer that never came retries without posting twice', async () => {
    const { agent, pack } = await setup('bluesky');
    const account = await connectBluesky(agent);
    const limited = await share(agent, pack.id, 'bluesky');
    bluesky.rateLimitNext(1, { 'retry-after': '30' });
    await agent.post(`/api/shares/${limited.id}/post`).send({}).expect(202);
    await waitFor(async () => (await postState(agent, limited.id)).errorCode === 'rate_limited');
    expect(await postState(agent, limited.id)).toMatchObject({ status: 'posting' });
    expect(ownPosts(account)).toHaveLength(0);
    await passTimeTo(queue(), Date.now() + 31_000);
    await until(agent, limited.id, 'posted');
    expect(ownPosts(account)).toHaveLength(1);

    const lost = await share(agent, pack.id, 'bluesky');
    bluesky.loseNextCreateAnswers(1);
    await agent.post(`/api/shares/${lost.id}/post`).send({}).expect(202);
    await waitFor(async () => (await postState(agent, lost.id)).errorCode === 'unavailable');
    // The record was made though its answer was lost: the retry finds it under the same key.
    expect(ownPosts(account)).toHaveLength(2);
    await passTimeTo(queue(), Date.now() + 5_000);
    await until(agent, lost.id, 'posted');
    expect(ownPosts(account)).toHaveLength(2);
    const state = await postState(agent, lost.id);
    expect(state).toMatchObject({ attempts: 2, postId: ownPosts(account)[1]!.uri });
  });

  it('shows a failure: revoked credentials fail the post and break the connection', async () => {
    const { agent, pack, advocate } = await setup('bluesky');
    const account = await connectBluesky(agent);
    const made = await share(agent, pack.id, 'bluesky');
    bluesky.revokeTokens(account);
    await agent.post(`/api/shares/${made.id}/post`).send({}).expect(202);
    await until(agent, made.id, 'failed');
    const state = await postState(agent, made.id);
    expect(state).toMatchObject({
      status: 'failed',
      errorCode: 'unauthorized',
      failedAt: expect.any(String),
    });
    const [connection] = (await server.dataSource.query(
      `SELECT status FROM connected_accounts WHERE member_id = $1`,
      [advocate.id],
    )) as { status: string }[];
    expect(connection!.status).toBe('broken');
    expect(ownPosts(account)).toHaveLength(0);
    // Broken: asking again is refused until the member connects again.
    const again = await agent.post(`/api/shares/${made.id}/post`).send({}).expect(409);
    expect(again.body.code).toBe('share_post.no_connection');
  });

  it('refuses with the setting off, without a connection, on a network it cannot post to, and times out of range', async () => {
    const off = await setup('bluesky', false);
    await connectBluesky(off.agent);
    const offShare = await share(off.agent, off.pack.id, 'bluesky');
    const disabled = await off.agent.post(`/api/shares/${offShare.id}/post`).send({}).expect(403);
    expect(disabled.body.code).toBe('share_post.disabled');
    expect(disabled.headers['content-type']).toMatch(/problem\+json/);

    const { agent, pack, org } = await setup('bluesky');
    const unconnected = await share(agent, pack.id, 'bluesky');
    const none = await agent.post(`/api/shares/${unconnected.id}/post`).send({}).expect(409);
    expect(none.body.code).toBe('share_post.no_connection');

    const linkedinPack = await newFeedPack(server.dataSource, org.id, {
      title: 'Elsewhere',
      destinationUrl: 'https://example.com/news/elsewhere',
      variants: [{ network: 'linkedin', captionTemplate: 'Read {{link}}' }],
    });
    const linkedin = await share(agent, linkedinPack.id, 'linkedin');
    const unsupported = await agent.post(`/api/shares/${linkedin.id}/post`).send({}).expect(422);
    expect(unsupported.body.code).toBe('share_post.network_unsupported');

    await connectBluesky(agent);
    for (const at of [
      new Date(Date.now() - HOUR).toISOString(),
      new Date(Date.now() + 31 * DAY).toISOString(),
      'tomorrow',
    ]) {
      const bad = await agent.post(`/api/shares/${unconnected.id}/post`).send({ at }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
    }
    expect((await agent.get(`/api/shares/${unconnected.id}/post`).expect(404)).body.code).toBe(
      'share_post.not_found',
    );

    // Another organisation's share, and another member's, are not found.
    const stranger = await ctx.signIn(await ctx.newMember(org.id, { roles: ['advocate'] }));
    await stranger.post(`/api/shares/${unconnected.id}/post`).send({}).expect(404);
    await stranger.get(`/api/shares/${unconnected.id}/post`).expect(404);
    await stranger.delete(`/api/shares/${unconnected.id}/post`).expect(404);
    const foreign = await off.agent.post(`/api/shares/${unconnected.id}/post`).send({}).expect(404);
    expect(foreign.body.code).toBe('share.not_found');
    await off.agent.delete(`/api/shares/${unconnected.id}/post`).expect(404);
  });

  it('cancels scheduled posts when the member is deactivated', async () => {
    const { agent, pack, admin, advocate } = await setup('bluesky');
    const account = await connectBluesky(agent);
    const made = await share(agent, pack.id, 'bluesky');
    const at = Date.now() + 2 * HOUR;
    await agent
      .post(`/api/shares/${made.id}/post`)
      .send({ at: new Date(at).toISOString() })
      .expect(202);
    const adminAgent = await ctx.signIn(admin);
    const person = await adminAgent.get(`/api/people/${advocate.id}`).expect(200);
    await adminAgent
      .patch(`/api/people/${advocate.id}`)
      .send({ version: person.body.version, status: 'deactivated' })
      .expect(200);
    const [row] = (await server.dataSource.query(
      `SELECT status, error_code AS "errorCode" FROM share_posts WHERE share_id = $1`,
      [made.id],
    )) as { status: string; errorCode: string }[];
    expect(row).toEqual({ status: 'cancelled', errorCode: 'member_deactivated' });
    await passTimeTo(queue(), at + 1000);
    expect(ownPosts(account)).toHaveLength(0);
  });

  it('validates the postForMe setting', async () => {
    const { admin } = await setup('bluesky', false);
    const adminAgent = await ctx.signIn(admin);
    const { updatedAt: _updatedAt, ...current } = (
      await adminAgent.get('/api/organisation/settings').expect(200)
    ).body as { updatedAt: string; settings: Record<string, unknown> };
    expect(current.settings.postForMe).toBe(false);
    const bad = await adminAgent
      .put('/api/organisation/settings')
      .send({ ...current, settings: { ...current.settings, postForMe: 'yes' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('postForMe');
    const good = await adminAgent
      .put('/api/organisation/settings')
      .send({ ...current, settings: { ...current.settings, postForMe: true } })
      .expect(200);
    expect(good.body.settings.postForMe).toBe(true);
  });
});
