import request from 'supertest';
import { ConfigError, loadConfig } from '../../apps/api/src/infra/config/config';
import { freePort } from '../support/free-port';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import type { TestServer } from '../support/server';
import type { TestContext } from '../support/context';
import { useTestServer } from '../support/use-test-server';

/*
 * TRUST_PROXY decides the client address alike for Express (`req.ip`), the rate limits and the
 * click visitor hash. supertest connects from 127.0.0.1: a setting that trusts loopback plays a
 * balancer on this machine, one that does not (a CIDR list without it, or hop count 0) plays a
 * client that writes X-Forwarded-For itself.
 */

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Follows a fresh share's link once per X-Forwarded-For value; resolves with its distinct visitors. */
async function visitorsOf(
  server: TestServer,
  ctx: TestContext,
  forwardedFor: readonly (string | undefined)[],
  options: { baseUrl?: string; userAgents?: readonly string[] } = {},
): Promise<number> {
  const { org, advocate } = await ctx.newOrg('Addresses');
  const pack = await newPack(server.dataSource, org.id, { status: 'published' });
  const share = await newShare(server.dataSource, advocate, pack);
  for (const [i, value] of forwardedFor.entries()) {
    const call = request(options.baseUrl ?? server.baseUrl)
      .get(`/r/${share.code}`)
      .redirects(0)
      .set('User-Agent', options.userAgents?.[i] ?? CHROME);
    if (value !== undefined) call.set('X-Forwarded-For', value);
    await call.expect(302);
  }
  const count = async () =>
    (
      await server.dataSource.query(
        `SELECT count(*)::int AS clicks, count(DISTINCT visitor)::int AS visitors FROM click_events WHERE share_id = $1`,
        [share.id],
      )
    )[0] as { clicks: number; visitors: number };
  await waitFor(async () => (await count()).clicks === forwardedFor.length);
  return (await count()).visitors;
}

/** Statuses of sign-in attempts (an empty body: 400 until limited), one per X-Forwarded-For value. */
async function loginStatuses(server: TestServer, forwardedFor: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const value of forwardedFor) {
    const res = await request(server.baseUrl).post('/api/auth/login').set('X-Forwarded-For', value).send({});
    statuses.push(res.status);
  }
  return statuses;
}

const LOW_LOGIN_LIMIT = { RATE_LIMIT_LOGIN: '2' };

