import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_TYPES } from '@heimo/domain';
import supertest from 'supertest';
import type request from 'supertest';
import { newPack } from '../support/packs';
import { join } from 'node:path';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { loadConfig } from '../../apps/api/src/infra/config/config';
import { SWEEP_WEBHOOKS_JOB } from '../../apps/api/src/modules/webhooks/jobs/webhook-jobs';
import { useTestServer } from '../support/use-test-server';
import { sleep, waitFor } from '../support/wait';

// ---- A receiver on loopback: answers by path, and verifies nothing itself ---------------------

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** `/ok` answers 200; `/fail` 500; `/slow` after the time limit; `/flaky` 500 twice per message, then 200. */
class Receiver {
  readonly received: Received[] = [];
  private server!: Server;
  private readonly flaky = new Map<string, number>();
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        const kind = path.split('/')[1];
        if (kind === 'slow') {
          setTimeout(() => res.writeHead(200).end('late'), 1_500).unref();
          return;
        }
        if (kind === 'fail') return void res.writeHead(500).end('receiver is down');
        if (kind === 'flaky') {
          const id = String(req.headers['webhook-id']);
          const seen = (this.flaky.get(id) ?? 0) + 1;
          this.flaky.set(id, seen);
          if (seen <= 2) return void res.writeHead(500).end(`not yet (${seen})`);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

/** Verifies a request as a receiver would, with the standardwebhooks package. Throws when it does not verify. */
function verify(secret: string, received: Received): { type: string; data: Record<string, unknown> } {
  const headers = {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(received.body, headers) as {
    type: string;
    data: Record<string, unknown>;
  };
}

const ATTEMPTS = 3;
/** Large enough that a request's own time (tens of ms) cannot make a fixed backoff look exponential. */
const RETRY_BASE_MS = 200;

describe('webhooks', () => {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: {
      OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}`,
      WEBHOOK_ATTEMPTS: String(ATTEMPTS),
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      WEBHOOK_TIMEOUT_MS: '400',
      NOTIFICATION_TICK_SECONDS: '0',
    },
  }));

  let org: Awaited<ReturnType<typeof ctx.newOrg>>;
  let admin: request.Agent;
  let curator: request.Agent;

  beforeAll(async () => {
    org = await ctx.newOrg('Hooks');
    admin = await ctx.signIn(org.admin);
    curator = await ctx.signIn(org.curator);
  });

  const addEndpoint = async (path: string, events: string[] = ['pack.published']) => {
    const res = await admin
      .post('/api/webhooks')
      .send({ url: receiver.url(path), events, description: path });
    expect(res.status).toBe(201);
    return res.body as { endpoint: { id: string; enabled: boolean }; secret: string };
  };

  const deliveriesOf = async (endpointId: string) =>
    (await admin.get(`/api/webhooks/${endpointId}/deliveries`).expect(200)).body.items as {
      id: string;
      messageId: string;
      eventType: string;
      status: string;
      attempts: number;
      responseStatus: number | null;
      durationMs: number | null;
      responseExcerpt: string | null;
      errorCode: string | null;
    }[];

  /** Publishes an approved pack through the API, as a curator would. */
  const publishPack = async (title: string) => {
    const pack = await newPack(server.dataSource, org.org.id, {
      title,
      status: 'approved',
      createdById: org.curator.id,
    });
    await curator
      .post(`/api/packs/${pack.id}/transitions`)
      .send({ action: 'publish', version: pack.version })
      .expect(200);
    return pack;
  };

  const endpointRow = async (id: string) =>
    (
      (await server.dataSource.query(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id])) as Record<
        string,
        unknown
      >[]
    )[0]!;

  /** Switches off every endpoint of the organisation, so each test hears only its own. */
  const quiet = () =>
    server.dataSource.query(`UPDATE webhook_endpoints SET enabled = false WHERE organisation_id = $1`, [
      org.org.id,
    ]);
  beforeEach(() => quiet());

  it('signs a published pack so that the standardwebhooks package verifies it, and logs the delivery', async () => {
    const { endpoint, secret } = await addEndpoint('/ok/published');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // Stored sealed, never as the secret.
    const row = await endpointRow(endpoint.id);
    expect(String(row['secret_sealed'])).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));

    const pack = await publishPack('Spring campaign');
    const [got] = await waitFor(
      async () => receiver.at('/ok/published'),
      (list) => list.length >= 1,
    );
    const body = verify(secret, got!);
    expect(body).toMatchObject({
      type: 'pack.published',
      organisationId: org.org.id,
      data: { packId: pack.id, title: 'Spring campaign', expireAt: null },
    });
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(got!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(10);

    const [logged] = await waitFor(
      () => deliveriesOf(endpoint.id),
      (list) => list[0]?.status === 'succeeded',
    );
    expect(logged).toMatchObject({
      messageId: got!.headers['webhook-id'],
      eventType: 'pack.published',
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseExcerpt: '{"received":true}',
      errorCode: null,
    });
    expect(logged!.durationMs).toEqual(expect.any(Number));
  });

  it('sends only the events an endpoint chose, and nothing for a rolled-back command', async () => {
    const { endpoint } = await addEndpoint('/ok/chosen', ['share.created']);
    await publishPack('Not for this endpoint');
    // A publish that is refused (a stale version) writes nothing and sends nothing either.
    const pack = await newPack(server.dataSource, org.org.id, {
      status: 'approved',
      createdById: org.curator.id,
    });
    await curator
      .post(`/api/packs/${pack.id}/transitions`)
      .send({ action: 'publish', version: 99 })
      .expect(409);
    await sleep(300);
    expect(receiver.at('/ok/chosen')).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
  });

  it('sends training.completed and member.ready when a policy makes an advocate ready, and pack.expired', async () => {
    const { secret } = await addEndpoint('/ok/training', [
      'training.completed',
      'member.ready',
      'pack.expired',
    ]);
    const policy = await ctx.newTrainingModule(org.org.id, { title: { en: 'Policy' } });
    await server.dataSource.query(
      `UPDATE organisations SET settings = settings || jsonb_build_object('requiredTrainingModuleIds', $2::jsonb) WHERE id = $1`,
      [org.org.id, JSON.stringify([policy.id])],
    );
    const advocate = await ctx.signIn(org.advocate);
    await advocate.post(`/api/training/${policy.id}/accept`).send({ version: 1 }).expect(200);
    const pack = await publishPack('Short-lived');
    const version = (await server.dataSource.query(`SELECT version FROM packs WHERE id = $1`, [pack.id]))[0]
      .version;
    await curator.post(`/api/packs/${pack.id}/transitions`).send({ action: 'expire', version }).expect(200);

    const got = await waitFor(
      async () => receiver.at('/ok/training'),
      (list) => list.length >= 3,
    );
    const bodies = got.map((r) => verify(secret, r));
    expect(bodies.map((b) => b.type).sort()).toEqual(['member.ready', 'pack.expired', 'training.completed']);
    expect(bodies.find((b) => b.type === 'training.completed')!.data).toMatchObject({
      memberId: org.advocate.id,
      moduleId: policy.id,
      version: 1,
      kind: 'policy',
      score: null,
    });
    expect(bodies.find((b) => b.type === 'member.ready')!.data).toMatchObject({ memberId: org.advocate.id });
    expect(bodies.find((b) => b.type === 'pack.expired')!.data).toMatchObject({
      packId: pack.id,
      title: 'Short-lived',
    });
    await server.dataSource.query(
      `UPDATE organisations SET settings = settings - 'requiredTrainingModuleIds' WHERE id = $1`,
      [org.org.id],
    );
  });

  it('sends member.joined when an invitation is accepted, and share.created when an advocate shares', async () => {
    const { secret } = await addEndpoint('/ok/people', ['member.joined', 'share.created']);
    const invited = await admin
      .post('/api/people/invitations')
      .send({ email: 'hook.joiner@example.test', name: 'Joni Joiner', roles: ['advocate'] })
      .expect(201);
    const token = String(invited.body.invitationUrl).split('/').pop();
    await supertest(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token, password: 'Password1234!x' })
      .expect(200);
    const pack = await newPack(server.dataSource, org.org.id, {
      status: 'published',
      createdById: org.curator.id,
    });
    const advocate = await ctx.signIn(org.advocate);
    const shared = await advocate
      .post('/api/shares')
      .send({ packId: pack.id, network: 'linkedin' })
      .expect(201);

    const got = await waitFor(
      async () => receiver.at('/ok/people'),
      (list) => list.length >= 2,
    );
    const bodies = got.map((r) => verify(secret, r));
    const joined = bodies.find((b) => b.type === 'member.joined');
    expect(joined?.data).toMatchObject({
      memberId: invited.body.member.id,
      kind: 'employee',
      via: 'invitation',
    });
    expect(JSON.stringify(joined)).not.toContain('hook.joiner@example.test');
    expect(bodies.find((b) => b.type === 'share.created')?.data).toMatchObject({
      shareId: shared.body.share?.id ?? expect.any(String),
      packId: pack.id,
      memberId: org.advocate.id,
      network: 'linkedin',
    });
  });

  it('retries an endpoint that answers 500 with backoff, with the same webhook-id, until it succeeds', async () => {
    const { endpoint, secret } = await addEndpoint('/flaky/one');
    await publishPack('Flaky');
    const got = await waitFor(
      async () => receiver.at('/flaky/one'),
      (list) => list.length >= 3,
    );
    expect(got).toHaveLength(3);
    for (const one of got) verify(secret, one);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Exponential: at least 200 ms before the second attempt and at least 400 ms before the third (a
    // fixed backoff would wait 200 ms both times; load only makes the waits longer).
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(RETRY_BASE_MS - 5);
    expect(got[2]!.at - got[1]!.at).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS - 5);
    const [logged] = await waitFor(
      () => deliveriesOf(endpoint.id),
      (list) => list[0]?.status === 'succeeded',
    );
    expect(logged).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200 });
    expect((await endpointRow(endpoint.id))['enabled']).toBe(true);
  });

  it('by default retries for about a day: 12 attempts, each wait twice the one before, from 40 s', () => {
    const defaults = loadConfig({});
    expect([defaults.WEBHOOK_ATTEMPTS, defaults.WEBHOOK_RETRY_BASE_MS]).toEqual([12, 40_000]);
    // BullMQ's exponential backoff waits base × 2^(n−1) before retry n.
    let waited = 0;
    for (let retry = 1; retry < defaults.WEBHOOK_ATTEMPTS; retry++)
      waited += defaults.WEBHOOK_RETRY_BASE_MS * 2 ** (retry - 1);
    expect(waited / 3_600_000).toBeGreaterThan(20);
    expect(waited / 3_600_000).toBeLessThan(26);
  });

  it.each([
    ['500', '/fail/always', 'webhook.http_status', 500],
    ['a timeout', '/slow/always', 'webhook.timeout', null],
  ])(
    'after %s on every retry: the delivery fails, the endpoint is switched off and the admins are told',
    async (_, path, errorCode, responseStatus) => {
      const { endpoint } = await addEndpoint(path);
      await publishPack(`Failing ${path}`);
      const [logged] = await waitFor(
        () => deliveriesOf(endpoint.id),
        (list) => list[0]?.status === 'failed',
      );
      expect(logged).toMatchObject({ status: 'failed', attempts: ATTEMPTS, errorCode, responseStatus });
      expect(receiver.at(path)).toHaveLength(ATTEMPTS);
      // Each retry waited twice as long as the one before (200 ms, then 400 ms, or longer under load).
      const times = receiver.at(path).map((r) => r.at);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(RETRY_BASE_MS - 5);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS - 5);
      const row = await waitFor(
        () => endpointRow(endpoint.id),
        (r) => r['enabled'] === false,
      );
      expect(row).toMatchObject({ enabled: false, disabled_reason: 'failing' });
      const listed = (await admin.get('/api/webhooks?limit=100').expect(200)).body.items as {
        id: string;
        disabledReason: string | null;
      }[];
      expect(listed.find((e) => e.id === endpoint.id)?.disabledReason).toBe('failing');
      const mails = (await server.dataSource.query(
        `SELECT recipient, payload FROM notification_deliveries WHERE organisation_id = $1 AND kind = 'webhook_disabled' AND payload::text LIKE $2`,
        [org.org.id, `%${receiver.port}${path}%`],
      )) as { recipient: string }[];
      expect(mails.map((m) => m.recipient)).toEqual([org.admin.email]);
      const audit = await server.dataSource.query(
        `SELECT actor_member_id FROM audit_events WHERE organisation_id = $1 AND action = 'webhook.disabled' AND details->>'endpointId' = $2`,
        [org.org.id, endpoint.id],
      );
      expect(audit).toEqual([{ actor_member_id: null }]);
      // Switched off, it gets nothing more; switched on again, it does.
      await publishPack('While off');
      await sleep(300);
      expect(receiver.at(path)).toHaveLength(ATTEMPTS);
      const on = await admin.patch(`/api/webhooks/${endpoint.id}`).send({ enabled: true }).expect(200);
      expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
    },
  );

  it('never delivers to a private address, even when one got into an endpoint', async () => {
    const { endpoint } = await addEndpoint('/ok/private');
    // As if the policy changed, or a row was written by hand: 127.0.0.2 is not on the allow-list.
    const privateUrl = `http://127.0.0.2:${receiver.port}/ok/private`;
    await server.dataSource.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [
      endpoint.id,
      privateUrl,
    ]);
    await publishPack('Private');
    const [logged] = await waitFor(
      () => deliveriesOf(endpoint.id),
      (list) => list[0]?.status === 'failed',
    );
    expect(logged).toMatchObject({
      status: 'failed',
      errorCode: 'webhook.private_address',
      responseStatus: null,
    });
    expect(receiver.at('/ok/private')).toEqual([]);
  });

  it('redelivers a delivery signed again with a fresh timestamp, and refuses it for a switched-off endpoint', async () => {
    const { endpoint, secret } = await addEndpoint('/ok/again');
    await publishPack('Again');
    const [first] = await waitFor(
      async () => receiver.at('/ok/again'),
      (list) => list.length >= 1,
    );
    const [delivery] = await waitFor(
      () => deliveriesOf(endpoint.id),
      (list) => list[0]?.status === 'succeeded',
    );
    await sleep(1_100);
    const res = await admin
      .post(`/api/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`)
      .expect(202);
    expect(res.body).toMatchObject({ id: delivery!.id, status: 'pending' });
    const got = await waitFor(
      async () => receiver.at('/ok/again'),
      (list) => list.length >= 2,
    );
    const second = got[1]!;
    expect(second.body).toBe(first!.body);
    expect(second.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(Number(second.headers['webhook-timestamp'])).toBeGreaterThan(
      Number(first!.headers['webhook-timestamp']),
    );
    expect(second.headers['webhook-signature']).not.toBe(first!.headers['webhook-signature']);
    verify(secret, second);
    const [logged] = await waitFor(
      () => deliveriesOf(endpoint.id),
      (list) => list[0]?.status === 'succeeded' && list[0].attempts === 2,
    );
    expect(logged).toMatchObject({ attempts: 2, status: 'succeeded' });

    await admin.patch(`/api/webhooks/${endpoint.id}`).send({ enabled: false }).expect(200);
    const refused = await admin.post(`/api/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('webhook.endpoint_disabled');
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one only after it', async () => {
    const { endpoint, secret: oldSecret } = await addEndpoint('/ok/rotate');
    const rotated = await admin
      .post(`/api/webhooks/${endpoint.id}/rotate-secret`)
      .send({ overlapHours: 2 })
      .expect(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.body.endpoint.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 3_500_000);

    await publishPack('Rotating');
    const [during] = await waitFor(
      async () => receiver.at('/ok/rotate'),
      (list) => list.length >= 1,
    );
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(oldSecret, during!).type).toBe('pack.published');
    expect(verify(newSecret, during!).type).toBe('pack.published');

    // No overlap: the secret it replaces stops signing at once.
    const again = await admin
      .post(`/api/webhooks/${endpoint.id}/rotate-secret`)
      .send({ overlapHours: 0 })
      .expect(200);
    const newest = again.body.secret as string;
    expect(again.body.endpoint.previousSecretExpiresAt).toBeNull();
    await publishPack('Rotated');
    const got = await waitFor(
      async () => receiver.at('/ok/rotate'),
      (list) => list.length >= 2,
    );
    const after = got[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(newest, after).type).toBe('pack.published');
    expect(() => verify(newSecret, after)).toThrow();
    expect(() => verify(oldSecret, after)).toThrow();
    const audit = await server.dataSource.query(
      `SELECT details->>'overlapHours' AS overlap FROM audit_events WHERE organisation_id = $1 AND action = 'webhook.secret_rotated' AND details->>'endpointId' = $2 ORDER BY created_at`,
      [org.org.id, endpoint.id],
    );
    expect(audit).toEqual([{ overlap: '2' }, { overlap: '0' }]);
  });

  it('the sweep sends a delivery whose job was lost, and deletes the log after 30 days', async () => {
    const { endpoint, secret } = await addEndpoint('/ok/lost');
    const body = JSON.stringify({
      type: 'pack.published',
      timestamp: new Date().toISOString(),
      organisationId: org.org.id,
      data: {},
    });
    // Written as a command writes it, but with no job (Redis was away at the commit), three minutes ago.
    const [lost] = (await server.dataSource.query(
      `INSERT INTO webhook_deliveries (organisation_id, endpoint_id, message_id, event_type, body, created_at)
       VALUES ($1, $2, 'msg_lost', 'pack.published', $3, now() - interval '3 minutes') RETURNING id`,
      [org.org.id, endpoint.id, body],
    )) as { id: string }[];
    const [old] = (await server.dataSource.query(
      `INSERT INTO webhook_deliveries (organisation_id, endpoint_id, message_id, event_type, body, status, attempts, created_at)
       VALUES ($1, $2, 'msg_old', 'pack.published', '{}', 'succeeded', 1, now() - interval '31 days') RETURNING id`,
      [org.org.id, endpoint.id],
    )) as { id: string }[];
    const queue = server.app.get<Queue>(getQueueToken(QueueName.Webhooks));
    await queue.add(SWEEP_WEBHOOKS_JOB, {}, { attempts: 1 });
    const [got] = await waitFor(
      async () => receiver.at('/ok/lost'),
      (list) => list.length >= 1,
    );
    expect(got!.body).toBe(body);
    expect(got!.headers['webhook-id']).toBe('msg_lost');
    verify(secret, got!);
    const rows = await waitFor(
      () =>
        server.dataSource.query(`SELECT id, status FROM webhook_deliveries WHERE id = ANY($1) ORDER BY id`, [
          [lost!.id, old!.id],
        ]) as Promise<{ id: string; status: string }[]>,
      (list) => list.length === 1 && list[0]!.status === 'succeeded',
    );
    expect(rows).toEqual([{ id: lost!.id, status: 'succeeded' }]);
  });

  it('changes, lists and removes endpoints, with their deliveries', async () => {
    const { endpoint } = await addEndpoint('/ok/crud', ['pack.published']);
    const patched = await admin
      .patch(`/api/webhooks/${endpoint.id}`)
      .send({ events: ['member.joined', 'share.created'], description: 'CRM' })
      .expect(200);
    expect(patched.body).toMatchObject({ events: ['member.joined', 'share.created'], description: 'CRM' });
    const listed = (await admin.get('/api/webhooks?limit=100').expect(200)).body.items as { id: string }[];
    expect(listed.map((e) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed)).not.toMatch(/whsec_|secret_sealed|v1\./);
    await admin.delete(`/api/webhooks/${endpoint.id}`).expect(204);
    await admin.get(`/api/webhooks/${endpoint.id}/deliveries`).expect(404);
  });

  it('documents every event: a README row and an OpenAPI payload schema each', async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const document = (await supertest(server.baseUrl).get('/api/openapi.json').expect(200)).body as {
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    };
    const documented = Object.values(document.components.schemas).flatMap(
      (schema) => (schema.properties?.['data'] && schema.properties['type']?.enum) || [],
    );
    for (const type of WEBHOOK_EVENT_TYPES) expect(readme).toContain(`| \`${type}\``);
    expect([...documented].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });

  describe('bad input answers 400 naming the field, and writes nothing', () => {
    const https = 'https://hooks.example.com/heimo';
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['http, not https', { url: 'http://hooks.example.com/heimo' }, 'url', 'webhook.bad_scheme'],
      ['ftp', { url: 'ftp://hooks.example.com/heimo' }, 'url', 'webhook.bad_scheme'],
      ['a user name and password', { url: 'https://user:pw@hooks.example.com/' }, 'url', 'webhook.bad_url'],
      ['a user name', { url: 'https://user@hooks.example.com/' }, 'url', 'webhook.bad_url'],
      ['not a URL', { url: 'hooks.example.com/heimo' }, 'url', 'webhook.bad_url'],
      ['an empty URL', { url: '' }, 'url', 'validation.failed'],
      [
        'a URL over 2048 characters',
        { url: `https://hooks.example.com/${'a'.repeat(2048)}` },
        'url',
        'validation.failed',
      ],
      ['loopback', { url: 'https://127.0.0.1/hook' }, 'url', 'webhook.private_address'],
      ['IPv6 loopback', { url: 'https://[::1]/hook' }, 'url', 'webhook.private_address'],
      ['a localhost name', { url: 'https://localhost/hook' }, 'url', 'webhook.private_address'],
      ['10/8', { url: 'https://10.1.2.3/hook' }, 'url', 'webhook.private_address'],
      ['172.16/12', { url: 'https://172.20.0.1/hook' }, 'url', 'webhook.private_address'],
      ['192.168/16', { url: 'https://192.168.1.10/hook' }, 'url', 'webhook.private_address'],
      [
        'link-local metadata',
        { url: 'https://169.254.169.254/latest/meta-data' },
        'url',
        'webhook.private_address',
      ],
      ['IPv6 link-local', { url: 'https://[fe80::1]/hook' }, 'url', 'webhook.private_address'],
      ['IPv4-mapped private', { url: 'https://[::ffff:10.0.0.1]/hook' }, 'url', 'webhook.private_address'],
      ['shared CGNAT', { url: 'https://100.64.0.1/hook' }, 'url', 'webhook.private_address'],
      ['an unknown event', { url: https, events: ['pack.deleted'] }, 'events', 'validation.failed'],
      ['no events', { url: https, events: [] }, 'events', 'validation.failed'],
      [
        'a repeated event',
        { url: https, events: ['pack.published', 'pack.published'] },
        'events',
        'validation.failed',
      ],
      ['events not a list', { url: https, events: 'pack.published' }, 'events', 'validation.failed'],
      [
        'a description over 200 characters',
        { url: https, description: 'x'.repeat(201) },
        'description',
        'validation.failed',
      ],
    ];

    const count = async () =>
      Number(
        (
          await server.dataSource.query(`SELECT count(*) FROM webhook_endpoints WHERE organisation_id = $1`, [
            org.org.id,
          ])
        )[0].count,
      );

    it.each(cases)('POST with %s', async (_, body, field, code) => {
      const before = await count();
      const res = await admin.post('/api/webhooks').send({ events: ['pack.published'], ...body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await count()).toBe(before);
    });

    it.each([
      ['an http URL', { url: 'http://hooks.example.com/x' }, 'url', 'webhook.bad_scheme'],
      ['a private URL', { url: 'https://192.168.0.1/x' }, 'url', 'webhook.private_address'],
      ['an unknown event', { events: ['member.left'] }, 'events', 'validation.failed'],
      ['a non-boolean enabled', { enabled: 'yes' }, 'enabled', 'validation.failed'],
    ])('PATCH with %s', async (_, body, field, code) => {
      const { endpoint } = await addEndpoint('/ok/patch');
      const before = await endpointRow(endpoint.id);
      const res = await admin.patch(`/api/webhooks/${endpoint.id}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await endpointRow(endpoint.id)).toEqual(before);
    });

    it.each([
      ['over a week', { overlapHours: 169 }],
      ['negative', { overlapHours: -1 }],
      ['not a number', { overlapHours: 'soon' }],
      ['a fraction', { overlapHours: 1.5 }],
    ])('rotate-secret with an overlap %s', async (_, body) => {
      const { endpoint } = await addEndpoint('/ok/rotate-bad');
      const before = await endpointRow(endpoint.id);
      const res = await admin.post(`/api/webhooks/${endpoint.id}/rotate-secret`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'overlapHours' })]),
      );
      expect(await endpointRow(endpoint.id)).toEqual(before);
    });
  });
});
