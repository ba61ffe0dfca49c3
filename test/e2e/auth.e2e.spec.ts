import request from 'supertest';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';

const DAY = 24 * 3600 * 1000;

function cookie(res: request.Response, name: string): string | undefined {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const line = header?.find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0]?.slice(name.length + 1);
}

describe('sign-in and sessions', () => {
  const { server, ctx } = useTestServer({ workers: false });

  it('signs in with e-mail and password and answers who the caller is', async () => {
    const { org, curator } = await ctx.newOrg('Acme');
    const res = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: curator.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({
      id: curator.id,
      roles: ['curator'],
      organisation: { id: org.id, slug: org.slug },
    });
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(setCookie).toMatch(/heimo_at=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/heimo_rt=[^;]+;.*Path=\/api\/auth.*HttpOnly.*SameSite=Strict/);
    const me = await request(server.baseUrl)
      .get('/api/me')
      .set('Cookie', `heimo_at=${cookie(res, 'heimo_at')}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(curator.email);
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const { admin } = await ctx.newOrg();
    const wrong = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: admin.email, password: 'not the password' });
    const unknown = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: 'nobody@example.test', password: 'not the password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('auth.invalid_credentials');
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rejects a malformed sign-in body with 400 naming the field', async () => {
    const res = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: 'not-an-email', password: 12, admin: true });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'admin']));
  });

  it('answers 401 without a session', async () => {
    const res = await request(server.baseUrl).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.unauthenticated');
    const forged = await request(server.baseUrl)
      .get('/api/me')
      .set('Cookie', 'heimo_at=v1.eyJzdWIiOiJ4In0.forged');
    expect(forged.status).toBe(401);
  });

  it('rotates the refresh token, and a reused one revokes the whole session', async () => {
    const { advocate } = await ctx.newOrg();
    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    const first = cookie(login, 'heimo_rt')!;
    const rotated = await request(server.baseUrl)
      .post('/api/auth/refresh')
      .set('Cookie', `heimo_rt=${first}`);
    expect(rotated.status).toBe(200);
    const second = cookie(rotated, 'heimo_rt')!;
    const secondAccess = cookie(rotated, 'heimo_at')!;
    expect(second).not.toBe(first);

    const reuse = await request(server.baseUrl).post('/api/auth/refresh').set('Cookie', `heimo_rt=${first}`);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('auth.session_expired');
    // The thief's reuse ended the family: the legitimate latest tokens no longer work either.
    expect(
      (await request(server.baseUrl).post('/api/auth/refresh').set('Cookie', `heimo_rt=${second}`)).status,
    ).toBe(401);
    expect(
      (await request(server.baseUrl).get('/api/me').set('Cookie', `heimo_at=${secondAccess}`)).status,
    ).toBe(401);
  });

  it('ends a session SESSION_MAX_DAYS after sign-in however often it is refreshed', async () => {
    const { advocate } = await ctx.newOrg();
    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    const access = cookie(login, 'heimo_at')!;
    const startedAt = (ms: number) =>
      server.dataSource.query(
        `UPDATE sessions SET created_at = now() - make_interval(secs => $2::double precision / 1000)
          WHERE member_id = $1`,
        [advocate.id, ms],
      );

    // Still within the lifetime: the refresh works, but the new refresh token ends with the lifetime.
    await startedAt(89.5 * DAY);
    const near = await request(server.baseUrl)
      .post('/api/auth/refresh')
      .set('Cookie', `heimo_rt=${cookie(login, 'heimo_rt')}`);
    expect(near.status).toBe(200);
    const expires = /heimo_rt=[^;]+;.*Expires=([^;]+)/.exec(
      (near.headers['set-cookie'] as unknown as string[]).join('\n'),
    )?.[1];
    expect(new Date(expires!).getTime()).toBeLessThanOrEqual(Date.now() + 0.5 * DAY + 60_000);

    // Past it: refresh answers 401 however recently the session was used, and its access ends too.
    await startedAt(90 * DAY + 60_000);
    const ended = await request(server.baseUrl)
      .post('/api/auth/refresh')
      .set('Cookie', `heimo_rt=${cookie(near, 'heimo_rt')}`);
    expect(ended.status).toBe(401);
    expect(ended.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ended.body.code).toBe('auth.session_expired');
    expect((await request(server.baseUrl).get('/api/me').set('Cookie', `heimo_at=${access}`)).status).toBe(
      401,
    );
  });

  it('signs out: the session and its tokens stop working', async () => {
    const { leader } = await ctx.newOrg();
    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: leader.email, password: TEST_PASSWORD });
    const access = cookie(login, 'heimo_at')!;
    const refresh = cookie(login, 'heimo_rt')!;
    const out = await request(server.baseUrl).post('/api/auth/logout').set('Cookie', `heimo_rt=${refresh}`);
    expect(out.status).toBe(204);
    expect((await request(server.baseUrl).get('/api/me').set('Cookie', `heimo_at=${access}`)).status).toBe(
      401,
    );
    expect(
      (await request(server.baseUrl).post('/api/auth/refresh').set('Cookie', `heimo_rt=${refresh}`)).status,
    ).toBe(401);
  });

  it("ends a deactivated member's sessions at once", async () => {
    const { org, advocate } = await ctx.newOrg();
    const agent = await ctx.signIn(advocate);
    expect((await agent.get('/api/me')).status).toBe(200);
    await server.dataSource
      .getRepository(Member)
      .update({ id: advocate.id, organisationId: org.id }, { status: 'deactivated' });
    expect((await agent.get('/api/me')).status).toBe(401);
    const again = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    expect(again.status).toBe(401);
  });
});
