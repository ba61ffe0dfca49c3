import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type request from 'supertest';
import webPush from 'web-push';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { NotificationScheduler } from '../../apps/api/src/modules/notifications/notification-scheduler';
import { sendPushJobId } from '../../apps/api/src/modules/push/jobs/push-jobs';
import { PushNotifier } from '../../apps/api/src/modules/push/push-notifier';
import { newPack } from '../support/packs';
import { TestBrowserKeys, TestPushService, verifyVapid } from '../support/push-service';
import { useTestServer } from '../support/use-test-server';
import { sleep, waitFor } from '../support/wait';

const service = new TestPushService();
const vapid = webPush.generateVAPIDKeys();
beforeAll(() => service.start());
afterAll(() => service.stop());

const { server, ctx } = useTestServer(() => ({
  env: {
    PUBLIC_URL: 'http://heimo.test',
    OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${service.port}`,
    PUSH_SERVICE_CA_FILE: service.caFile,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:push@heimo.test',
    PUSH_RETRY_BASE_MS: '50',
  },
}));

interface Device {
  readonly keys: TestBrowserKeys;
  readonly path: string;
  readonly id: string;
}

/** A member of a new organisation of their own. */
const freshMember = async (name: string) => {
  const { org } = await ctx.newOrg(name);
  return ctx.newMember(org.id, { roles: ['advocate'] });
};

let pathCounter = 0;
async function subscribe(agent: request.Agent, kind: 'ok' | 'gone' | 'flaky' = 'ok'): Promise<Device> {
  const keys = new TestBrowserKeys();
  const path = `/${kind}/${++pathCounter}-${Date.now()}`;
  const res = await agent
    .post('/api/me/push-subscriptions')
    .send({
      endpoint: service.endpoint(path),
      keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') },
    })
    .expect(201);
  return { keys, path, id: res.body.id };
}

/** The one message the service received at the device's path: VAPID verified, body decrypted. */
function opened(device: Device) {
  const [received] = service.at(device.path);
  if (!received) throw new Error(`nothing pushed to ${device.path}`);
  const signed = verifyVapid(received.headers);
  expect(signed.publicKey).toBe(vapid.publicKey);
  expect(signed.claims).toMatchObject({
    aud: `https://127.0.0.1:${service.port}`,
    sub: 'mailto:push@heimo.test',
  });
  expect(signed.claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(received.headers['content-encoding']).toBe('aes128gcm');
  expect(Number(received.headers.ttl)).toBeGreaterThan(0);
  return JSON.parse(device.keys.decrypt(received.body)) as Record<string, unknown>;
}

const listOf = async (agent: request.Agent) =>
  (await agent.get('/api/me/push-subscriptions').expect(200)).body as {
    id: string;
    enabled: boolean;
    current: boolean;
    lastSentAt: string | null;
  }[];

describe('push subscriptions', () => {
  it('answers the public key browsers subscribe with', async () => {
    const advocate = await freshMember('Key Oy');
    const agent = await ctx.signIn(advocate);
    expect((await agent.get('/api/push/public-key').expect(200)).body).toEqual({
      publicKey: vapid.publicKey,
    });
  });

  it('refuses an endpoint or keys a push service could not be, naming the field, and saves nothing', async () => {
    const advocate = await freshMember('Refused Oy');
    const agent = await ctx.signIn(advocate);
    const p256dh = new TestBrowserKeys().p256dh;
    const auth = Buffer.alloc(16, 3).toString('base64url');
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { endpoint: 'http://push.example.com/x', keys: { p256dh, auth } },
        'endpoint',
        'push.bad_endpoint_scheme',
      ],
      [
        { endpoint: 'ftp://push.example.com/x', keys: { p256dh, auth } },
        'endpoint',
        'push.bad_endpoint_scheme',
      ],
      [{ endpoint: 'not a url', keys: { p256dh, auth } }, 'endpoint', 'push.bad_endpoint'],
      [{ endpoint: 'https://10.1.2.3/x', keys: { p256dh, auth } }, 'endpoint', 'push.private_address'],
      [{ endpoint: 'https://169.254.169.254/x', keys: { p256dh, auth } }, 'endpoint', 'push.private_address'],
      [{ endpoint: 'https://localhost/x', keys: { p256dh, auth } }, 'endpoint', 'push.private_address'],
      [{ endpoint: 'https://127.0.0.1:9/x', keys: { p256dh, auth } }, 'endpoint', 'push.private_address'],
      [
        { endpoint: 'https://push.example.com/x', keys: { p256dh: 'a+b/', auth } },
        'keys.p256dh',
        'push.bad_key_encoding',
      ],
      [
        {
          endpoint: 'https://push.example.com/x',
          keys: { p256dh: Buffer.alloc(65, 5).toString('base64url'), auth },
        },
        'keys.p256dh',
        'push.bad_key_length',
      ],
      [
        {
          endpoint: 'https://push.example.com/x',
          keys: { p256dh, auth: Buffer.alloc(8).toString('base64url') },
        },
        'keys.auth',
        'push.bad_key_length',
      ],
      [{ endpoint: 'https://push.example.com/x' }, 'keys', 'validation.failed'],
      [{ endpoint: 'https://push.example.com/x', keys: { p256dh } }, 'keys.auth', 'validation.failed'],
    ];
    for (const [body, field, code] of cases) {
      const res = await agent.post('/api/me/push-subscriptions').send(body);
      expect([res.status, res.headers['content-type']]).toEqual([
        400,
        expect.stringMatching(/problem\+json/),
      ]);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) })]),
      );
      if (code !== 'validation.failed') expect(res.body.code).toBe(code);
    }
    expect(await listOf(agent)).toEqual([]);
  });

  it('lists the member’s devices, switches one off and on, and finds no other member’s', async () => {
    const { org } = await ctx.newOrg('Devices Oy');
    const advocate = await ctx.newMember(org.id, { roles: ['advocate'] });
    const other = await ctx.newMember(org.id, { roles: ['advocate'] });
    const agent = await ctx.signIn(advocate);
    const otherAgent = await ctx.signIn(other);
    const device = await subscribe(agent);
    const theirs = await subscribe(otherAgent);
    expect(await listOf(agent)).toEqual([
      expect.objectContaining({ id: device.id, enabled: true, current: true, lastSentAt: null }),
    ]);
    const off = await agent
      .patch(`/api/me/push-subscriptions/${device.id}`)
      .send({ enabled: false })
      .expect(200);
    expect(off.body.enabled).toBe(false);
    expect(
      await server.app
        .get(PushNotifier)
        .notify(advocate.id, `off-${device.id}`, { title: 't', body: 'b', url: '/feed' }),
    ).toBe(0);
    await agent.patch(`/api/me/push-subscriptions/${device.id}`).send({ enabled: true }).expect(200);
    for (const call of [
      agent.patch(`/api/me/push-subscriptions/${theirs.id}`).send({ enabled: false }),
      agent.delete(`/api/me/push-subscriptions/${theirs.id}`),
    ]) {
      const res = await call;
      expect([res.status, res.body.code]).toEqual([404, 'push.subscription_not_found']);
    }
    expect(await listOf(otherAgent)).toEqual([expect.objectContaining({ id: theirs.id, enabled: true })]);
    await agent.delete(`/api/me/push-subscriptions/${device.id}`).expect(204);
    expect(await listOf(agent)).toEqual([]);
  });

  it('signing out of the device removes its subscription; other devices keep theirs', async () => {
    const advocate = await freshMember('Sign-out Oy');
    const phone = await ctx.signIn(advocate);
    const laptop = await ctx.signIn(advocate);
    const onPhone = await subscribe(phone);
    const onLaptop = await subscribe(laptop);
    await phone.post('/api/auth/logout').expect((res) => expect(res.status).toBeLessThan(300));
    expect((await listOf(laptop)).map((d) => d.id)).toEqual([onLaptop.id]);
    expect(
      await server.app
        .get(PushNotifier)
        .notify(advocate.id, `signout-${onPhone.id}`, { title: 'T', body: 'B', url: '/feed' }),
    ).toBe(1);
    await waitFor(
      async () => service.at(onLaptop.path).length,
      (n) => n === 1,
      10_000,
    );
    expect(service.at(onLaptop.path)).toHaveLength(1);
    expect(service.at(onPhone.path)).toHaveLength(0);
  });
});

