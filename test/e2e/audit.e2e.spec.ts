import type request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { TestContext } from '../support/context';
import { useTestServer } from '../support/use-test-server';

interface Party {
  id: string;
  name: string | null;
  email: string | null;
  erased: boolean;
}
interface Listed {
  id: string;
  action: string;
  actor: Party | null;
  subject: (Party & { type: string }) | null;
  details: Record<string, unknown>;
  references: { id: string; type: string; name: string | null; erased: boolean }[];
}

describe('the audit log names people, teams and packs', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let org: Awaited<ReturnType<TestContext['newOrg']>>;
  let admin: request.Agent;

  beforeAll(async () => {
    org = await ctx.newOrg('Audit Oy');
    admin = await ctx.signIn(org.admin);
  });

  async function list(query: Record<string, unknown> = {}): Promise<Listed[]> {
    const res = await admin.get('/api/audit-events').query({ limit: 100, ...query });
    expect(res.status).toBe(200);
    return res.body.items as Listed[];
  }

  it('names the actor and the member acted on, and the teams a team change moved them between', async () => {
    const person = await ctx.newMember(org.org.id, { name: 'Tuuli Team', teamId: org.team.id });
    const marketing = await ctx.newTeam(org.org.id, 'Marketing');
    const moved = await admin.patch(`/api/people/${person.id}`).send({ version: 1, teamId: marketing.id });
    expect(moved.status).toBe(200);

    const event = (await list({ action: 'member.team_changed' })).find((e) => e.subject?.id === person.id);
    expect(event).toMatchObject({
      actor: { id: org.admin.id, name: 'Ada Admin', email: org.admin.email, erased: false },
      subject: { type: 'member', id: person.id, name: 'Tuuli Team', email: person.email, erased: false },
      details: { from: org.team.id, to: marketing.id },
    });
    expect(event?.references).toEqual(
      expect.arrayContaining([
        { id: org.team.id, type: 'team', name: 'Sales', erased: false },
        { id: marketing.id, type: 'team', name: 'Marketing', erased: false },
      ]),
    );
  });

  it('names packs, training modules and teams by their names', async () => {
    await server.dataSource.getRepository(AuditEvent).save([
      {
        organisationId: org.org.id,
        actorMemberId: org.curator.id,
        action: 'pack.created' as const,
        targetType: 'pack' as const,
        targetId: org.pack.id,
        details: {},
        requestId: null,
      },
      {
        organisationId: org.org.id,
        actorMemberId: org.curator.id,
        action: 'training_module.created' as const,
        targetType: 'training_module' as const,
        targetId: org.trainingModule.id,
        details: {},
        requestId: null,
      },
    ]);
    const team = await admin.post('/api/teams').send({ name: 'Support' });
    expect(team.status).toBe(201);

    const events = await list();
    const pack = events.find((e) => e.action === 'pack.created');
    expect(pack?.subject).toMatchObject({ type: 'pack', id: org.pack.id, name: org.pack.title, email: null });
    expect(pack?.actor?.name).toBe('Cora Curator');
    expect(events.find((e) => e.action === 'training_module.created')?.subject?.name).toBe('Fixture module');
    expect(events.find((e) => e.action === 'team.created')?.subject).toMatchObject({
      type: 'team',
      id: team.body.id,
      name: 'Support',
    });
  });

  it('shows an erased member as erased, never by their old name or address', async () => {
    const person = await ctx.newMember(org.org.id, { name: 'Eero Erased', roles: ['advocate'] });
    const changed = await admin
      .patch(`/api/people/${person.id}`)
      .send({ version: 1, roles: ['advocate', 'curator'] });
    expect(changed.status).toBe(200);
    // The person acted too: their own sign-in and export are in the log under their name.
    const personAgent = await ctx.signIn(person);
    expect((await personAgent.get('/api/me/export')).status).toBe(200);
    expect((await admin.post(`/api/people/${person.id}/erase`)).status).toBe(200);
    const stored = await server.dataSource.getRepository(Member).findOneByOrFail({ id: person.id });
    expect(stored.name).not.toBe('Eero Erased');

    const res = await admin.get('/api/audit-events').query({ limit: 100, includeSignIns: true });
    const theirs = (res.body.items as Listed[]).filter(
      (e) => e.subject?.id === person.id || e.actor?.id === person.id,
    );
    expect(theirs.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.erased', 'member.roles_changed', 'privacy.exported', 'auth.signed_in']),
    );
    for (const event of theirs) {
      for (const party of [event.actor, event.subject]) {
        if (party?.id !== person.id) continue;
        expect(party).toMatchObject({ name: null, email: null, erased: true });
      }
    }
    expect(JSON.stringify(res.body)).not.toContain('Eero Erased');
    expect(JSON.stringify(res.body)).not.toContain(person.email);
  });

  it('leaves sign-ins out unless asked for, or filtered on', async () => {
    const advocate = await ctx.signIn(org.advocate);
    expect((await advocate.get('/api/me')).status).toBe(200);

    const byDefault = await list();
    expect(byDefault.some((e) => e.action.startsWith('auth.'))).toBe(false);
    expect(byDefault.length).toBeGreaterThan(0);

    const withSignIns = await list({ includeSignIns: 'true' });
    const signIn = withSignIns.find((e) => e.action === 'auth.signed_in' && e.actor?.id === org.advocate.id);
    expect(signIn?.actor?.name).toBe('Aku Advocate');
    expect((await list({ includeSignIns: 'false' })).some((e) => e.action.startsWith('auth.'))).toBe(false);

    const filtered = await list({ action: 'auth.signed_in' });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.action === 'auth.signed_in')).toBe(true);
  });

  it('refuses a malformed sign-in switch with a problem naming the field', async () => {
    const res = await admin.get('/api/audit-events').query({ includeSignIns: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body.errors)).toContain('includeSignIns');
  });

  it('filters by actor and by action together, and finds nothing for another organisation’s member', async () => {
    const moved = await ctx.newMember(org.org.id, { name: 'Fiona Filtered' });
    await admin
      .patch(`/api/people/${moved.id}`)
      .send({ version: 1, roles: ['advocate', 'leader'] })
      .expect(200);
    const elsewhere = await ctx.newOrg('Audit Elsewhere');
    const elsewhereAdmin = await ctx.signIn(elsewhere.admin);
    await elsewhereAdmin
      .patch(`/api/people/${elsewhere.advocate.id}`)
      .send({ version: 1, roles: ['advocate', 'leader'] })
      .expect(200);

    const byAdmin = await list({ actorId: org.admin.id });
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.actor?.id === org.admin.id)).toBe(true);
    expect(byAdmin.some((e) => e.subject?.id === moved.id)).toBe(true);

    const rolesByAdmin = await list({ actorId: org.admin.id, action: 'member.roles_changed' });
    expect(rolesByAdmin.map((e) => e.subject?.id)).toContain(moved.id);
    expect(
      rolesByAdmin.every((e) => e.action === 'member.roles_changed' && e.actor?.id === org.admin.id),
    ).toBe(true);
    expect(await list({ actorId: org.curator.id, action: 'member.roles_changed' })).toEqual([]);
    // Another organisation's admin did the same; this log never shows it.
    expect(await list({ actorId: elsewhere.admin.id })).toEqual([]);
  });

  it('refuses malformed actor and action filters with a problem naming the field', async () => {
    for (const [query, field] of [
      [{ actorId: '42' }, 'actorId'],
      [{ actorId: 'x'.repeat(5000) }, 'actorId'],
      [{ action: 'member.exploded' }, 'action'],
      [{ action: 'member.roles_changed', actorId: 'not-a-uuid' }, 'actorId'],
    ] as const) {
      const res = await admin.get('/api/audit-events').query(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });
});
