import request from 'supertest';
import { TestContext } from '../support/context';
import { useTestServer } from '../support/use-test-server';

type Method = 'get' | 'post' | 'put' | 'patch';

interface Env {
  org: Awaited<ReturnType<TestContext['newOrg']>>;
  foreignTeamId: string;
  joinCode: string;
  settings: Record<string, unknown> & { version: number; settings: Record<string, unknown> };
}

interface BadInput {
  readonly name: string;
  readonly method: Method;
  readonly path: (env: Env) => string;
  readonly body?: (env: Env) => unknown;
  readonly query?: Record<string, string>;
  /** Public routes are called without a session. */
  readonly anonymous?: boolean;
  readonly status: number;
  /** The field the problem must name, when it is about one field. */
  readonly field?: string;
  readonly code?: string;
}

const invite = (body: Record<string, unknown>) => ({ email: 'someone@example.test', ...body });
const withSettings = (env: Env, settings: Record<string, unknown>) => ({
  ...env.settings,
  settings: { ...env.settings.settings, ...settings },
});
const points = (env: Env, change: Record<string, unknown>) => ({
  ...(env.settings.settings.points as Record<string, unknown>),
  ...change,
});

const cases: BadInput[] = [
  // E-mail addresses that only look right.
  ...(
    [
      ['a right-to-left override', '\u202Eevil@example.test'],
      ['a zero-width space in the domain', 'anna@exa\u200Bmple.test'],
      ['a fullwidth at sign', 'anna＠example.test'],
      ['a zero-width joiner in the local part', 'an\u200Dna@example.test'],
      ['a Cyrillic look-alike letter', '\u0430dmin@example.test'],
      ['no domain', 'anna@'],
      ['300 characters', `${'a'.repeat(290)}@example.test`],
    ] as const
  ).map(([what, email]): BadInput => ({
    name: `an invitation e-mail with ${what}`,
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ email }),
    status: 400,
    field: 'email',
  })),
  {
    name: 'an e-mail that is a number',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => ({ email: 42 }),
    status: 400,
    field: 'email',
  },
  {
    name: 'a script tag as a name',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ name: '<script>alert(1)</script>' }),
    status: 400,
    field: 'name',
  },
  {
    name: 'an SQL payload as a name',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ name: "Robert'); DROP TABLE members;--" }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a bidi override inside a name',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ name: 'Eve\u202Eevil' }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a 10 000 character name',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ name: 'A'.repeat(10_000) }),
    status: 400,
    field: 'name',
  },
  {
    name: 'roles as a string',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ roles: 'admin' }),
    status: 400,
    field: 'roles',
  },
  {
    name: 'an unknown role',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ roles: ['root'] }),
    status: 400,
    field: 'roles',
  },
  {
    name: 'an unknown field',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ isSuperuser: true }),
    status: 400,
    field: 'isSuperuser',
  },
  {
    name: 'a fan invited as admin',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => invite({ kind: 'fan', roles: ['admin'] }),
    status: 400,
    field: 'roles',
  },
  {
    name: 'another organisation’s team',
    method: 'post',
    path: () => '/api/people/invitations',
    body: (env) => invite({ teamId: env.foreignTeamId }),
    status: 400,
    field: 'teamId',
    code: 'validation.failed',
  },
  {
    name: 'an address in use, in other letter case',
    method: 'post',
    path: () => '/api/people/invitations',
    body: (env) => invite({ email: env.org.curator.email.toUpperCase() }),
    status: 409,
    code: 'member.email_taken',
  },
  {
    name: 'an array as the whole body',
    method: 'post',
    path: () => '/api/people/invitations',
    body: () => [invite({})],
    status: 400,
  },

  {
    name: 'markup as a team name',
    method: 'post',
    path: () => '/api/teams',
    body: () => ({ name: '<img src=x onerror=alert(1)>' }),
    status: 400,
    field: 'name',
  },
  {
    name: 'an SQL payload as a team name',
    method: 'post',
    path: () => '/api/teams',
    body: () => ({ name: "x'; DELETE FROM teams; --" }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a blank team name',
    method: 'post',
    path: () => '/api/teams',
    body: () => ({ name: '   ' }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a team name that is a number',
    method: 'post',
    path: () => '/api/teams',
    body: () => ({ name: 42 }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a team name of 81 characters',
    method: 'patch',
    path: (env) => `/api/teams/${env.org.team.id}`,
    body: () => ({ name: 'T'.repeat(81) }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a team name taken in other letter case',
    method: 'post',
    path: () => '/api/teams',
    body: () => ({ name: 'SALES' }),
    status: 409,
    code: 'team.name_taken',
  },

  {
    name: 'a time zone that does not exist',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => ({ ...env.settings, timezone: 'Mars/Olympus' }),
    status: 400,
    field: 'timezone',
  },
  {
    name: '201 blocked terms',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { blockedTerms: Array.from({ length: 201 }, (_, i) => `term ${i}`) }),
    status: 400,
    field: 'settings.blockedTerms',
  },
  {
    name: 'a blocked term of 101 characters',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { blockedTerms: ['x'.repeat(101)] }),
    status: 400,
    field: 'settings.blockedTerms',
  },
  {
    name: 'an unknown network',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { enabledNetworks: ['myspace'] }),
    status: 400,
    field: 'settings.enabledNetworks',
  },
  {
    name: 'negative share points',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { points: points(env, { share: -1 }) }),
    status: 400,
    field: 'settings.points.share',
  },
  {
    name: 'fractional click points',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { points: points(env, { uniqueClick: 1.5 }) }),
    status: 400,
    field: 'settings.points.uniqueClick',
  },
  {
    name: 'an unknown nested field',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { points: points(env, { bonus: 5 }) }),
    status: 400,
    field: 'settings.points.bonus',
  },
  {
    name: 'a currency that is not ISO 4217',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => withSettings(env, { earnedMedia: { currency: 'EURO', rates: [] } }),
    status: 400,
    field: 'settings.earnedMedia.currency',
  },
  {
    name: 'settings as null',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => ({ ...env.settings, settings: null }),
    status: 400,
    field: 'settings',
  },
  {
    name: 'markup in the organisation name',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => ({ ...env.settings, name: '<b>Acme</b>' }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a stale settings version',
    method: 'put',
    path: () => '/api/organisation/settings',
    body: (env) => ({ ...env.settings, version: env.settings.version - 1, name: 'Stale' }),
    status: 409,
    code: 'organisation.stale_version',
  },

  {
    name: 'no roles at all',
    method: 'patch',
    path: (env) => `/api/people/${env.org.advocate.id}`,
    body: () => ({ version: 1, roles: [] }),
    status: 400,
    field: 'roles',
  },
  {
    name: 'status back to invited',
    method: 'patch',
    path: (env) => `/api/people/${env.org.advocate.id}`,
    body: () => ({ version: 1, status: 'invited' }),
    status: 400,
    field: 'status',
  },
  {
    name: 'a version as a string',
    method: 'patch',
    path: (env) => `/api/people/${env.org.advocate.id}`,
    body: () => ({ version: '1', roles: ['leader'] }),
    status: 400,
    field: 'version',
  },
  {
    name: 'a people page of 1000',
    method: 'get',
    path: () => '/api/people',
    query: { limit: '1000' },
    status: 400,
    field: 'limit',
  },
  {
    name: 'a forged cursor',
    method: 'get',
    path: () => '/api/people',
    query: { cursor: Buffer.from('["x","1 OR 1=1"]').toString('base64url') },
    status: 400,
    field: 'cursor',
  },

  {
    name: 'a join e-mail with a fullwidth at sign',
    method: 'post',
    path: (env) => `/api/join/${env.joinCode}`,
    body: () => ({ email: 'fan＠example.test', name: 'Fan', password: 'a-long-and-unusual-passphrase' }),
    anonymous: true,
    status: 400,
    field: 'email',
  },
  {
    name: 'an SQL payload as a fan’s name',
    method: 'post',
    path: (env) => `/api/join/${env.joinCode}`,
    body: () => ({
      email: 'fan@example.test',
      name: "' OR 1=1 --",
      password: 'a-long-and-unusual-passphrase',
    }),
    anonymous: true,
    status: 400,
    field: 'name',
  },
  {
    name: 'a short password on joining',
    method: 'post',
    path: (env) => `/api/join/${env.joinCode}`,
    body: () => ({ email: 'fan@example.test', name: 'Fan', password: 'short' }),
    anonymous: true,
    status: 400,
    field: 'password',
    code: 'password.too_short',
  },
  {
    name: 'a forged fan sign-up confirmation token',
    method: 'post',
    path: () => '/api/join/confirm',
    body: () => ({ token: 'B'.repeat(43) }),
    anonymous: true,
    status: 400,
    field: 'token',
    code: 'fan_signup.invalid',
  },
  {
    name: 'a fan sign-up confirmation token of 10 000 characters',
    method: 'post',
    path: () => '/api/join/confirm',
    body: () => ({ token: 'A'.repeat(10_000) }),
    anonymous: true,
    status: 400,
    field: 'token',
  },
  {
    name: 'an invitation token of 10 000 characters',
    method: 'post',
    path: () => '/api/invitations/accept',
    body: () => ({ token: 'A'.repeat(10_000), password: 'a-long-and-unusual-passphrase' }),
    anonymous: true,
    status: 400,
    field: 'token',
  },
];