describe('push messages', () => {
  it('tells a reviewer of a submitted pack on their device, in their language, verified and decrypted', async () => {
    const { org, curator: author } = await ctx.newOrg('Push Review Oy');
    const reviewer = await ctx.newMember(org.id, { roles: ['curator'], name: 'Rita Reviewer', locale: 'fi' });
    const reviewerApi = await ctx.signIn(reviewer);
    const device = await subscribe(reviewerApi);
    const pack = await newPack(server.dataSource, org.id, { title: 'Autumn launch', createdById: author.id });
    await (
      await ctx.signIn(author)
    )
      .post(`/api/packs/${pack.id}/transitions`)
      .send({ action: 'submit', version: 1 })
      .expect(200);
    await waitFor(
      async () => service.at(device.path).length,
      (n) => n > 0,
      15_000,
    );
    // Only what the notification shows: the organisation, the e-mail's subject, the page to open.
    expect(opened(device)).toEqual({
      title: 'Push Review Oy',
      body: 'Tarkistettavana: Autumn launch',
      url: `/studio/packs/${pack.id}`,
    });
    const [listed] = await waitFor(
      () => listOf(reviewerApi),
      ([d]) => !!d?.lastSentAt,
      5_000,
    );
    expect(listed!.lastSentAt).not.toBeNull();
  });

  it('pushes a new pack the member can share; a tap opens it in the feed', async () => {
    const { org } = await ctx.newOrg('Push Alert Oy');
    const advocate = await ctx.newMember(org.id, { roles: ['advocate'] });
    const agent = await ctx.signIn(advocate);
    await agent.patch('/api/me/notification-preferences').send({ packAlerts: 'immediately' }).expect(200);
    const device = await subscribe(agent);
    const pack = await newPack(server.dataSource, org.id, {
      title: 'Spring launch',
      status: 'published',
      variants: [{ network: 'linkedin', captionTemplate: 'Read {{disclosure}}' }],
    });
    await server.app.get(NotificationScheduler).tick();
    await waitFor(
      async () => service.at(device.path).length,
      (n) => n > 0,
      15_000,
    );
    expect(opened(device)).toEqual({
      title: 'Push Alert Oy',
      body: 'New to share: Spring launch',
      url: `/feed?pack=${pack.id}`,
    });
    // Once: a second tick alerts nobody again.
    await server.app.get(NotificationScheduler).tick();
    await sleep(300);
    expect(service.at(device.path)).toHaveLength(1);
  });

  it('a 410 from the push service removes the subscription', async () => {
    const advocate = await freshMember('Gone Oy');
    const agent = await ctx.signIn(advocate);
    const gone = await subscribe(agent, 'gone');
    await server.app
      .get(PushNotifier)
      .notify(advocate.id, `gone-${gone.id}`, { title: 'T', body: 'B', url: '/feed' });
    const left = await waitFor(
      () => listOf(agent),
      (list) => list.length === 0,
      10_000,
    );
    expect(left).toEqual([]);
    expect(service.at(gone.path)).toHaveLength(1);
    expect(opened(gone)).toEqual({ title: 'T', body: 'B', url: '/feed' });
  });

  it('tries a message again with backoff while the push service is unavailable, and delivers it once', async () => {
    const advocate = await freshMember('Flaky Oy');
    const agent = await ctx.signIn(advocate);
    const flaky = await subscribe(agent, 'flaky');
    await server.app
      .get(PushNotifier)
      .notify(advocate.id, `flaky-${flaky.id}`, { title: 'T', body: 'Again', url: '/feed' });
    const [listed] = await waitFor(
      () => listOf(agent),
      ([d]) => !!d?.lastSentAt,
      10_000,
    );
    expect(listed!.lastSentAt).not.toBeNull();
    // Two 503s, then the 201; each attempt the same message, encrypted anew.
    const attempts = service.at(flaky.path);
    expect(attempts).toHaveLength(3);
    // Exponential backoff from PUSH_RETRY_BASE_MS (50 ms here): 50 ms, then 100 ms.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(45);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(95);
    expect(opened(flaky)).toEqual({ title: 'T', body: 'Again', url: '/feed' });
  });

  it('holds a message during the member’s quiet hours, in their time zone, until they end', async () => {
    const advocate = await freshMember('Quiet Oy');
    const agent = await ctx.signIn(advocate);
    const device = await subscribe(agent);
    // Quiet from an hour ago to an hour from now, read in Tokyo's time (UTC+9, no DST).
    const now = Date.now();
    const tokyo = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(11, 16);
    const settings = await agent
      .patch('/api/me/push-settings')
      .send({
        timeZone: 'Asia/Tokyo',
        quietHoursStart: tokyo(now - 3_600_000),
        quietHoursEnd: tokyo(now + 3_600_000),
      })
      .expect(200);
    expect(settings.body).toMatchObject({ timeZone: 'Asia/Tokyo', organisationTimeZone: 'Europe/Helsinki' });
    await agent.patch('/api/me/push-settings').send({ timeZone: 'Mars/Olympus' }).expect(400);
    await agent.patch('/api/me/push-settings').send({ quietHoursEnd: '25:00' }).expect(400);

    const cause = `quiet-${device.id}`;
    await server.app
      .get(PushNotifier)
      .notify(advocate.id, cause, { title: 'Quiet', body: 'Later', url: '/feed?pack=x' });
    const queue = server.app.get<Queue>(getQueueToken(QueueName.Push));
    const job = await queue.getJob(sendPushJobId(cause, device.id));
    // Held until the end minute of the quiet hours (HH:MM, so within a minute after now + 1 h).
    const due = job!.timestamp + (job!.opts.delay ?? 0);
    const end = Math.floor((now + 3_600_000) / 60_000) * 60_000;
    expect(due - end).toBeGreaterThanOrEqual(0);
    expect(due - end).toBeLessThan(1_000);
    expect(await job!.getState()).toBe('delayed');
    await sleep(500);
    expect(service.at(device.path)).toHaveLength(0);
    // The hours end (the delay runs out): the message goes.
    await job!.promote();
    await waitFor(
      async () => service.at(device.path).length,
      (n) => n > 0,
      10_000,
    );
    expect(opened(device)).toEqual({ title: 'Quiet', body: 'Later', url: '/feed?pack=x' });
  });
});
