import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SsoSettingsService } from '../../apps/api/src/modules/sso/sso-settings.service';
import { TxtResolver } from '../../apps/api/src/modules/sso/txt-resolver';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { TEST_PASSWORD } from '../support/context';
import { type ForgeMode, startTestOpenIdProvider, type TestOpenIdProvider } from '../support/oidc-provider';
import { useTestServer } from '../support/use-test-server';

const PUBLIC_URL = 'http://heimo.test';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/sso/callback`;
const CLIENT = { client_id: 'heimo', client_secret: `secret-${randomBytes(12).toString('hex')}` };
const hex = () => randomBytes(4).toString('hex');

/**
 * Single sign-on against a real OpenID Provider (oidc-provider in a child process on loopback, on the
 * outbound allow-list): the settings API with its refusals, domain verification through an injected
 * TXT resolver, and the authorization-code flow with the ID token checks and the member linking.
 */
describe('single sign-on (OpenID Connect)', () => {
  let op: TestOpenIdProvider;
  // A port on the allow-list that nothing listens on: an issuer that cannot be reached.
  let closedPort: number;
  // An issuer on the allow-list whose discovery document sends the token and JWKS requests to a
  // private address: they must go through the outbound policy too.
  let sneaky: Server;
  let sneakyIssuer: string;
  beforeAll(async () => {
    sneaky = createServer((req, res) => {
      if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: sneakyIssuer,
          authorization_endpoint: `${sneakyIssuer}/auth`,
          token_endpoint: 'https://10.20.30.40/token',
          jwks_uri: 'https://10.20.30.40/jwks',
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    await new Promise<void>((resolve) => sneaky.listen(0, '127.0.0.1', resolve));
    sneakyIssuer = `http://127.0.0.1:${(sneaky.address() as AddressInfo).port}`;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    op = await startTestOpenIdProvider([
      { ...CLIENT, redirect_uris: [REDIRECT_URI], post_logout_redirect_uris: [`${PUBLIC_URL}/login`] },
    ]);
  });
  afterAll(async () => {
    await op?.close();
    await new Promise<void>((resolve) => (sneaky ? sneaky.close(() => resolve()) : resolve()));
  });

  const { server, ctx } = useTestServer(() => ({
    workers: false,
    env: {
      PUBLIC_URL,
      // The provider's own address, and another name of it whose discovery names a different issuer.
      OUTBOUND_ALLOWED_HOSTS: `${new URL(op.issuer).host},localhost:${new URL(op.issuer).port},127.0.0.1:${closedPort},${new URL(sneakyIssuer).host}`,
    },
  }));

  const txt = new Map<string, string[][]>();
  let acme: Awaited<ReturnType<typeof ctx.newOrg>>;
  let other: Awaited<ReturnType<typeof ctx.newOrg>>;
  let admin: request.Agent;
  let otherAdmin: request.Agent;
  const domain = `acme-${hex()}.test`;

  const providerBody = (overrides: Record<string, unknown> = {}) => ({
    issuer: op.issuer,
    clientId: CLIENT.client_id,
    clientSecret: CLIENT.client_secret,
    claims: { name: 'name', email: 'email', locale: 'locale', team: 'department' },
    provisioning: { enabled: true, roles: ['advocate'], kind: 'employee' },
    requireSso: false,
    breakGlassMemberIds: [],
    ...overrides,
  });

  const memberAt = async (
    email: string,
    options: Parameters<typeof ctx.newMember>[1] = {},
  ): Promise<Member> => {
    const member = await ctx.newMember(acme.org.id, options);
    await server.dataSource.query('UPDATE members SET email = $1 WHERE id = $2', [email, member.id]);
    return { ...member, email };
  };

  beforeAll(async () => {
    server.app.get(TxtResolver).resolve = async (name) => txt.get(name) ?? [];
    acme = await ctx.newOrg('Acme');
    other = await ctx.newOrg('Other');
    admin = await ctx.signIn(acme.admin);
    otherAdmin = await ctx.signIn(other.admin);
  });

  /** Through the provider and back; answers the Heimo agent and the callback's redirect. */
  async function signInAtProvider(
    email: string,
    sub: string,
    claims: Record<string, unknown>,
    options: { forge?: ForgeMode; state?: string; returnTo?: string } = {},
  ) {
    const agent = request.agent(server.baseUrl);
    const start = await agent
      .get('/api/auth/sso/start')
      .query({ email, ...(options.returnTo ? { returnTo: options.returnTo } : {}) })
      .redirects(0);
    expect(start.status).toBe(302);
    let location = String(start.headers.location);
    expect(location.startsWith(`${op.issuer}/`)).toBe(true);
    const authorize = new URL(location);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    await op.nextLogin(sub, claims);
    if (options.forge) await op.forgeNext(options.forge);
    const browser = request.agent(op.issuer);
    for (let hop = 0; hop < 10 && !location.startsWith(PUBLIC_URL); hop++) {
      const url = new URL(location, op.issuer);
      const step = await browser.get(`${url.pathname}${url.search}`).redirects(0);
      if (step.status < 300 || step.status > 399) throw new Error(`provider: ${step.status} ${step.text}`);
      location = String(step.headers.location);
    }
    const back = new URL(location);
    if (options.state) back.searchParams.set('state', options.state);
    const done = await agent.get(`${back.pathname}${back.search}`).redirects(0);
    expect(done.status).toBe(302);
    return { agent, landed: String(done.headers.location) };
  }

  describe('settings', () => {
    it('has no provider at first and shows the redirect URI to register', async () => {
      const res = await admin.get('/api/organisation/sign-in').expect(200);
      expect(res.body).toEqual({ provider: null, redirectUri: REDIRECT_URI });
    });

    it('needs the client secret the first time', async () => {
      const { clientSecret: _omitted, ...body } = providerBody();
      const res = await admin.put('/api/organisation/sign-in').send(body).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'clientSecret' })]);
    });

    const badInputs: [string, Record<string, unknown>, string][] = [
      [
        'an issuer with a user name and password',
        { issuer: 'https://user:pass@login.example.com' },
        'issuer',
      ],
      ['an issuer with a user name', { issuer: 'https://user@login.example.com' }, 'issuer'],
      ['a loopback issuer', { issuer: 'https://127.0.0.1/' }, 'issuer'],
      ['a localhost issuer', { issuer: 'https://localhost:8443' }, 'issuer'],
      ['a .localhost issuer', { issuer: 'https://idp.localhost' }, 'issuer'],
      ['a private 10/8 issuer', { issuer: 'https://10.0.0.5/realms/x' }, 'issuer'],
      ['a private 192.168/16 issuer', { issuer: 'https://192.168.1.10' }, 'issuer'],
      ['a link-local (cloud metadata) issuer', { issuer: 'https://169.254.169.254' }, 'issuer'],
      ['an IPv6 loopback issuer', { issuer: 'https://[::1]/' }, 'issuer'],
      ['an IPv4-mapped IPv6 loopback issuer', { issuer: 'https://[::ffff:127.0.0.1]/' }, 'issuer'],
      ['a plain-http issuer outside the allow-list', { issuer: 'http://login.example.com' }, 'issuer'],
      ['a file: issuer', { issuer: 'file:///etc/passwd' }, 'issuer'],
      ['a relative issuer', { issuer: '/realms/acme' }, 'issuer'],
      ['an issuer with a query', { issuer: 'https://login.example.com/?tenant=1' }, 'issuer'],
      ['an issuer with a fragment', { issuer: 'https://login.example.com/#x' }, 'issuer'],
      ['an empty issuer', { issuer: '' }, 'issuer'],
      ['an issuer that is not text', { issuer: 42 }, 'issuer'],
      ['a client id with spaces', { clientId: 'my client' }, 'clientId'],
      ['a claim name with spaces', { claims: { name: 'full name', email: 'email' } }, 'claims.name'],
      ['a claim name with a quote', { claims: { name: 'name', email: "em'ail" } }, 'claims.email'],
      ['a claim mapping without e-mail', { claims: { name: 'name' } }, 'claims.email'],
      ['a claim mapping that is a string', { claims: 'email' }, 'claims'],
      ['a team claim that is a number', { claims: { name: 'name', email: 'email', team: 7 } }, 'claims.team'],
      [
        'an unknown claim mapping key',
        { claims: { name: 'name', email: 'email', phone: 'x' } },
        'claims.phone',
      ],
      [
        'an unknown role',
        { provisioning: { enabled: true, roles: ['owner'], kind: 'employee' } },
        'provisioning.roles',
      ],
      ['no role', { provisioning: { enabled: true, roles: [], kind: 'employee' } }, 'provisioning.roles'],
      [
        'an unknown kind',
        { provisioning: { enabled: true, roles: ['advocate'], kind: 'robot' } },
        'provisioning.kind',
      ],
      ['requireSso that is not a boolean', { requireSso: 'yes' }, 'requireSso'],
      ['a break-glass id that is not a uuid', { breakGlassMemberIds: ['admin'] }, 'breakGlassMemberIds'],
      [
        'a break-glass member who is not an admin',
        { breakGlassMemberIds: ['__advocate__'] },
        'breakGlassMemberIds',
      ],
      [
        'a break-glass admin of another organisation',
        { breakGlassMemberIds: ['__other_admin__'] },
        'breakGlassMemberIds',
      ],
    ];

    it.each(badInputs)(
      'refuses %s with 400 naming the field, writing nothing',
      async (_label, change, field) => {
        const body = JSON.parse(
          JSON.stringify(providerBody(change))
            .replace('__advocate__', acme.advocate.id)
            .replace('__other_admin__', other.admin.id),
        ) as Record<string, unknown>;
        const res = await admin.put('/api/organisation/sign-in').send(body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
        const now = await admin.get('/api/organisation/sign-in').expect(200);
        expect(now.body.provider).toBeNull();
      },
    );

    it('saves the provider with the secret sealed, and never answers the secret', async () => {
      const res = await admin.put('/api/organisation/sign-in').send(providerBody()).expect(200);
      expect(res.body.provider).toMatchObject({
        issuer: op.issuer,
        clientId: 'heimo',
        clientSecretSet: true,
        claims: { name: 'name', email: 'email', locale: 'locale', team: 'department' },
        provisioning: { enabled: true, roles: ['advocate'], kind: 'employee' },
        redirectUri: REDIRECT_URI,
      });
      expect(res.text).not.toContain(CLIENT.client_secret);
      expect((await admin.get('/api/organisation/sign-in')).text).not.toContain(CLIENT.client_secret);
      const [row] = (await server.dataSource.query(
        'SELECT client_secret_sealed FROM sso_providers WHERE organisation_id = $1',
        [acme.org.id],
      )) as { client_secret_sealed: string }[];
      expect(row!.client_secret_sealed).toMatch(/^v1\./);
      expect(row!.client_secret_sealed).not.toContain(CLIENT.client_secret);
      const audit = (await server.dataSource.query(
        `SELECT details FROM audit_events WHERE organisation_id = $1 AND action = 'sso.configured'`,
        [acme.org.id],
      )) as { details: Record<string, unknown> }[];
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(CLIENT.client_secret);
    });

    it('tests the connection: discovery and the client credentials', async () => {
      const ok = await admin.post('/api/organisation/sign-in/test').expect(200);
      expect(ok.body).toEqual({
        discovery: true,
        credentials: true,
        code: null,
        detail: null,
        endSessionEndpoint: `${op.issuer}/session/end`,
      });
    });

    it('tells a wrong client secret apart, and keeps the saved secret when none is sent', async () => {
      await admin
        .put('/api/organisation/sign-in')
        .send(providerBody({ clientSecret: 'wrong-secret' }))
        .expect(200);
      const wrong = await admin.post('/api/organisation/sign-in/test').expect(200);
      expect(wrong.body).toMatchObject({ discovery: true, credentials: false, code: 'sso.client_rejected' });
      await admin.put('/api/organisation/sign-in').send(providerBody()).expect(200);
      const { clientSecret: _kept, ...withoutSecret } = providerBody();
      await admin.put('/api/organisation/sign-in').send(withoutSecret).expect(200);
      const kept = await admin.post('/api/organisation/sign-in/test').expect(200);
      expect(kept.body).toMatchObject({ discovery: true, credentials: true });
    });

    it('reports an issuer that does not match the discovery document', async () => {
      await otherAdmin
        .put('/api/organisation/sign-in')
        .send(providerBody({ issuer: `http://localhost:${new URL(op.issuer).port}` }))
        .expect(200);
      const res = await otherAdmin.post('/api/organisation/sign-in/test').expect(200);
      expect(res.body).toMatchObject({ discovery: false, credentials: false, code: 'sso.discovery_failed' });
      await otherAdmin.delete('/api/organisation/sign-in').expect(204);
      await otherAdmin.post('/api/organisation/sign-in/test').expect(404);
      const changes = (await server.dataSource.query(
        `SELECT action, actor_member_id AS actor FROM audit_events
          WHERE organisation_id = $1 AND action IN ('sso.configured', 'sso.removed') ORDER BY created_at, id`,
        [other.org.id],
      )) as { action: string; actor: string }[];
      expect(changes).toEqual([
        { action: 'sso.configured', actor: other.admin.id },
        { action: 'sso.removed', actor: other.admin.id },
      ]);
    });

    it('tests the settings as typed, before they are saved', async () => {
      const typed = { issuer: op.issuer, clientId: CLIENT.client_id };
      // Nothing saved for this organisation: the typed settings are tested all the same.
      const good = await otherAdmin
        .post('/api/organisation/sign-in/test')
        .send({ ...typed, clientSecret: CLIENT.client_secret })
        .expect(200);
      expect(good.body).toMatchObject({ discovery: true, credentials: true, code: null });
      const wrong = await otherAdmin
        .post('/api/organisation/sign-in/test')
        .send({ ...typed, clientSecret: 'not-the-secret' })
        .expect(200);
      expect(wrong.body).toMatchObject({ discovery: true, credentials: false, code: 'sso.client_rejected' });
      const unknownClient = await otherAdmin
        .post('/api/organisation/sign-in/test')
        .send({ ...typed, clientId: 'nobody', clientSecret: CLIENT.client_secret })
        .expect(200);
      expect(unknownClient.body).toMatchObject({ credentials: false, code: 'sso.client_rejected' });
      // No secret typed and none saved.
      const noSecret = await otherAdmin.post('/api/organisation/sign-in/test').send(typed).expect(400);
      expect(noSecret.body.errors[0]).toMatchObject({
        field: 'clientSecret',
        code: 'sso.client_secret_required',
      });
      expect(
        (await otherAdmin.post('/api/organisation/sign-in/test').send({ issuer: op.issuer }).expect(400)).body
          .errors[0].field,
      ).toBe('clientId');
      // Testing saves nothing.
      expect((await otherAdmin.get('/api/organisation/sign-in').expect(200)).body.provider).toBeNull();

      // The secret left blank: the saved one is tried with the typed issuer and client id.
      const saved = await admin.post('/api/organisation/sign-in/test').send(typed).expect(200);
      expect(saved.body).toMatchObject({ discovery: true, credentials: true });
      const typedWrong = await admin
        .post('/api/organisation/sign-in/test')
        .send({ ...typed, clientSecret: 'typed-but-wrong' })
        .expect(200);
      expect(typedWrong.body).toMatchObject({ credentials: false, code: 'sso.client_rejected' });
      // ...and the saved secret is untouched by the test.
      expect((await admin.post('/api/organisation/sign-in/test').expect(200)).body.credentials).toBe(true);
    });

    it('answers a problem naming the issuer when it is private or cannot be reached', async () => {
      const test = (issuer: string) =>
        otherAdmin
          .post('/api/organisation/sign-in/test')
          .send({ issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret });
      for (const [issuer, code] of [
        ['https://10.0.0.8/realms/acme', 'sso.issuer_private_address'],
        ['https://[::1]:8443', 'sso.issuer_private_address'],
        ['http://192.168.1.20', 'sso.issuer_not_https'],
        ['https://user:pw@login.example.com', 'sso.issuer_credentials'],
      ] as const) {
        const res = await test(issuer).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors[0]).toMatchObject({ field: 'issuer', code });
      }
      const unreachable = await test(`http://127.0.0.1:${closedPort}`).expect(422);
      expect(unreachable.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(unreachable.body.errors[0]).toMatchObject({ field: 'issuer', code: 'sso.issuer_unreachable' });
    });
  });

  it('sends the token request through the outbound policy: a private token endpoint is refused', async () => {
    const res = await otherAdmin
      .post('/api/organisation/sign-in/test')
      .send({ issuer: sneakyIssuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret })
      .expect(200);
    // Discovery (on the allow-list) answered; the token endpoint at 10.20.30.40 was never asked.
    expect(res.body).toMatchObject({
      discovery: true,
      credentials: false,
      code: 'sso.outbound_private_address',
    });
  });

  describe('domains', () => {
    let domainId: string;

    it.each([
      ['gmail.com', 'sso.domain_public'],
      ['Outlook.com.', 'sso.domain_public'],
      ['not a domain', 'sso.domain_invalid'],
      ['localhost', 'sso.domain_invalid'],
      ['10.0.0.1', 'sso.domain_invalid'],
      ['-bad-.example.com', 'sso.domain_invalid'],
    ])('refuses %s (%s)', async (name, code) => {
      const res = await admin.post('/api/organisation/sign-in/domains').send({ domain: name }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'domain', code })]);
    });

    it('adds a domain and shows the TXT record to publish', async () => {
      const res = await admin
        .post('/api/organisation/sign-in/domains')
        .send({ domain: domain.toUpperCase() })
        .expect(201);
      expect(res.body).toMatchObject({
        domain,
        recordName: `_heimo-verification.${domain}`,
        recordValue: expect.stringMatching(/^heimo-verification=[A-Za-z0-9_-]{20,}$/),
        verifiedAt: null,
      });
      domainId = res.body.id as string;
      await admin.post('/api/organisation/sign-in/domains').send({ domain }).expect(409);
    });

    it('refuses to verify while the TXT record is missing or wrong', async () => {
      const missing = await admin.post(`/api/organisation/sign-in/domains/${domainId}/verify`).expect(422);
      expect(missing.body.code).toBe('sso.domain_unproven');
      txt.set(`_heimo-verification.${domain}`, [['v=spf1 -all'], ['heimo-verification=wrong-token']]);
      const wrong = await admin.post(`/api/organisation/sign-in/domains/${domainId}/verify`).expect(422);
      expect(wrong.body.code).toBe('sso.domain_unproven');
    });

    it('lets another organisation add the domain while unverified, but not verify it after us', async () => {
      const claimed = await otherAdmin.post('/api/organisation/sign-in/domains').send({ domain }).expect(201);
      const theirs = claimed.body as { id: string; recordValue: string };
      // Our record is published (in two chunks, as long TXT records come) and verifies.
      const ours = (await admin.get('/api/organisation/sign-in/domains').expect(200)).body.items.find(
        (d: { id: string }) => d.id === domainId,
      ) as { recordValue: string };
      txt.set(`_heimo-verification.${domain}`, [
        [ours.recordValue.slice(0, 10), ours.recordValue.slice(10)],
        [theirs.recordValue],
      ]);
      const verified = await admin.post(`/api/organisation/sign-in/domains/${domainId}/verify`).expect(200);
      expect(verified.body).toMatchObject({ verifiedBy: 'dns', verifiedAt: expect.any(String) });
      const taken = await otherAdmin
        .post(`/api/organisation/sign-in/domains/${theirs.id}/verify`)
        .expect(409);
      expect(taken.body.code).toBe('sso.domain_taken');
      await otherAdmin.delete(`/api/organisation/sign-in/domains/${theirs.id}`).expect(204);
      const again = await otherAdmin.post('/api/organisation/sign-in/domains').send({ domain }).expect(409);
      expect(again.body.code).toBe('sso.domain_taken');
      // Each change is in the audit log, by whom and of which domain.
      const changes = async (organisationId: string) =>
        (
          (await server.dataSource.query(
            `SELECT action, actor_member_id AS actor, details->>'method' AS method FROM audit_events
              WHERE organisation_id = $1 AND action LIKE 'sso.domain_%' AND details->>'domain' = $2
              ORDER BY created_at, id`,
            [organisationId, domain],
          )) as { action: string; actor: string; method: string | null }[]
        ).map((e) => [e.action, e.actor, e.method]);
      expect(await changes(acme.org.id)).toEqual([
        ['sso.domain_added', acme.admin.id, null],
        ['sso.domain_verified', acme.admin.id, 'dns'],
      ]);
      expect(await changes(other.org.id)).toEqual([
        ['sso.domain_added', other.admin.id, null],
        ['sso.domain_removed', other.admin.id, null],
      ]);
    });

    it('verifies a domain on the operator’s approval, but not one another organisation holds', async () => {
      const settings = server.app.get(SsoSettingsService);
      const approved = await settings.approveByOperator(other.org.slug, `other-${hex()}.test`);
      expect(approved.domain).toMatchObject({ verifiedBy: 'operator' });
      await expect(settings.approveByOperator(other.org.slug, domain)).rejects.toMatchObject({
        code: 'sso.domain_taken',
      });
      await expect(settings.approveByOperator(other.org.slug, 'gmail.com')).rejects.toMatchObject({
        code: 'sso.domain_public',
      });
    });
  });

  describe('signing in through the provider', () => {
    it('sends an address of a verified domain to its provider, any other to the password', async () => {
      const sso = await request(server.baseUrl)
        .post('/api/auth/sso/discover')
        .send({ email: `Someone@${domain.toUpperCase()}`, returnTo: '/training' })
        .expect(200);
      expect(sso.body).toEqual({
        method: 'sso',
        startUrl: `/api/auth/sso/start?email=someone%40${domain}&returnTo=%2Ftraining`,
        required: false,
      });
      const password = await request(server.baseUrl)
        .post('/api/auth/sso/discover')
        .send({ email: 'someone@example.com' })
        .expect(200);
      expect(password.body).toEqual({ method: 'password' });
      await request(server.baseUrl).post('/api/auth/sso/discover').send({ email: 'nope' }).expect(400);
    });

    it('signs in an existing member, links them by (issuer, sub), and lands where they were going', async () => {
      const member = await memberAt(`anna@${domain}`, { name: 'Anna' });
      const { agent, landed } = await signInAtProvider(
        member.email,
        'sub-anna',
        { email: member.email, email_verified: true, name: 'Anna A.' },
        { returnTo: '/training' },
      );
      expect(landed).toBe('/training');
      const me = await agent.get('/api/me').expect(200);
      expect(me.body.id).toBe(member.id);
      const links = (await server.dataSource.query(
        'SELECT issuer, subject FROM sso_identities WHERE member_id = $1',
        [member.id],
      )) as { issuer: string; subject: string }[];
      expect(links).toEqual([{ issuer: op.issuer, subject: 'sub-anna' }]);
      const events = (await server.dataSource.query(
        `SELECT details FROM audit_events WHERE actor_member_id = $1 AND action = 'auth.signed_in'`,
        [member.id],
      )) as { details: { method?: string } }[];
      expect(events.map((e) => e.details.method)).toEqual(['sso']);
    });

    it('signs out of Heimo and answers the provider’s end-session address; a password session has none', async () => {
      const member = await memberAt(`outgoing-${hex()}@${domain}`);
      const { agent } = await signInAtProvider(member.email, `sub-${hex()}`, { email: member.email });
      const out = await agent.post('/api/auth/sso/logout').expect(200);
      const end = new URL(out.body.endSessionUrl as string);
      expect(`${end.origin}${end.pathname}`).toBe(`${op.issuer}/session/end`);
      expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
      expect(end.searchParams.get('id_token_hint')).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
      await agent.get('/api/me').expect(401);
      await agent.post('/api/auth/refresh').expect(401);

      const withPassword = await ctx.signIn(other.curator);
      const plain = await withPassword.post('/api/auth/sso/logout').expect(200);
      expect(plain.body).toEqual({ endSessionUrl: null });
      await withPassword.get('/api/me').expect(401);
    });

    it('keeps a linked member when the provider’s e-mail claim changes, even to another member’s', async () => {
      const bertil = await memberAt(`bertil@${domain}`);
      const cecilia = await memberAt(`cecilia@${domain}`);
      await signInAtProvider(bertil.email, 'sub-bertil', { email: bertil.email });
      const { agent } = await signInAtProvider(bertil.email, 'sub-bertil', { email: cecilia.email });
      expect((await agent.get('/api/me').expect(200)).body.id).toBe(bertil.id);
    });

    it('creates a member just in time, with the roles, kind, locale and team from the claims', async () => {
      const email = `new.employee-${hex()}@${domain}`;
      const { agent, landed } = await signInAtProvider(
        email,
        `sub-${hex()}`,
        { email, name: 'Niina Newcomer', locale: 'fi-FI', department: 'sales' },
        { returnTo: '/training' },
      );
      expect(landed).toBe('/training');
      const me = (await agent.get('/api/me').expect(200)).body as Record<string, unknown>;
      expect(me).toMatchObject({ name: 'Niina Newcomer', roles: ['advocate'], locale: 'fi' });
      const [row] = (await server.dataSource.query(
        'SELECT kind, status, team_id, password_hash, managed_by FROM members WHERE id = $1',
        [me.id],
      )) as Record<string, unknown>[];
      // Created at the provider's word: People marks them managed there.
      expect(row).toEqual({
        kind: 'employee',
        status: 'active',
        team_id: acme.team.id,
        password_hash: null,
        managed_by: 'sso',
      });
    });

    const refusals: [
      string,
      () => Promise<{ email: string; sub: string; claims: Record<string, unknown> }>,
      string,
    ][] = [
      [
        'a deactivated member',
        async () => {
          const member = await memberAt(`gone-${hex()}@${domain}`, { status: 'deactivated' });
          return { email: member.email, sub: `sub-${hex()}`, claims: { email: member.email } };
        },
        'member_inactive',
      ],
      [
        'an e-mail outside the verified domains',
        async () => ({
          email: `x@${domain}`,
          sub: `sub-${hex()}`,
          claims: { email: `x-${hex()}@elsewhere.example` },
        }),
        'email_outside_domains',
      ],
      [
        'an e-mail in a domain the organisation added but has not verified',
        async () => {
          const pending = `pending-${hex()}.test`;
          await admin.post('/api/organisation/sign-in/domains').send({ domain: pending }).expect(201);
          return { email: `x@${domain}`, sub: `sub-${hex()}`, claims: { email: `p-${hex()}@${pending}` } };
        },
        'email_outside_domains',
      ],
      [
        'an e-mail in a domain another organisation verified',
        async () => {
          const theirs = `theirs-${hex()}.test`;
          await server.app.get(SsoSettingsService).approveByOperator(other.org.slug, theirs);
          return { email: `x@${domain}`, sub: `sub-${hex()}`, claims: { email: `t-${hex()}@${theirs}` } };
        },
        'email_outside_domains',
      ],
      [
        'an e-mail the provider says is unverified',
        async () => ({
          email: `x@${domain}`,
          sub: `sub-${hex()}`,
          claims: { email: `u-${hex()}@${domain}`, email_verified: false },
        }),
        'email_unverified',
      ],
      [
        'an ID token without an e-mail claim',
        async () => ({ email: `x@${domain}`, sub: `sub-${hex()}`, claims: { name: 'No Mail' } }),
        'email_missing',
      ],
    ];

    it.each(refusals)('refuses %s without a session or a new member', async (_label, make, failure) => {
      const { email, sub, claims } = await make();
      const before = await count('members');
      const failedBefore = await failedSignIns(failure);
      const { agent, landed } = await signInAtProvider(email, sub, claims);
      expect(landed).toBe(`/login?sso_error=${failure}`);
      await agent.get('/api/me').expect(401);
      // The refusal is in the organisation's audit log, with its reason.
      expect(await failedSignIns(failure)).toBe(failedBefore + 1);
      expect(await count('members')).toBe(before);
      expect(await identityCount(sub)).toBe(0);
    });

    it('refuses a deactivated member who was linked before', async () => {
      const member = await memberAt(`linked-${hex()}@${domain}`);
      const sub = `sub-${hex()}`;
      await signInAtProvider(member.email, sub, { email: member.email });
      await server.dataSource.query(`UPDATE members SET status = 'deactivated' WHERE id = $1`, [member.id]);
      const { agent, landed } = await signInAtProvider(member.email, sub, { email: member.email });
      expect(landed).toBe('/login?sso_error=member_inactive');
      await agent.get('/api/me').expect(401);
    });

    it('refuses an answer whose state is not the one sent', async () => {
      const email = `state-${hex()}@${domain}`;
      const { agent, landed } = await signInAtProvider(
        email,
        `sub-${hex()}`,
        { email },
        { state: 'forged-state' },
      );
      expect(landed).toBe('/login?sso_error=state_mismatch');
      await agent.get('/api/me').expect(401);
    });

    it('refuses a callback without the pending flow (another browser)', async () => {
      const res = await request(server.baseUrl)
        .get('/api/auth/sso/callback?code=abc&state=def')
        .redirects(0)
        .expect(302);
      expect(res.headers.location).toBe('/login?sso_error=flow_expired');
    });

    it('accepts an ID token only re-signed with the provider’s key (the forging itself is sound)', async () => {
      const email = `resigned-${hex()}@${domain}`;
      const { agent, landed } = await signInAtProvider(email, `sub-${hex()}`, { email }, { forge: 'resign' });
      expect(landed).toBe('/');
      expect((await agent.get('/api/me').expect(200)).body.email).toBe(email);
    });

    it.each<[ForgeMode, string]>([
      ['issuer', 'an issuer mismatch'],
      ['nonce', 'a wrong nonce'],
      ['expired', 'an expired ID token'],
      ['signature', 'a signature by another key'],
      ['audience', 'another audience'],
    ])('refuses an ID token forged with %s (%s)', async (mode) => {
      const email = `forged-${hex()}@${domain}`;
      const before = await count('members');
      const sub = `sub-${hex()}`;
      const { agent, landed } = await signInAtProvider(email, sub, { email }, { forge: mode });
      expect(landed).toBe('/login?sso_error=token_invalid');
      await agent.get('/api/me').expect(401);
      expect(await count('members')).toBe(before);
      expect(await identityCount(sub)).toBe(0);
    });

    it('refuses a new address when just-in-time provisioning is off', async () => {
      await admin
        .put('/api/organisation/sign-in')
        .send(providerBody({ provisioning: { enabled: false, roles: ['advocate'], kind: 'employee' } }))
        .expect(200);
      const email = `nobody-${hex()}@${domain}`;
      const { landed } = await signInAtProvider(email, `sub-${hex()}`, { email });
      expect(landed).toBe('/login?sso_error=no_member');
    });

    it('refuses password sign-in where single sign-on is required, but for a break-glass admin', async () => {
      const breakGlass = await memberAt(`admin-${hex()}@${domain}`, { roles: ['admin'] });
      const employee = await memberAt(`pw-${hex()}@${domain}`);
      // A reset link sent while passwords were still allowed.
      await admin.post(`/api/people/${employee.id}/password-reset`).expect(202);
      const [sent] = (await server.dataSource.query(
        `SELECT payload FROM notification_deliveries WHERE member_id = $1 AND kind = 'password_reset'`,
        [employee.id],
      )) as { payload: { data: { resetUrl: string } } }[];
      const earlierToken = sent!.payload.data.resetUrl.split('/reset-password/')[1]!;
      await admin
        .put('/api/organisation/sign-in')
        .send(providerBody({ requireSso: true, breakGlassMemberIds: [breakGlass.id] }))
        .expect(200);
      const refused = await request(server.baseUrl)
        .post('/api/auth/login')
        .send({ email: employee.email, password: TEST_PASSWORD })
        .expect(403);
      expect(refused.body).toMatchObject({
        code: 'auth.sso_required',
        startUrl: `/api/auth/sso/start?email=${encodeURIComponent(employee.email)}`,
      });
      // Whatever the password: the answer tells nothing about it.
      await request(server.baseUrl)
        .post('/api/auth/login')
        .send({ email: employee.email, password: 'wrong' })
        .expect(403);
      await request(server.baseUrl)
        .post('/api/auth/login')
        .send({ email: breakGlass.email, password: TEST_PASSWORD })
        .expect(200);
      // Other organisations' addresses are untouched.
      await ctx.signIn(other.advocate);

      // The link sent earlier sets no password now: it leads to the provider.
      const hashBefore = (await server.dataSource.query('SELECT password_hash FROM members WHERE id = $1', [
        employee.id,
      ])) as { password_hash: string }[];
      const late = await request(server.baseUrl)
        .post('/api/auth/password/reset')
        .send({ token: earlierToken, password: 'a-new-and-unusual-passphrase' })
        .expect(403);
      expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(late.body).toMatchObject({
        code: 'auth.sso_required',
        startUrl: `/api/auth/sso/start?email=${encodeURIComponent(employee.email)}`,
      });
      expect(
        await server.dataSource.query('SELECT password_hash FROM members WHERE id = $1', [employee.id]),
      ).toEqual(hashBefore);
      // The sign-in page's look-up says so too, while a domain without the requirement does not.
      expect(
        (
          await request(server.baseUrl)
            .post('/api/auth/sso/discover')
            .send({ email: employee.email })
            .expect(200)
        ).body,
      ).toMatchObject({ method: 'sso', required: true });

      // No password-reset link for an address that must use the provider; the break-glass admin gets one.
      for (const member of [employee, breakGlass])
        await request(server.baseUrl)
          .post('/api/auth/password/forgot')
          .send({ email: member.email })
          .expect(202);
      const links = async (memberId: string) =>
        Number(
          (
            (await server.dataSource.query('SELECT count(*) AS n FROM password_resets WHERE member_id = $1', [
              memberId,
            ])) as { n: string }[]
          )[0]!.n,
        );
      // The links are made after the answer.
      const deadline = Date.now() + 5000;
      while ((await links(breakGlass.id)) === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await links(breakGlass.id)).toBe(1);
      // Only the link the admin sent before single sign-on was required.
      expect(await links(employee.id)).toBe(1);
      // Nor does an admin send one now, but to a break-glass admin.
      const bySupport = await admin.post(`/api/people/${employee.id}/password-reset`).expect(409);
      expect(bySupport.body.code).toBe('member.sso_required');
      await admin.post(`/api/people/${breakGlass.id}/password-reset`).expect(202);
      expect(await links(employee.id)).toBe(1);
    });

    it('leads an invitation in a domain that requires single sign-on to the provider, never to a password', async () => {
      // Single sign-on is required (the test before); the invitee's address is in the verified domain.
      const email = `invitee-${hex()}@${domain}`;
      const invited = await admin
        .post('/api/people/invitations')
        .send({ email, name: 'Iris Invitee', roles: ['advocate'] })
        .expect(201);
      const token = String(invited.body.invitationUrl).split('/invite/')[1]!;
      const memberId = invited.body.member.id as string;
      const preview = await request(server.baseUrl)
        .post('/api/invitations/preview')
        .send({ token })
        .expect(200);
      const startUrl = `/api/auth/sso/start?${new URLSearchParams({ email, returnTo: '/' }).toString()}`;
      expect(preview.body).toMatchObject({ email, singleSignOnUrl: startUrl });

      // Setting a password is refused, whatever the password, and changes nothing.
      for (const password of [TEST_PASSWORD, 'short'])
        expect(
          (
            await request(server.baseUrl)
              .post('/api/invitations/accept')
              .send({ token, password })
              .expect(403)
          ).body,
        ).toMatchObject({ code: 'auth.sso_required', startUrl });
      const untouched = (await server.dataSource.query(
        'SELECT status, password_hash FROM members WHERE id = $1',
        [memberId],
      )) as { status: string; password_hash: string | null }[];
      expect(untouched).toEqual([{ status: 'invited', password_hash: null }]);

      // The start address the page links to leads to the provider.
      const start = await request(server.baseUrl).get(startUrl).redirects(0).expect(302);
      expect(String(start.headers.location).startsWith(`${op.issuer}/`)).toBe(true);

      // An e-mail the provider says is unverified does not accept it.
      const { landed: refused } = await signInAtProvider(email, `sub-${hex()}`, {
        email,
        email_verified: false,
      });
      expect(refused).toBe('/login?sso_error=email_unverified');
      const stillOpen = async () =>
        (
          (await server.dataSource.query('SELECT accepted_at FROM invitations WHERE member_id = $1', [
            memberId,
          ])) as { accepted_at: Date | null }[]
        )[0]!.accepted_at;
      expect(await stillOpen()).toBeNull();

      // Through the provider: the identity is linked to the invited member, who is now active.
      const sub = `sub-invitee-${hex()}`;
      const { agent, landed } = await signInAtProvider(
        email,
        sub,
        { email, email_verified: true, name: 'Iris I.' },
        { returnTo: '/' },
      );
      expect(landed).toBe('/');
      const me = await agent.get('/api/me').expect(200);
      expect(me.body.id).toBe(memberId);
      expect(
        await server.dataSource.query('SELECT issuer, subject FROM sso_identities WHERE member_id = $1', [
          memberId,
        ]),
      ).toEqual([{ issuer: op.issuer, subject: sub }]);
      expect(await stillOpen()).not.toBeNull();
      const accepted = (await server.dataSource.query(
        `SELECT details FROM audit_events WHERE actor_member_id = $1 AND action = 'invitation.accepted'`,
        [memberId],
      )) as { details: { method?: string } }[];
      expect(accepted.map((e) => e.details.method)).toEqual(['sso']);
      const hash = (await server.dataSource.query('SELECT password_hash FROM members WHERE id = $1', [
        memberId,
      ])) as { password_hash: string | null }[];
      expect(hash[0]!.password_hash).toBeNull();
      // The link is used now.
      await request(server.baseUrl).post('/api/invitations/preview').send({ token }).expect(410);
    });

    it('lets an invitee outside the single-sign-on domains set a password', async () => {
      const outside = await admin
        .post('/api/people/invitations')
        .send({ email: `outside-${hex()}@example.com`, name: 'Otto Outside' })
        .expect(201);
      const token = String(outside.body.invitationUrl).split('/invite/')[1]!;
      const preview = await request(server.baseUrl)
        .post('/api/invitations/preview')
        .send({ token })
        .expect(200);
      expect(preview.body.singleSignOnUrl).toBeNull();
      await request(server.baseUrl)
        .post('/api/invitations/accept')
        .send({ token, password: 'a-long-and-unusual-passphrase' })
        .expect(200);
    });
  });

  // Other files' organisations share the database: only this file's organisations are counted.
  const count = async (table: string) =>
    Number(
      (
        (await server.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE organisation_id = ANY($1)`, [
          [acme.org.id, other.org.id],
        ])) as { n: string }[]
      )[0]!.n,
    );
  const failedSignIns = async (reason: string) =>
    Number(
      (
        (await server.dataSource.query(
          `SELECT count(*) AS n FROM audit_events WHERE organisation_id = $1 AND action = 'auth.sign_in_failed'
              AND details->>'method' = 'sso' AND details->>'reason' = $2`,
          [acme.org.id, reason],
        )) as { n: string }[]
      )[0]!.n,
    );
  const identityCount = async (sub: string) =>
    Number(
      (
        (await server.dataSource.query('SELECT count(*) AS n FROM sso_identities WHERE subject = $1', [
          sub,
        ])) as {
          n: string;
        }[]
      )[0]!.n,
    );
});
