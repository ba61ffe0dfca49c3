import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import { useTestServer } from '../support/use-test-server';

const PASSWORD = 'a long and unusual passphrase 4711';
const linkTokenOf = (text: string) => /\/signup-organisation\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
const unique = () => randomBytes(4).toString('hex');

function cookieNames(res: request.Response): string[] {
  const header = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return header.map((line) => line.split('=')[0]!);
}

describe('creating organisations from the web, off (the default)', () => {
  const { server } = useTestServer({ workers: false });

  it('says so on GET /api/setup, and both routes answer 404 whatever the body, writing nothing', async () => {
    const status = await request(server.baseUrl).get('/api/setup').expect(200);
    expect(status.body.signupOpen).toBe(false);
    const before = await server.dataSource.query('SELECT count(*)::int AS n FROM organisation_signups');
    for (const [path, body] of [
      ['/api/organisation-signups', { email: 'someone@example.test', locale: 'en' }],
      ['/api/organisation-signups', { email: 'not an address' }],
      ['/api/organisation-signups/confirm', { token: 'x'.repeat(43), organisationName: 'Acme' }],
    ] as const) {
      const res = await request(server.baseUrl).post(path).send(body);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('organisation_signup.off');
    }
    expect(await server.dataSource.query('SELECT count(*)::int AS n FROM organisation_signups')).toEqual(
      before,
    );
  });
});

