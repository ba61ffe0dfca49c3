import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Session } from '../../apps/api/src/modules/auth/entities/session.entity';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { useTestServer } from '../support/use-test-server';

describe('people (admin)', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let org: Awaited<ReturnType<TestContext['newOrg']>>;
  let admin: request.Agent;

  beforeAll(async () => {
    org = await ctx.newOrg('People Oy');
    admin = await ctx.signIn(org.admin);
  });

  it('lists people by name with search, filters and keyset pages', async () => {
    const marketing = await ctx.newTeam(org.org.id, 'Marketing');
    await ctx.newMember(org.org.id, { name: 'Zelda Fan', kind: 'fan' });
    await ctx.newMember(org.org.id, { name: 'Bea Invited', status: 'invited', teamId: marketing.id });
    await ctx.newMember(org.org.id, { name: 'Ben Gone', status: 'deactivated', teamId: marketing.id });
    const other = await ctx.newOrg('Elsewhere');

    const seen: string[] = [];
    const seenIds: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await admin
        .get('/api/people')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((p: { name: string }) => p.name));
      seenIds.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      [
        'Aku Advocate',
        'Ada Admin',
        'Bea Invited',
        'Ben Gone',
        'Cora Curator',
        'Leo Leader',
        'Zelda Fan',
      ].sort(),
    );
    // The other organisation has people of the same names; none of them is listed.
    expect(seenIds).not.toContain(other.admin.id);
    expect(seenIds).not.toContain(other.advocate.id);

    const byTeam = await admin.get('/api/people').query({ teamId: marketing.id, status: 'invited' });
    expect(byTeam.body.items.map((p: { name: string }) => p.name)).toEqual(['Bea Invited']);
    const fans = await admin.get('/api/people').query({ kind: 'fan' });
    expect(fans.body.items.map((p: { name: string }) => p.name)).toEqual(['Zelda Fan']);
    const curators = await admin.get('/api/people').query({ role: 'curator' });
    expect(curators.body.items.map((p: { id: string }) => p.id)).toEqual([org.curator.id]);
    const byEmail = await admin.get('/api/people').query({ q: org.leader.email.slice(0, 8).toUpperCase() });
    expect(byEmail.body.items.map((p: { id: string }) => p.id)).toEqual([org.leader.id]);
    // LIKE wildcards in the search are literal.
    expect((await admin.get('/api/people').query({ q: '%' })).body.items).toEqual([]);
  });

  it('changes roles and team with optimistic locking', async () => {
    const person = await ctx.newMember(org.org.id, { name: 'Role Change' });
    const loaded = (await admin.get(`/api/people/${person.id}`)).body;
    expect(loaded).toMatchObject({
      id: person.id,
      roles: ['advocate'],
      status: 'active',
      teamId: null,
      version: 1,
    });
    expect(loaded).not.toHaveProperty('passwordHash');

    const changed = await admin
      .patch(`/api/people/${person.id}`)
      .send({ version: loaded.version, roles: ['curator', 'advocate'], teamId: org.team.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      roles: ['advocate', 'curator'],
      teamId: org.team.id,
      teamName: 'Sales',
      version: 2,
    });

    const stale = await admin.patch(`/api/people/${person.id}`).send({ version: 1, roles: ['leader'] });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('member.stale_version');
    expect(stale.body.current).toMatchObject({ roles: ['advocate', 'curator'], version: 2 });

    const foreignTeam = (await ctx.newOrg()).team;
    const badTeam = await admin
      .patch(`/api/people/${person.id}`)
      .send({ version: 2, teamId: foreignTeam.id });
    expect(badTeam.status).toBe(400);
    expect(badTeam.body.errors).toEqual([
      expect.objectContaining({ field: 'teamId', code: 'team.not_found' }),
    ]);

    const fanAdmin = await admin.patch(`/api/people/${person.id}`).send({ version: 2, kind: 'fan' });
    expect(fanAdmin.status).toBe(400);
    expect(fanAdmin.body.errors[0]).toMatchObject({ field: 'roles', code: 'member.fan_advocate_only' });

    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.org.id, targetId: person.id });
    expect(events.map((e) => e.action).sort()).toEqual(['member.roles_changed', 'member.team_changed']);
    expect(events.find((e) => e.action === 'member.roles_changed')!.details).toEqual({
      from: ['advocate'],
      to: ['advocate', 'curator'],
    });
  });

  it('deactivating someone ends their sessions at once; they cannot sign in again', async () => {
    const person = await ctx.newMember(org.org.id, { name: 'Soon Gone' });
    const theirs = await ctx.signIn(person);
    expect((await theirs.get('/api/me')).status).toBe(200);

    const res = await admin.patch(`/api/people/${person.id}`).send({ version: 1, status: 'deactivated' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('deactivated');
    expect((await theirs.get('/api/me')).status).toBe(401);
    expect((await theirs.post('/api/auth/refresh')).status).toBe(401);
    const sessions = await server.dataSource.getRepository(Session).findBy({ memberId: person.id });
    expect(sessions.every((s) => s.revokedAt && s.revokedReason === 'deactivated')).toBe(true);

    const again = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: person.email, password: TEST_PASSWORD });
    expect(again.status).toBe(401);

    const reactivated = await admin.patch(`/api/people/${person.id}`).send({ version: 2, status: 'active' });
    expect(reactivated.status).toBe(200);
    expect(reactivated.body.status).toBe('active');
  });

  it('stops an admin from demoting or deactivating themselves', async () => {
    const me = (await admin.get(`/api/people/${org.admin.id}`)).body;
    const demote = await admin
      .patch(`/api/people/${org.admin.id}`)
      .send({ version: me.version, roles: ['advocate'] });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('member.cannot_remove_own_admin');
    const deactivate = await admin
      .patch(`/api/people/${org.admin.id}`)
      .send({ version: me.version, status: 'deactivated' });
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.code).toBe('member.cannot_deactivate_self');
    // Adding a role to oneself is fine.
    const more = await admin
      .patch(`/api/people/${org.admin.id}`)
      .send({ version: me.version, roles: ['admin', 'leader'] });
    expect(more.status).toBe(200);
    expect((await server.dataSource.getRepository(Member).findOneByOrFail({ id: org.admin.id })).status).toBe(
      'active',
    );
  });

  it('refuses to activate an invited member: only accepting the invitation does', async () => {
    const invited = await ctx.newMember(org.org.id, { status: 'invited' });
    const res = await admin.patch(`/api/people/${invited.id}`).send({ version: 1, status: 'active' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('member.invalid_status_change');
  });

  it('manages teams with names unique per organisation, ignoring case', async () => {
    const created = await admin.post('/api/teams').send({ name: '  Nordics  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Nordics', memberCount: 0 });
    const clash = await admin.post('/api/teams').send({ name: 'NORDICS' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('team.name_taken');
    // Another organisation may use the same name.
    const elsewhere = await ctx.newOrg();
    await ctx.newTeam(elsewhere.org.id, 'Nordics');

    const renameClash = await admin.patch(`/api/teams/${created.body.id}`).send({ name: 'sales' });
    expect(renameClash.status).toBe(409);
    const renamed = await admin.patch(`/api/teams/${created.body.id}`).send({ name: 'Nordics & Baltics' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Nordics & Baltics');

    const member = await ctx.newMember(org.org.id, { teamId: created.body.id });
    const list = await admin.get('/api/teams').query({ limit: 100 });
    expect(list.body.items.find((t: { id: string }) => t.id === created.body.id).memberCount).toBe(1);

    expect((await admin.delete(`/api/teams/${created.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/teams/${created.body.id}`)).status).toBe(404);
    expect(
      (await server.dataSource.getRepository(Member).findOneByOrFail({ id: member.id })).teamId,
    ).toBeNull();
  });

  it('shows the audit log newest first, filtered by action and actor, in keyset pages', async () => {
    const all = await admin.get('/api/audit-events').query({ limit: 100, includeSignIns: true });
    expect(all.status).toBe(200);
    const actions = all.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.signed_in', 'member.status_changed', 'team.created']),
    );
    const times = all.body.items.map((e: { createdAt: string }) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const signIns = await admin
      .get('/api/audit-events')
      .query({ action: 'auth.signed_in', actorId: org.admin.id });
    expect(signIns.body.items.length).toBeGreaterThanOrEqual(1);
    expect(
      signIns.body.items.every(
        (e: { actorId: string; actorName: string }) =>
          e.actorId === org.admin.id && e.actorName === 'Ada Admin',
      ),
    ).toBe(true);

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await admin
        .get('/api/audit-events')
        .query({ limit: 2, includeSignIns: true, ...(cursor ? { cursor } : {}) });
      ids.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.body.items.map((e: { id: string }) => e.id));
  });
});
