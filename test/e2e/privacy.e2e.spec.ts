import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Session } from '../../apps/api/src/modules/auth/entities/session.entity';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { Invitation } from '../../apps/api/src/modules/people/entities/invitation.entity';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { startTestServer, type TestServer } from '../support/server';

describe('privacy', () => {
  let server: TestServer;
  let ctx: TestContext;

  beforeAll(async () => {
    server = await startTestServer({ workers: false });
    ctx = new TestContext(server.dataSource, server.baseUrl);
  });
  afterAll(() => server.close());

  it('exports everything held about the caller and nothing about anyone else', async () => {
    const { org, team, admin, advocate } = await ctx.newOrg('Export Oy');
    const agent = await ctx.signIn(advocate);
    const adminAgent = await ctx.signIn(admin);
    await adminAgent.patch(`/api/people/${advocate.id}`).send({ version: 1, roles: ['advocate', 'leader'] });

    const res = await agent.get('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.member).toMatchObject({
      id: advocate.id,
      email: advocate.email,
      name: 'Aku Advocate',
      roles: ['advocate', 'leader'],
      teamId: team.id,
      teamName: 'Sales',
      hasPassword: true,
      organisation: { id: org.id, name: 'Export Oy' },
    });
    expect(res.text).not.toMatch(/scrypt\$|passwordHash|password_hash/);
    expect(res.body.sessions).toHaveLength(1);
    expect(Object.keys(res.body.sessions[0]).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'revokedAt', 'revokedReason'].sort(),
    );
    expect(res.body.auditEvents.map((e: { action: string }) => e.action)).toEqual(['auth.signed_in']);
    expect(res.body.auditEvents.every((e: { actorId: string }) => e.actorId === advocate.id)).toBe(true);
    expect(res.text).not.toContain(admin.id);
  });

  it('erases a member: personal fields anonymised, sessions ended, everyone else untouched', async () => {
    const { org, admin, advocate, curator } = await ctx.newOrg();
    const other = await ctx.newOrg();
    const victimAgent = await ctx.signIn(advocate);
    const adminAgent = await ctx.signIn(admin);
    const invited = await adminAgent
      .post('/api/people/invitations')
      .send({ email: 'pending@example.test', name: 'Pending Person' });
    const otherBefore = await ctx.orgState(other.org.id);
    const curatorBefore = await server.dataSource.getRepository(Member).findOneByOrFail({ id: curator.id });

    const res = await adminAgent.post(`/api/people/${advocate.id}/erase`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: advocate.id,
      email: `erased-${advocate.id}@invalid`,
      name: 'Erased member',
      status: 'deactivated',
    });
    const row = await server.dataSource.getRepository(Member).findOneByOrFail({ id: advocate.id });
    expect(row).toMatchObject({ passwordHash: null, status: 'deactivated', organisationId: org.id });
    expect((await victimAgent.get('/api/me')).status).toBe(401);
    const sessions = await server.dataSource.getRepository(Session).findBy({ memberId: advocate.id });
    expect(sessions.every((s) => s.revokedReason === 'erased')).toBe(true);
    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);
    // Aggregates keep the id: the audit trail still points at the same member.
    const trail = await server.dataSource.getRepository(AuditEvent).findBy({ actorMemberId: advocate.id });
    expect(trail.length).toBeGreaterThan(0);
    expect(JSON.stringify(trail)).not.toContain(advocate.email);

    // Erasing an invitee also withdraws the link.
    const erasedInvitee = await adminAgent.post(`/api/people/${invited.body.member.id}/erase`);
    expect(erasedInvitee.status).toBe(200);
    expect(
      await server.dataSource.getRepository(Invitation).countBy({ memberId: invited.body.member.id }),
    ).toBe(0);

    expect(await server.dataSource.getRepository(Member).findOneByOrFail({ id: curator.id })).toEqual(
      curatorBefore,
    );
    expect(await ctx.orgState(other.org.id)).toEqual(otherBefore);

    const self = await adminAgent.post(`/api/people/${admin.id}/erase`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('member.cannot_erase_self');
  });
});