describe('creating organisations from the web, on', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const { server, ctx } = useTestServer(() => ({
    workers: false,
    env: { SMTP_URL: smtp.url, ALLOW_ORGANISATION_SIGNUP: 'true' },
  }));

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await server.dataSource.query(sql, params)) as { n: number }[])[0]!.n;
  // The database is shared with suites running beside this one: count only what a sign-up of this
  // file could have written (its organisations' name, the addresses it asked links for).
  const ORGANISATION_NAME = `Acme ${unique()} Oy`;
  const SIGNED_UP = `SELECT id FROM members WHERE email IN (SELECT email FROM organisation_signups)`;
  const state = async () => ({
    organisations: await count(
      `SELECT count(*)::int AS n FROM organisations WHERE name IN ($1, 'Second Oy')`,
      [ORGANISATION_NAME],
    ),
    members: await count(`SELECT count(*)::int AS n FROM (${SIGNED_UP}) m`),
    sessions: await count(`SELECT count(*)::int AS n FROM sessions WHERE member_id IN (${SIGNED_UP})`),
    audit: await count(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'organisation.created' AND details->>'via' = 'signup'`,
    ),
    used: await count('SELECT count(*)::int AS n FROM organisation_signups WHERE used_at IS NOT NULL'),
  });

  async function mailTo(address: string) {
    for (let tries = 0; tries < 200; tries += 1) {
      const found = smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));
      if (found.length > 0) return found[found.length - 1]!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no e-mail to ${address}`);
  }

  async function linkFor(address: string, locale = 'en'): Promise<string> {
    await request(server.baseUrl)
      .post('/api/organisation-signups')
      .send({ email: address, locale })
      .expect(202);
    return linkTokenOf((await mailTo(address)).text!)!;
  }

  const form = (token: string) => ({
    token,
    organisationName: ORGANISATION_NAME,
    timezone: 'Europe/Helsinki',
    locale: 'fi',
    name: 'Aino Admin',
    password: PASSWORD,
  });

  it('says it is open on GET /api/setup', async () => {
    const res = await request(server.baseUrl).get('/api/setup').expect(200);
    expect(res.body).toEqual({ open: false, signupOpen: true });
  });

  it('answers a new address and a member’s address the same, and e-mails each a link', async () => {
    const { org } = await ctx.newOrg('Existing Oy');
    const member = await ctx.newMember(org.id, { name: 'Kim Known' });
    const deliveries = () =>
      count('SELECT count(*)::int AS n FROM notification_deliveries WHERE organisation_id = $1', [org.id]);
    const deliveriesBefore = await deliveries();
    const fresh = `new-${unique()}@example.test`;
    const [known, unknown] = await Promise.all([
      request(server.baseUrl).post('/api/organisation-signups').send({ email: member.email, locale: 'fi' }),
      request(server.baseUrl).post('/api/organisation-signups').send({ email: fresh, locale: 'fi' }),
    ]);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.headers['content-type']).toEqual(unknown.headers['content-type']);
    expect(cookieNames(known)).toEqual([]);
    for (const address of [member.email, fresh]) {
      const mail = await mailTo(address);
      expect(mail.subject).toBe('Vahvista osoitteesi luodaksesi organisaation Heimoon');
      expect(linkTokenOf(mail.text!)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(mail.html).toContain('/signup-organisation?token&#x3D;');
      expect(mail.headers.get('list-unsubscribe')).toBeUndefined();
    }
    // Nothing is written or sent in the member's organisation.
    expect(await deliveries()).toBe(deliveriesBefore);
  });

  it('the link creates a separate organisation with its signed-in admin, once', async () => {
    const other = await ctx.newOrg('Other Oy');
    const address = `aino-${unique()}@example.test`;
    const token = await linkFor(address, 'en');
    const created = await request(server.baseUrl).post('/api/organisation-signups/confirm').send(form(token));
    expect(created.status).toBe(201);
    expect(cookieNames(created)).toEqual(expect.arrayContaining(['heimo_at', 'heimo_rt']));
    const me = created.body.member;
    expect(me).toMatchObject({
      email: address,
      name: 'Aino Admin',
      roles: ['admin'],
      kind: 'employee',
      locale: 'fi',
      organisation: { name: ORGANISATION_NAME },
    });
    expect(me.organisation.id).not.toBe(other.org.id);
    const orgId = me.organisation.id as string;
    expect(
      await server.dataSource.query('SELECT timezone, default_locale FROM organisations WHERE id = $1', [
        orgId,
      ]),
    ).toEqual([{ timezone: 'Europe/Helsinki', default_locale: 'fi' }]);
    expect(
      await server.dataSource.query(
        `SELECT action, actor_member_id, details FROM audit_events WHERE organisation_id = $1`,
        [orgId],
      ),
    ).toEqual([{ action: 'organisation.created', actor_member_id: me.id, details: { via: 'signup' } }]);

    // The new admin sees their own organisation only.
    const agent = request.agent(server.baseUrl);
    agent.jar.setCookies(created.headers['set-cookie'] as unknown as string[]);
    const people = await agent.get('/api/people').expect(200);
    expect(JSON.stringify(people.body)).toContain(address);
    expect(JSON.stringify(people.body)).not.toContain(other.admin.email);
    const otherSigned = await ctx.signIn(other.admin);
    const theirPeople = await otherSigned.get('/api/people').expect(200);
    expect(JSON.stringify(theirPeople.body)).not.toContain(address);

    const before = await state();
    const again = await request(server.baseUrl)
      .post('/api/organisation-signups/confirm')
      .send({ ...form(token), organisationName: 'Second Oy' });
    expect(again.status).toBe(410);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ code: 'organisation_signup.used', errors: [{ field: 'token' }] });
    expect(await state()).toEqual(before);
  });

  it('of two confirmations at once with one link, one creates and the other finds it used', async () => {
    const token = await linkFor(`race-${unique()}@example.test`);
    const orgsBefore = (await state()).organisations;
    const results = await Promise.all([
      request(server.baseUrl).post('/api/organisation-signups/confirm').send(form(token)),
      request(server.baseUrl)
        .post('/api/organisation-signups/confirm')
        .send({ ...form(token), name: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 410]);
    expect((await state()).organisations).toBe(orgsBefore + 1);
  });

  it('gives a taken name’s organisation a slug of its own', async () => {
    const first = await request(server.baseUrl)
      .post('/api/organisation-signups/confirm')
      .send({ ...form(await linkFor(`slug1-${unique()}@example.test`)), organisationName: 'Same Name Oy' })
      .expect(201);
    const second = await request(server.baseUrl)
      .post('/api/organisation-signups/confirm')
      .send({ ...form(await linkFor(`slug2-${unique()}@example.test`)), organisationName: 'Same Name Oy' })
      .expect(201);
    expect(first.body.member.organisation.id).not.toBe(second.body.member.organisation.id);
    expect(second.body.member.organisation.slug).toMatch(/^same-name-oy(-[0-9a-f]{6})?$/);
    expect(second.body.member.organisation.slug).not.toBe(first.body.member.organisation.slug);
  });

  it('refuses an expired link with 410 and writes nothing', async () => {
    const token = await linkFor(`late-${unique()}@example.test`);
    await server.dataSource.query(
      `UPDATE organisation_signups SET expires_at = now() - interval '1 second' WHERE email LIKE 'late-%'`,
    );
    const before = await state();
    const res = await request(server.baseUrl).post('/api/organisation-signups/confirm').send(form(token));
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ code: 'organisation_signup.expired', errors: [{ field: 'token' }] });
    expect(cookieNames(res)).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('sends at most three links an hour to one address, answering the same', async () => {
    const address = `often-${unique()}@example.test`;
    const bodies = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await request(server.baseUrl).post('/api/organisation-signups').send({ email: address });
      expect(res.status).toBe(202);
      bodies.push(res.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(address))).toHaveLength(3);
    expect(
      await count('SELECT count(*)::int AS n FROM organisation_signups WHERE email = $1', [address]),
    ).toBe(3);
  });

  describe('bad input', () => {
    let token: string;
    beforeAll(async () => {
      token = await linkFor(`bad-${unique()}@example.test`);
    });

    const bad: [
      string,
      (body: ReturnType<typeof form>) => Record<string, unknown>,
      number,
      string,
      string?,
    ][] = [
      [
        'a forged token',
        (b) => ({ ...b, token: randomBytes(32).toString('base64url') }),
        400,
        'token',
        'organisation_signup.invalid',
      ],
      [
        'the token in another case',
        (b) => ({ ...b, token: b.token.toUpperCase() }),
        400,
        'token',
        'organisation_signup.invalid',
      ],
      ['a token of the wrong shape', (b) => ({ ...b, token: 'not a token' }), 400, 'token'],
      ['no token', ({ token: _token, ...b }) => b, 400, 'token'],
      ['a made-up time zone', (b) => ({ ...b, timezone: 'Mars/Olympus_Mons' }), 400, 'timezone'],
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
      ['no organisation name', ({ organisationName: _n, ...b }) => b, 400, 'organisationName'],
    ];

    it.each(bad.map(([what, ...rest]) => [what, rest] as const))(
      'confirm refuses %s, naming the field, and writes nothing',
      async (_what, [change, status, field, code]) => {
        const before = await state();
        const res = await request(server.baseUrl)
          .post('/api/organisation-signups/confirm')
          .send(change(form(token)));
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
        if (code) expect(res.body.code).toBe(code);
        expect(cookieNames(res)).toEqual([]);
        expect(await state()).toEqual(before);
      },
    );

    it.each([
      ['no e-mail', {}, 'email'],
      ['a Cyrillic look-alike letter in the e-mail', { email: 'aino@\u0430cme.test' }, 'email'],
      ['a fullwidth at sign', { email: 'aino＠acme.test' }, 'email'],
      ['an address of 300 characters', { email: `${'a'.repeat(290)}@x.test` }, 'email'],
      ['a language Heimo does not speak', { email: 'ok@example.test', locale: 'sv' }, 'locale'],
    ])(
      'the request refuses %s, naming the field, and writes and sends nothing',
      async (_what, body, field) => {
        const rows = await count('SELECT count(*)::int AS n FROM organisation_signups');
        const mails = smtp.messages.length;
        const res = await request(server.baseUrl).post('/api/organisation-signups').send(body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
        expect(await count('SELECT count(*)::int AS n FROM organisation_signups')).toBe(rows);
        expect(smtp.messages.length).toBe(mails);
      },
    );

    it('the link still works after all of that', async () => {
      const res = await request(server.baseUrl).post('/api/organisation-signups/confirm').send(form(token));
      expect(res.status).toBe(201);
    });
  });
});
