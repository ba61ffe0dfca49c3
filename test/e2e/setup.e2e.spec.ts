import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/api/src/data-source';
import { DEMO_SLUG } from '../../apps/api/src/modules/demo/demo-seed';
import { type BuiltProcess, startBuiltApi } from '../support/built-processes';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { runRedisPrefix, testRedisUrl } from '../support/test-env';

const PASSWORD = 'a long and unusual passphrase 4711';
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
/** The token of the setup link a start printed, or null when it printed none. */
const printedToken = (output: string) => /\/setup\?token=([A-Za-z0-9_-]+)/.exec(output)?.[1] ?? null;

/**
 * The first run in the browser, against the built API as a deployment starts it (DATABASE_URL, no
 * SEED_DEMO): the setup link it prints on an empty database, and `/api/setup`, which uses it once.
 */
describe('the first run: the setup link and /api/setup', () => {
  let database: { name: string; url: string };
  let demoDatabase: { name: string; url: string };
  let dataSource: DataSource;
  let env: Record<string, string>;
  let api: BuiltProcess | undefined;
  let token: string;

  const count = async (sql: string): Promise<number> =>
    Number(((await dataSource.query(sql)) as { n: string }[])[0]!.n);
  const state = async () => ({
    organisations: await count('SELECT count(*) AS n FROM organisations'),
    members: await count('SELECT count(*) AS n FROM members'),
    sessions: await count('SELECT count(*) AS n FROM sessions'),
    audit: await count('SELECT count(*) AS n FROM audit_events'),
    unusedTokens: await count('SELECT count(*) AS n FROM setup_tokens WHERE used_at IS NULL'),
  });
  const valid = () => ({
    token,
    organisationName: 'Acme Oy',
    timezone: 'Europe/Helsinki',
    locale: 'fi',
    name: 'Aino Admin',
    email: 'aino@acme.test',
    password: PASSWORD,
  });

  beforeAll(async () => {
    [database, demoDatabase] = await Promise.all([
      createMigratedDatabase('heimo_setup'),
      createMigratedDatabase('heimo_setup_demo'),
    ]);
    dataSource = createDataSource({ url: database.url });
    await dataSource.initialize();
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: `${runRedisPrefix()}_setup_${randomBytes(3).toString('hex')}`,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      RUN_WORKERS: 'false',
      NOTIFICATION_TICK_SECONDS: '0',
      RATE_LIMIT_INVITATIONS: '1000',
      LOG_LEVEL: 'warn',
    };
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await dataSource?.destroy();
    await Promise.all([
      database && dropDatabase(database.name),
      demoDatabase && dropDatabase(demoDatabase.name),
    ]);
  });

  it('prints a setup link on an empty database with the demo off, stores only its hash, and prints the same one after a restart', async () => {
    const first = await startBuiltApi('setup-first', env);
    const output = first.output();
    await first.stop();
    const printed = printedToken(output);
    expect(printed).not.toBeNull();
    token = printed!;
    expect(output).toContain(`${first.baseUrl}/setup?token=${token}`);
    expect(output).toContain('No organisation yet');
    // DATABASE_URL without SEED_DEMO: no demo, no organisation at all.
    expect(await state()).toEqual({ organisations: 0, members: 0, sessions: 0, audit: 0, unusedTokens: 1 });

    // The database holds the token's hash, never the token.
    const rows = (await dataSource.query('SELECT * FROM setup_tokens')) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    // A restart (any replica with the same AUTH_SECRET) prints the same link and mints nothing.
    api = await startBuiltApi('setup-again', env);
    expect(printedToken(api.output())).toBe(token);
    expect(await count('SELECT count(*) AS n FROM setup_tokens')).toBe(1);
  }, 300_000);

  it('says setup is open, and nothing more', async () => {
    const res = await request(api!.baseUrl).get('/api/setup').expect(200);
    expect(res.body).toEqual({ open: true, signupOpen: false });
  });

  const bad: [
    string,
    (body: ReturnType<typeof valid>) => Record<string, unknown>,
    number,
    string,
    string?,
  ][] = [
    ['a made-up time zone', (b) => ({ ...b, timezone: 'Mars/Olympus_Mons' }), 400, 'timezone'],
    ['a UTC offset for a time zone', (b) => ({ ...b, timezone: '+02:00' }), 400, 'timezone'],
    [
      'an organisation name of 121 characters',
      (b) => ({ ...b, organisationName: 'A'.repeat(121) }),
      400,
      'organisationName',
    ],
    [
      'markup as the organisation name',
      (b) => ({ ...b, organisationName: '<b>Acme</b>' }),
      400,
      'organisationName',
    ],
    [
      'a Cyrillic look-alike letter in the e-mail',
      (b) => ({ ...b, email: 'aino@\u0430cme.test' }),
      400,
      'email',
    ],
    ['a fullwidth at sign in the e-mail', (b) => ({ ...b, email: 'aino＠acme.test' }), 400, 'email'],
    ['a right-to-left override in the name', (b) => ({ ...b, name: '\u202Enimda' }), 400, 'name'],
    ['a short password', (b) => ({ ...b, password: 'short' }), 400, 'password', 'password.too_short'],
    [
      'a common password',
      (b) => ({ ...b, password: '123456789012' }),
      400,
      'password',
      'password.too_common',
    ],
    ['a language Heimo does not speak', (b) => ({ ...b, locale: 'sv' }), 400, 'locale'],
    ['no name', ({ name: _name, ...b }) => b, 400, 'name'],
    ['no organisation name', ({ organisationName: _name, ...b }) => b, 400, 'organisationName'],
    ['no token', ({ token: _token, ...b }) => b, 400, 'token'],
    ['a token of the wrong shape', (b) => ({ ...b, token: 'not a token' }), 400, 'token'],
    [
      'a forged token',
      (b) => ({ ...b, token: randomBytes(32).toString('base64url') }),
      403,
      'token',
      'setup.token_invalid',
    ],
    [
      'the token in another case',
      (b) => ({ ...b, token: b.token.toUpperCase() }),
      403,
      'token',
      'setup.token_invalid',
    ],
  ];

  // Each row as one argument: a row shorter than the parameters would make Jest take the last for `done`.
  it.each(bad.map(([what, ...rest]) => [what, rest] as const))(
    'refuses %s, naming the field, and writes nothing',
    async (_what, [change, status, field, code]) => {
      const before = await state();
      const res = await request(api!.baseUrl).post('/api/setup').send(change(valid()));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      if (code) expect(res.body.code).toBe(code);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await state()).toEqual(before);
    },
  );

  it('creates the organisation and its signed-in admin once: of two requests at once, one wins', async () => {
    const [a, b] = await Promise.all([
      request(api!.baseUrl).post('/api/setup').send(valid()),
      request(api!.baseUrl)
        .post('/api/setup')
        .send({ ...valid(), organisationName: 'Other Oy', email: 'other@acme.test' }),
    ]);
    // Either may win; the loser must leave no trace.
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    const winner =
      won === a
        ? { email: 'aino@acme.test', name: 'Acme Oy', slug: 'acme-oy' }
        : { email: 'other@acme.test', name: 'Other Oy', slug: 'other-oy' };
    expect([won.status, lost.status]).toEqual([201, 404]);
    expect(lost.body.code).toBe('setup.closed');
    expect(won.body.member).toEqual(
      expect.objectContaining({
        email: winner.email,
        roles: ['admin'],
        kind: 'employee',
        locale: 'fi',
        organisation: expect.objectContaining({ name: winner.name, slug: winner.slug }),
      }),
    );
    expect(await dataSource.query('SELECT email, status, roles FROM members')).toEqual([
      { email: winner.email, status: 'active', roles: ['admin'] },
    ]);
    const cookies = won.headers['set-cookie'] as unknown as string[];
    expect(cookies.length).toBeGreaterThan(0);
    const me = await request(api!.baseUrl)
      .get('/api/me')
      .set(
        'Cookie',
        cookies.map((c) => c.split(';')[0]!),
      );
    expect(me.status).toBe(200);

    expect(await state()).toEqual(
      expect.objectContaining({ organisations: 1, members: 1, sessions: 1, unusedTokens: 0 }),
    );
    const [organisation] = (await dataSource.query(
      'SELECT id, name, slug, timezone, default_locale, settings FROM organisations',
    )) as Record<string, unknown>[];
    expect(organisation).toMatchObject({
      slug: winner.slug,
      timezone: 'Europe/Helsinki',
      default_locale: 'fi',
      settings: {},
    });
    const events = (await dataSource.query(
      `SELECT action, actor_member_id, target_id, details FROM audit_events WHERE action = 'organisation.created'`,
    )) as Record<string, unknown>[];
    expect(events).toEqual([
      {
        action: 'organisation.created',
        actor_member_id: won.body.member.id,
        target_id: organisation!.id,
        details: { via: 'setup' },
      },
    ]);
    expect(JSON.stringify(await dataSource.query('SELECT * FROM setup_tokens'))).not.toContain(token);

    // The token works once; setup is closed for everybody now.
    const again = await request(api!.baseUrl).post('/api/setup').send(valid());
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('setup.closed');
    expect((await request(api!.baseUrl).get('/api/setup').expect(200)).body).toEqual({
      open: false,
      signupOpen: false,
    });
  });

  it('prints no setup link once an organisation exists, nor when the demo is seeded', async () => {
    await api?.stop();
    api = await startBuiltApi('setup-done', env);
    expect(api.output()).not.toContain('/setup?token=');
    expect(api.output()).not.toContain('No organisation yet');
    await api.stop();
    api = undefined;

    const demo = await startBuiltApi('setup-demo', {
      ...env,
      DATABASE_URL: demoDatabase.url,
      SEED_DEMO: 'true',
    });
    try {
      expect(demo.output()).not.toContain('/setup?token=');
      expect((await request(demo.baseUrl).get('/api/setup').expect(200)).body).toEqual({
        open: false,
        signupOpen: false,
      });
      const other = createDataSource({ url: demoDatabase.url });
      await other.initialize();
      try {
        expect(await other.query('SELECT slug FROM organisations')).toEqual([{ slug: DEMO_SLUG }]);
        expect(await other.query('SELECT id FROM setup_tokens')).toEqual([]);
      } finally {
        await other.destroy();
      }
    } finally {
      await demo.stop();
    }
  }, 300_000);
});