describe('TRUST_PROXY', () => {
  describe('configuration', () => {
    it('defaults to loopback and reads hop counts and CIDR lists', () => {
      expect(loadConfig({}).TRUST_PROXY).toEqual(['loopback']);
      expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
      expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(0);
      expect(loadConfig({ TRUST_PROXY: 'Loopback, 10.0.0.0/8, fd00::/8,192.0.2.1' }).TRUST_PROXY).toEqual([
        'loopback',
        '10.0.0.0/8',
        'fd00::/8',
        '192.0.2.1',
      ]);
    });

    it.each([
      ['10.0.0.0/33', '"10.0.0.0/33" is not an IP address'],
      ['loopback,,10.0.0.0/8', 'empty entry'],
      ['proxy.internal', '"proxy.internal" is not an IP address'],
      ['true', '"true" is not accepted'],
      ['65', 'between 0 and 64'],
    ])('stops the start on %s with a line naming TRUST_PROXY', (value, reason) => {
      let error: unknown;
      try {
        loadConfig({ TRUST_PROXY: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('TRUST_PROXY');
      expect((error as ConfigError).message).toContain(reason);
    });
  });

  describe('loopback (the default): a balancer on this machine', () => {
    const { server, ctx } = useTestServer({ workers: true, env: LOW_LOGIN_LIMIT });

    it('takes the right-most address that is not a trusted proxy from an X-Forwarded-For chain', async () => {
      // The loopback balancer appended 10.0.0.5 (not trusted): the client is 10.0.0.5 whatever the client wrote.
      expect(
        await visitorsOf(server, ctx, ['198.51.100.1, 10.0.0.5', '198.51.100.2, 10.0.0.5', '10.0.0.5']),
      ).toBe(1);
      // Loopback hops are looked through.
      expect(await visitorsOf(server, ctx, ['198.51.100.1, 127.0.0.1', '198.51.100.2, ::1'])).toBe(2);
    });

    it('groups IPv6 visitors by their /64 and reads IPv4-mapped addresses as IPv4', async () => {
      expect(
        await visitorsOf(server, ctx, [
          '2001:db8:1:2::1',
          '2001:db8:1:2:aaaa:bbbb:cccc:dddd',
          '2001:0db8:0001:0002::ffff',
          '2001:db8:1:3::1',
          '198.51.100.7',
          '::ffff:198.51.100.7',
        ]),
      ).toBe(3);
    });

    it('limits sign-ins per client address from the chain, IPv6 per /64', async () => {
      expect(await loginStatuses(server, ['203.0.113.10', '203.0.113.11', '203.0.113.12'])).toEqual([
        400, 400, 400,
      ]);
      expect(
        await loginStatuses(server, [
          '2001:db8:77:1::1',
          '2001:db8:77:1::2',
          '2001:db8:77:1::3',
          '2001:db8:77:2::1',
        ]),
      ).toEqual([400, 400, 429, 400]);
    });
  });

  describe('a CIDR list without loopback: the peer is not a proxy and X-Forwarded-For is spoofed', () => {
    const { server, ctx } = useTestServer({
      workers: true,
      env: { ...LOW_LOGIN_LIMIT, TRUST_PROXY: '10.0.0.0/8' },
    });

    it('ignores the header for the visitor hash and the rate limits', async () => {
      expect(await visitorsOf(server, ctx, ['198.51.100.1', '198.51.100.2', '2001:db8::1', undefined])).toBe(
        1,
      );
      const statuses = await loginStatuses(server, ['203.0.113.20', '203.0.113.21', '203.0.113.22']);
      expect(statuses).toEqual([400, 400, 429]);
    });
  });

  describe('a CIDR list with the balancer and the proxies behind it', () => {
    const { server, ctx } = useTestServer({
      workers: true,
      env: { TRUST_PROXY: '127.0.0.1/32, 10.0.0.0/8' },
    });

    it('looks through every trusted hop to the first untrusted one', async () => {
      expect(await visitorsOf(server, ctx, ['198.51.100.1, 10.0.0.5', '198.51.100.2, 10.0.0.5'])).toBe(2);
      // A spoofed left-most entry does not matter: the first untrusted address from the right wins.
      expect(
        await visitorsOf(server, ctx, ['1.1.1.1, 198.51.100.3, 10.0.0.5', '2.2.2.2, 198.51.100.3, 10.0.0.9']),
      ).toBe(1);
    });
  });

  describe('a hop count', () => {
    const { server, ctx } = useTestServer({ workers: true, env: { TRUST_PROXY: '1' } });

    it('takes the entry that many hops in from the peer and nothing further left', async () => {
      expect(await visitorsOf(server, ctx, ['198.51.100.1, 203.0.113.5', '198.51.100.2, 203.0.113.5'])).toBe(
        1,
      );
      expect(await visitorsOf(server, ctx, ['203.0.113.5', '203.0.113.6'])).toBe(2);
    });
  });

  describe('hop count 0 on the redirect listener thread (REDIRECT_PORT)', () => {
    let redirectPort = 0;
    beforeAll(async () => {
      redirectPort = await freePort();
    });
    const { server, ctx } = useTestServer(() => ({
      workers: true,
      env: { TRUST_PROXY: '0', REDIRECT_PORT: String(redirectPort) },
    }));

    it('ignores X-Forwarded-For there too', async () => {
      const baseUrl = `http://127.0.0.1:${redirectPort}`;
      expect(await visitorsOf(server, ctx, ['198.51.100.1', '198.51.100.2'], { baseUrl })).toBe(1);
    });
  });
});