describe('bad input leaves everything as it was', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let admin: request.Agent;
  let env: Env;

  beforeAll(async () => {
    const org = await ctx.newOrg('Careful Oy');
    const foreign = await ctx.newOrg();
    admin = await ctx.signIn(org.admin);
    const { joinCode } = (await admin.post('/api/organisation/fan-programme').send({ open: true })).body;
    const settings = (await admin.get('/api/organisation/settings')).body;
    const { updatedAt: _updatedAt, ...editable } = settings;
    env = { org, foreignTeamId: foreign.team.id, joinCode, settings: editable };
  });

  it(`has at least twenty cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.name, c] as const))('refuses %s', async (_, bad) => {
    const before = await ctx.orgState(env.org.org.id);
    const client = bad.anonymous ? request(server.baseUrl) : admin;
    let call = client[bad.method](bad.path(env));
    if (bad.query) call = call.query(bad.query);
    const res = bad.body ? await call.send(bad.body(env) as object) : await call;

    expect(res.status).toBe(bad.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: bad.status,
      code: expect.any(String),
      requestId: expect.any(String),
    });
    if (bad.code) expect(res.body.code).toBe(bad.code);
    if (bad.field) {
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(bad.field);
    }
    expect(await ctx.orgState(env.org.org.id)).toEqual(before);
  });
});
