import { randomInt } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';
import { testRedisUrl } from '../support/test-env';

/** A client address of its own (the API trusts X-Forwarded-For from loopback), so counters never mix. */
const newAddress = () => `198.51.${randomInt(0, 255)}.${randomInt(1, 255)}`;

function expectRateLimited(res: request.Response, windowSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('rate_limited');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

describe('rate limits', () => {
  const { server, ctx } = useTestServer({
    workers: false,
    env: {
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_LOGIN: '3',
      RATE_LIMIT_REFRESH: '2',
      RATE_LIMIT_INVITATIONS: '2',
      RATE_LIMIT_JOIN: '2',
      RATE_LIMIT_PASSWORD_RESET: '3',
      PASSWORD_RESET_PER_EMAIL: '2',
      LOGIN_LOCKOUT_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '900',
    },
  });

  it('limits sign-in attempts per address with 429 and Retry-After; other addresses go on', async () => {
    const address = newAddress();
    const attempt = (from: string) =>
      request(server.baseUrl).post('/api/auth/login').set('X-Forwarded-For', from).send({});
    for (let i = 0; i < 3; i++) expect((await attempt(address)).status).toBe(400);
    expectRateLimited(await attempt(address), 60);
    expect((await attempt(newAddress())).status).toBe(400);

    // The counters live in Redis under this deployment's prefix, shared by every replica.
    const redis = new Redis(testRedisUrl());
    try {
      const [, keys] = await redis.scan('0', 'MATCH', `${server.redisPrefix}:rate-limit:*`, 'COUNT', 10_000);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('slows one account after repeated failures without touching other accounts', async () => {
    const { org, advocate, curator } = await ctx.newOrg();
    // Each attempt from a different address: the account counter alone stops the guessing.
    for (let i = 0; i < 3; i++) {
      const res = await request(server.baseUrl)
        .post('/api/auth/login')
        .set('X-Forwarded-For', newAddress())
        .send({ email: advocate.email, password: `wrong guess ${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await request(server.baseUrl)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newAddress())
      .send({ email: advocate.email.toUpperCase(), password: TEST_PASSWORD });
    expectRateLimited(locked, 900);
    expect(locked.body.detail).toMatch(/this account/);

    const other = await request(server.baseUrl)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newAddress())
      .send({ email: curator.email, password: TEST_PASSWORD });
    expect(other.status).toBe(200);

    const failures = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.id, action: 'auth.sign_in_failed', targetId: advocate.id });
    expect(failures).toHaveLength(3);
    expect(failures.every((e) => e.actorMemberId === null)).toBe(true);
    expect(JSON.stringify(failures.map((e) => e.details))).not.toMatch(/wrong guess|@/);
  });

  it('counts parallel wrong passwords for one account before checking them: at most LOGIN_LOCKOUT_FAILURES get 401', async () => {
    const { advocate } = await ctx.newOrg();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(server.baseUrl)
          .post('/api/auth/login')
          .set('X-Forwarded-For', newAddress())
          .send({ email: advocate.email, password: `parallel guess ${i}` }),
      ),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    for (const res of answers.filter((res) => res.status === 429)) expectRateLimited(res, 900);
  });

  it('a successful sign-in resets the account counter', async () => {
    const { advocate } = await ctx.newOrg();
    const attempt = (password: string) =>
      request(server.baseUrl)
        .post('/api/auth/login')
        .set('X-Forwarded-For', newAddress())
        .send({ email: advocate.email, password });
    for (let i = 0; i < 2; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await attempt(`wrong again ${i}`)).status).toBe(401);
    expectRateLimited(await attempt(TEST_PASSWORD), 900);
  });

  it('limits refresh, invitation and join calls per address', async () => {
    const cases: [string, (from: string) => request.Test][] = [
      ['refresh', (from) => request(server.baseUrl).post('/api/auth/refresh').set('X-Forwarded-For', from)],
      [
        'accept',
        (from) =>
          request(server.baseUrl)
            .post('/api/invitations/accept')
            .set('X-Forwarded-For', from)
            .send({ token: 'A'.repeat(43), password: 'a-long-and-unusual-passphrase' }),
      ],
      [
        'join',
        (from) => request(server.baseUrl).get('/api/join/AAAAAAAAAAAAAAAA').set('X-Forwarded-For', from),
      ],
    ];
    for (const [, call] of cases) {
      const address = newAddress();
      for (let i = 0; i < 2; i++) expect((await call(address)).status).not.toBe(429);
      expectRateLimited(await call(address), 60);
    }
  });

  it('limits password reset requests per client address and per e-mail address, known or not', async () => {
    const forgot = (from: string, email: string) =>
      request(server.baseUrl).post('/api/auth/password/forgot').set('X-Forwarded-For', from).send({ email });
    const reset = (from: string) =>
      request(server.baseUrl)
        .post('/api/auth/password/reset')
        .set('X-Forwarded-For', from)
        .send({ token: 'A'.repeat(43), password: 'a-long-and-unusual-passphrase' });

    // Per client: the fourth call from one address waits, whatever it asks.
    const client = newAddress();
    for (let i = 0; i < 3; i++) expect((await reset(client)).status).toBe(400);
    expectRateLimited(await reset(client), 60);
    expect((await reset(newAddress())).status).toBe(400);

    // Per e-mail address, from many clients: a known and an unknown address answer alike.
    const { advocate } = await ctx.newOrg();
    for (const email of [advocate.email, `nobody-${randomInt(1e9)}@example.test`]) {
      for (let i = 0; i < 2; i++) expect((await forgot(newAddress(), email)).status).toBe(202);
      const limited = await forgot(newAddress(), email.toUpperCase());
      expectRateLimited(limited, 3600);
      expect(limited.body.detail).toMatch(/this address/);
    }
    // The e-mails are queued after the answer: the two allowed requests made two, the refused none.
    const sent = async () =>
      (
        await server.dataSource.query(
          `SELECT count(*)::int AS n FROM notification_deliveries WHERE member_id = $1 AND kind = 'password_reset'`,
          [advocate.id],
        )
      )[0].n as number;
    for (let tries = 0; tries < 100 && (await sent()) < 2; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sent()).toBe(2);
  });
});
