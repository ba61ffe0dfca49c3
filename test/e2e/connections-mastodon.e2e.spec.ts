/**
 * Mastodon through the connections routes: the member names their server, Heimo registers itself
 * there and sends the member to authorise; the server sends them back to the callback, which
 * connects the account in the session that started it. Then a share is verified from the member's
 * statuses (the card's link), as on any connected network. The real adapter against the loopback
 * fake server (test/support/fake-mastodon.ts).
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { CLOCK_ONLY, passTimeTo } from '../support/clock';
import { FakeMastodon } from '../support/fake-mastodon';
import { newFeedPack } from '../support/feed-packs';
import { useTestServer } from '../support/use-test-server';

const MINUTE = 60_000;

describe('connected accounts: Mastodon by OAuth', () => {
  let fake: FakeMastodon;
  beforeAll(async () => {
    fake = await FakeMastodon.start();
  });
  afterAll(() => fake.stop());

  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: { OUTBOUND_ALLOWED_HOSTS: fake.host },
  }));

  const queue = () => server.app.get<Queue>(getQueueToken(QueueName.Connections));
  let seq = 0;

  async function setup() {
    const made = await ctx.newOrg(`Mastodon ${++seq}`);
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: 'https://example.com/news/launch',
      variants: [{ network: 'mastodon', captionTemplate: 'Worth a read {{link}}' }],
    });
    return { ...made, pack, agent: await ctx.signIn(made.advocate) };
  }

  /** Starts at Heimo, follows the server's approval, and answers where it sends the member back. */
  async function authorise(agent: request.Agent): Promise<{ callback: string; state: string }> {
    const started = await agent
      .post('/api/me/connections/mastodon/authorize')
      .send({ server: fake.origin })
      .expect(201);
    const authorizationUrl = new URL(started.body.authorizationUrl as string);
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(`${fake.origin}/oauth/authorize`);
    const approved = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    expect(back.pathname).toBe('/api/me/connections/mastodon/callback');
    return { callback: `${back.pathname}${back.search}`, state: back.searchParams.get('state')! };
  }

  it('connects through the server’s authorisation in the session that started it, once', async () => {
    const { agent, advocate } = await setup();
    fake.followers = 812;
    const appsBefore = fake.apps.length;
    const { callback } = await authorise(agent);

    const done = await agent.get(callback).expect(303);
    expect(done.headers.location).toMatch(/\/me\/connections\?connected=mastodon$/);
    const list = await agent.get('/api/me/connections').expect(200);
    const mastodon = (list.body.items as { network: string; offered: boolean; connect: string }[]).find(
      (item) => item.network === 'mastodon',
    );
    expect(mastodon).toMatchObject({
      offered: true,
      connect: 'instance_oauth',
      connection: { followers: 812, status: 'active' },
    });
    const [row] = (await server.dataSource.query(
      `SELECT credentials_sealed AS sealed FROM connected_accounts WHERE member_id = $1 AND network = 'mastodon'`,
      [advocate.id],
    )) as { sealed: string }[];
    expect(row!.sealed).toMatch(/^v1\./);

    // The same state again: used up.
    const again = await agent.get(callback).expect(303);
    expect(again.headers.location).toMatch(/\?error=connection\.oauth_state_invalid$/);

    // A second member of the same organisation on the same server: Heimo's app there is reused.
    const other = await ctx.signIn(await ctx.newMember((await setup()).org.id, { roles: ['advocate'] }));
    const second = await authorise(other);
    expect(fake.apps.length).toBe(appsBefore + 1);
    await other.get(second.callback).expect(303);
  });

  it('refuses a state started in another session (and spends it), and a server at a private address before any request', async () => {
    const { agent, org } = await setup();
    const { callback } = await authorise(agent);
    const stranger = await ctx.signIn(await ctx.newMember(org.id, { roles: ['advocate'] }));
    const refused = await stranger.get(callback).expect(303);
    expect(refused.headers.location).toMatch(/\?error=connection\.oauth_state_invalid$/);
    // Any use spends the state: a link that leaked cannot be tried twice, and the member starts again.
    const spent = await agent.get(callback).expect(303);
    expect(spent.headers.location).toMatch(/\?error=connection\.oauth_state_invalid$/);
    await agent.get((await authorise(agent)).callback).expect(303, /connected=mastodon/);

    const before = fake.requests.length;
    const privateServer = await agent
      .post('/api/me/connections/mastodon/authorize')
      .send({ server: 'https://192.168.1.20' })
      .expect(400);
    expect(privateServer.body.errors).toEqual([expect.objectContaining({ field: 'server' })]);
    expect(privateServer.headers['content-type']).toMatch(/problem\+json/);
    expect(fake.requests.length).toBe(before);
  });

  it('verifies a share from the status whose card carries the tracked link', async () => {
    jest.useFakeTimers(CLOCK_ONLY);
    try {
      const { agent, pack } = await setup();
      await agent.get((await authorise(agent)).callback).expect(303);
      const res = await agent.post('/api/shares').send({ packId: pack.id, network: 'mastodon' }).expect(201);
      const [row] = (await server.dataSource.query(`SELECT created_at FROM shares WHERE id = $1`, [
        res.body.id,
      ])) as { created_at: Date }[];
      const at = row!.created_at.getTime();
      const link = res.body.trackedUrl as string;
      fake.addStatus({ text: 'Not this one', createdAt: new Date(at + MINUTE) });
      const id = fake.addStatus({ text: `Worth a read ${link}`, createdAt: new Date(at + 2 * MINUTE) });
      await passTimeTo(queue(), at + 10 * MINUTE + 1000);
      const [verification] = (await server.dataSource.query(
        `SELECT status, post_id AS "postId", post_url AS "postUrl" FROM share_verifications WHERE share_id = $1`,
        [res.body.id],
      )) as { status: string; postId: string; postUrl: string }[];
      expect(verification).toMatchObject({ status: 'verified', postId: id });
      expect(verification!.postUrl).toContain(id);
    } finally {
      jest.useRealTimers();
    }
  });
});
