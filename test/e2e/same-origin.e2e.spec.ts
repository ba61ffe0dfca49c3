import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { UnsubscribeTokens } from '../../apps/api/src/modules/notifications/unsubscribe-token';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';

// Plain http, so the session cookies are not Secure and the test's plain-http calls carry them.
const PUBLIC_URL = 'http://heimo.example';

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
}

describe('state-changing requests come from Heimo’s own pages', () => {
  const { server, ctx } = useTestServer({ workers: false, env: { PUBLIC_URL } });
  const teamName = () => `Team ${randomBytes(3).toString('hex')}`;

  it('refuses a cross-site Origin on a cookie-authenticated POST with 403, and nothing changes', async () => {
    const { org, admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    const name = teamName();
    const res = await agent.post('/api/teams').set('Origin', 'https://evil.example').send({ name });
    expectProblem(res, 403, 'request.cross_site');
    const rows = await server.dataSource.query(
      'SELECT 1 FROM teams WHERE organisation_id = $1 AND name = $2',
      [org.id, name],
    );
    expect(rows).toHaveLength(0);
    expectProblem(
      await agent.post('/api/teams').set('Origin', 'null').send({ name }),
      403,
      'request.cross_site',
    );
  });

  it('accepts its own origin: PUBLIC_URL’s, or the host the request was sent to', async () => {
    const { admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    for (const origin of [PUBLIC_URL, server.baseUrl]) {
      const res = await agent.post('/api/teams').set('Origin', origin).send({ name: teamName() });
      expect(res.status).toBe(201);
    }
    // No Origin and no Sec-Fetch-Site: not a browser page (curl, a script); it passes.
    expect((await agent.post('/api/teams').send({ name: teamName() })).status).toBe(201);
  });

  it('decides by Sec-Fetch-Site when the browser sends it', async () => {
    const { admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    for (const site of ['cross-site', 'same-site']) {
      expectProblem(
        await agent.post('/api/teams').set('Sec-Fetch-Site', site).send({ name: teamName() }),
        403,
        'request.cross_site',
      );
    }
    for (const site of ['same-origin', 'none']) {
      const res = await agent.post('/api/teams').set('Sec-Fetch-Site', site).send({ name: teamName() });
      expect(res.status).toBe(201);
    }
    // A PATCH and a DELETE are held the same way; reading is not.
    expectProblem(
      await agent
        .patch('/api/me/notification-preferences')
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ packAlerts: 'off' }),
      403,
      'request.cross_site',
    );
    const read = await agent.get('/api/me').set('Sec-Fetch-Site', 'cross-site');
    expect(read.status).toBe(200);
  });

  it('refuses a cross-site sign-in (login CSRF) before checking the password', async () => {
    const { advocate } = await ctx.newOrg();
    const login = (headers: Record<string, string>) =>
      request(server.baseUrl)
        .post('/api/auth/login')
        .set(headers)
        .send({ email: advocate.email, password: TEST_PASSWORD });
    const res = await login({ Origin: 'https://evil.example' });
    expectProblem(res, 403, 'request.cross_site');
    expect(res.headers['set-cookie']).toBeUndefined();
    expectProblem(await login({ 'Sec-Fetch-Site': 'cross-site' }), 403, 'request.cross_site');
    expect((await login({ Origin: server.baseUrl, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('answers a form or text body on a JSON route with 415 naming the body', async () => {
    const { advocate, admin } = await ctx.newOrg();
    const form = await request(server.baseUrl)
      .post('/api/auth/login')
      .type('form')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    expectProblem(form, 415, 'request.unsupported_media_type');
    expect(form.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(form.headers['set-cookie']).toBeUndefined();

    const agent = await ctx.signIn(admin);
    const multipart = await agent.post('/api/teams').field('name', teamName());
    expectProblem(multipart, 415, 'request.unsupported_media_type');
    const text = await agent.post('/api/teams').set('Content-Type', 'text/plain').send('{"name":"Plain"}');
    expectProblem(text, 415, 'request.unsupported_media_type');
  });

  it('still takes the RFC 8058 one-click unsubscribe: a form posted from a mail client’s own site', async () => {
    const { advocate } = await ctx.newOrg();
    const token = server.app.get(UnsubscribeTokens).issue(advocate.id, 'weekly_summary');
    const res = await request(server.baseUrl)
      .post('/api/unsubscribe')
      .query({ token })
      .set('Origin', 'https://mail.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.body.preferences).toMatchObject({ weeklySummary: false });
    const multipart = await request(server.baseUrl)
      .post('/api/unsubscribe')
      .query({ token })
      .set('Origin', 'https://mail.example')
      .field('List-Unsubscribe', 'One-Click');
    expect(multipart.status).toBe(200);
  });
});
