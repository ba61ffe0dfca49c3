import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Session } from '../../apps/api/src/modules/auth/entities/session.entity';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('sessions', () => {
  const { server, ctx } = useTestServer({ workers: false });

  /** A new sign-in of the member from this browser; the agent keeps its cookies. */
  async function signInWith(email: string, userAgent: string): Promise<request.Agent> {
    const agent = request.agent(server.baseUrl).set('User-Agent', userAgent);
    const response = await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    return agent;
  }

  it('lists the member’s open sessions with browser and system, the current one marked', async () => {
    const { org, advocate } = await ctx.newOrg('Sessions List');
    const laptop = await signInWith(advocate.email, FIREFOX_LINUX);
    const phone = await signInWith(advocate.email, SAFARI_IPHONE);
    // Someone else's sign-in is never listed.
    const other = await ctx.newMember(org.id, { name: 'Other One' });
    await signInWith(other.email, CHROME_WINDOWS);

    const listed = await laptop.get('/api/me/sessions');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    const byBrowser = Object.fromEntries(
      listed.body.items.map((s: { browser: string }) => [s.browser, s]),
    ) as Record<string, Record<string, unknown>>;
    expect(byBrowser['Firefox 128']).toMatchObject({
      system: 'Linux',
      current: true,
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
    });
    expect(byBrowser['Safari 17']).toMatchObject({ system: 'iOS 17.5', current: false });
    // The phone sees the same two, its own marked.
    const fromPhone = await phone.get('/api/me/sessions');
    expect(fromPhone.body.items.find((s: { current: boolean }) => s.current).browser).toBe('Safari 17');
    // Ended sessions are not listed.
    await phone.post('/api/auth/logout');
    expect((await laptop.get('/api/me/sessions')).body.items).toHaveLength(1);
  });

  it('marks a session used at most once a minute, not on every request', async () => {
    const { advocate } = await ctx.newOrg('Sessions Last Used');
    const agent = await signInWith(advocate.email, FIREFOX_LINUX);
    const sessions = server.dataSource.getRepository(Session);
    const [session] = await sessions.findBy({ memberId: advocate.id });
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await sessions.update({ id: session!.id }, { lastUsedAt: longAgo });

    expect((await agent.get('/api/me')).status).toBe(200);
    const touched = (await sessions.findOneByOrFail({ id: session!.id })).lastUsedAt;
    expect(touched.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Within the minute, further requests leave it as it is.
    const recent = new Date(Date.now() - 30_000);
    await sessions.update({ id: session!.id }, { lastUsedAt: recent });
    expect((await agent.get('/api/me')).status).toBe(200);
    expect((await sessions.findOneByOrFail({ id: session!.id })).lastUsedAt.getTime()).toBe(recent.getTime());
  });

  it('ends one session, which answers 401 on its next request', async () => {
    const { org, advocate } = await ctx.newOrg('Sessions End One');
    const laptop = await signInWith(advocate.email, FIREFOX_LINUX);
    const phone = await signInWith(advocate.email, SAFARI_IPHONE);
    const items = (await laptop.get('/api/me/sessions')).body.items as { id: string; current: boolean }[];
    const phoneSession = items.find((s) => !s.current)!;

    const ended = await laptop.delete(`/api/me/sessions/${phoneSession.id}`);
    expect(ended.status).toBe(204);
    const refused = await phone.get('/api/me');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await phone.post('/api/auth/refresh')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    // Ending it again: it is no longer an open session.
    const again = await laptop.delete(`/api/me/sessions/${phoneSession.id}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('session.not_found');

    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.id, action: 'member.sessions_ended' });
    expect(events.map((e) => e.details)).toEqual([{ scope: 'one', count: 1 }]);
  });

  it('answers 404 for another member’s session, and leaves it open', async () => {
    const { org, advocate, curator } = await ctx.newOrg('Sessions Not Yours');
    const mine = await signInWith(advocate.email, FIREFOX_LINUX);
    const theirs = await signInWith(curator.email, CHROME_WINDOWS);
    const theirId = (await theirs.get('/api/me/sessions')).body.items[0].id as string;
    // Also a session of another organisation.
    const elsewhere = await ctx.newOrg('Sessions Elsewhere');
    const foreign = await signInWith(elsewhere.advocate.email, CHROME_WINDOWS);
    const foreignId = (await foreign.get('/api/me/sessions')).body.items[0].id as string;

    for (const id of [theirId, foreignId]) {
      const answer = await mine.delete(`/api/me/sessions/${id}`);
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(answer.body.code).toBe('session.not_found');
    }
    expect((await theirs.get('/api/me')).status).toBe(200);
    expect((await foreign.get('/api/me')).status).toBe(200);
    expect(org.id).not.toBe(elsewhere.org.id);
  });

  it('ends all other sessions, keeping the current one', async () => {
    const { advocate } = await ctx.newOrg('Sessions End Others');
    const laptop = await signInWith(advocate.email, FIREFOX_LINUX);
    const phone = await signInWith(advocate.email, SAFARI_IPHONE);
    const desktop = await signInWith(advocate.email, CHROME_WINDOWS);

    const ended = await laptop.post('/api/me/sessions/end-others');
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: 2 });
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await desktop.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    const left = (await laptop.get('/api/me/sessions')).body.items;
    expect(left).toEqual([expect.objectContaining({ current: true, browser: 'Firefox 128' })]);
  });

  it('lets an admin end all of a member’s sessions; the member can sign in again', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Sessions Admin Ends');
    const adminAgent = await ctx.signIn(admin);
    const laptop = await signInWith(advocate.email, FIREFOX_LINUX);
    const phone = await signInWith(advocate.email, SAFARI_IPHONE);

    const ended = await adminAgent.post(`/api/people/${advocate.id}/sessions/end`);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: 2 });
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await phone.post('/api/auth/refresh')).status).toBe(401);
    expect((await adminAgent.get('/api/me')).status).toBe(200);
    const again = await signInWith(advocate.email, FIREFOX_LINUX);
    expect((await again.get('/api/me')).status).toBe(200);

    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.id, action: 'member.sessions_ended' });
    expect(events).toEqual([
      expect.objectContaining({
        actorMemberId: admin.id,
        targetId: advocate.id,
        details: { scope: 'all', count: 2 },
      }),
    ]);
  });

  it('refuses malformed, forged and foreign session and member ids, ending nothing', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Sessions Bad Input');
    const other = await ctx.newOrg('Sessions Elsewhere');
    const adminAgent = await ctx.signIn(admin);
    const laptop = await signInWith(advocate.email, FIREFOX_LINUX);
    const foreign = await signInWith(other.advocate.email, SAFARI_IPHONE);
    const [foreignSession] = (await foreign.get('/api/me/sessions')).body.items as { id: string }[];
    const open = async () =>
      server.dataSource.query(
        `SELECT id, revoked_at FROM sessions WHERE organisation_id IN ($1, $2) ORDER BY id`,
        [org.id, other.org.id],
      );
    const before = await open();

    for (const [path, status] of [
      ['/api/me/sessions/not-a-uuid', 400],
      [`/api/me/sessions/${'1'.repeat(5000)}`, 400],
      ['/api/me/sessions/7b0c1f6e-2d4a-4c3b-9e8f-123456789abc', 404],
      [`/api/me/sessions/${foreignSession!.id}`, 404],
    ] as const) {
      const res = await laptop.delete(path);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    for (const [id, status] of [
      ['not-a-uuid', 400],
      ['7b0c1f6e-2d4a-4c3b-9e8f-123456789abc', 404],
      [other.advocate.id, 404],
    ] as const) {
      const res = await adminAgent.post(`/api/people/${id}/sessions/end`);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await open()).toEqual(before);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await foreign.get('/api/me')).status).toBe(200);
  });

  it('names the browser of a session started by accepting an invitation', async () => {
    const { admin } = await ctx.newOrg('Sessions Invited');
    const adminAgent = await ctx.signIn(admin);
    const invited = await adminAgent
      .post('/api/people/invitations')
      .send({ email: 'ines.invited@example.test', name: 'Ines Invited', roles: ['advocate'] });
    expect(invited.status).toBe(201);
    const token = new URL(invited.body.invitationUrl).pathname.split('/').pop();
    const phone = request.agent(server.baseUrl).set('User-Agent', SAFARI_IPHONE);
    const accepted: request.Response = await phone
      .post('/api/invitations/accept')
      .send({ token, password: 'Kettu-kulkee-metsässä-2026' });
    expect(accepted.status).toBe(200);
    const listed = await phone.get('/api/me/sessions');
    expect(listed.body.items).toEqual([
      expect.objectContaining({ browser: 'Safari 17', system: 'iOS 17.5', current: true }),
    ]);
  });
});
