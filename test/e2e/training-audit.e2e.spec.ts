import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { TrainingContent } from '../../apps/api/src/modules/training/training-content';
import { useTestServer } from '../support/use-test-server';

const QUIZ: NonNullable<TrainingContent['quiz']> = {
  passMark: 100,
  questions: [
    {
      id: 'q1',
      kind: 'single',
      text: { en: 'May you share a roadmap?' },
      options: [
        { id: 'yes', text: { en: 'Yes' }, correct: false },
        { id: 'no', text: { en: 'No' }, correct: true },
      ],
    },
  ],
};

const draft = (title: string) => ({
  kind: 'course',
  title: { en: title },
  body: { en: `# ${title}` },
  quiz: null,
  validityDays: null,
  requiredFor: { kinds: ['employee'], teamIds: [] as string[] },
});

interface AuditItem {
  action: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  subject: { name: string | null } | null;
  requestId: string | null;
}

describe('training and profile audit events', () => {
  const { server, ctx } = useTestServer({ workers: false });

  /** The organisation's audit log as its admin reads it, oldest first, without sign-ins. */
  const auditLog = async (admin: request.Agent): Promise<AuditItem[]> => {
    const res = await admin.get('/api/audit-events').query({ limit: 100 });
    expect(res.status).toBe(200);
    return (res.body.items as AuditItem[]).filter((item) => !item.action.startsWith('auth.')).reverse();
  };

  it('records drafting, editing and publishing a module, who did it and what changed', async () => {
    const { admin, curator } = await ctx.newOrg('Module Audit');
    const agent = await ctx.signIn(curator);
    const created = await agent.post('/api/training-modules').send(draft('Privacy basics'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const updated = await agent
      .put(`/api/training-modules/${id}`)
      .send({ ...draft('Privacy basics, revised'), kind: undefined, revision: created.body.revision });
    expect(updated.status).toBe(200);
    const first = await agent
      .post(`/api/training-modules/${id}/publish`)
      .send({ material: false, revision: updated.body.revision })
      .expect(200);
    // Nothing changed since: nothing to publish, and nothing recorded.
    const same = await agent
      .post(`/api/training-modules/${id}/publish`)
      .send({ material: false, revision: first.body.revision });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ code: 'training.nothing_to_publish', currentVersion: 1 });
    const fixed = await agent
      .put(`/api/training-modules/${id}`)
      .send({
        ...draft('Privacy basics, revised'),
        body: { en: 'Fixed.' },
        kind: undefined,
        revision: first.body.revision,
      })
      .expect(200);
    await agent
      .post(`/api/training-modules/${id}/publish`)
      .send({ material: false, revision: fixed.body.revision })
      .expect(200);

    const log = await auditLog(await ctx.signIn(admin));
    const target = { actorId: curator.id, targetType: 'training_module', targetId: id };
    expect(log).toEqual([
      expect.objectContaining({ ...target, action: 'training_module.created', details: { kind: 'course' } }),
      expect.objectContaining({
        ...target,
        action: 'training_module.updated',
        details: { changed: ['title', 'body'], revision: 2 },
      }),
      // The first publish is material whatever was asked; the second is not.
      expect.objectContaining({
        ...target,
        action: 'training_module.published',
        details: { version: 1, material: true },
      }),
      expect.objectContaining({
        ...target,
        action: 'training_module.updated',
        details: { changed: ['body'], revision: 4 },
      }),
      expect.objectContaining({
        ...target,
        action: 'training_module.published',
        details: { version: 2, material: false },
      }),
    ]);
    expect(log.every((item) => typeof item.requestId === 'string')).toBe(true);
    // Titles and bodies are content, not audit details: the log stores none; it names the module by
    // its current title, read from the module when listed.
    expect(JSON.stringify(log.map((item) => item.details))).not.toContain('Privacy basics');
    expect(log.every((item) => item.subject?.name === 'Privacy basics, revised')).toBe(true);
  });

  it('records a quiz attempt with its outcome and score but never the answers, and a policy acceptance', async () => {
    const { org, admin } = await ctx.newOrg('Attempt Audit');
    const course = await ctx.newTrainingModule(org.id, { kind: 'course', quiz: QUIZ });
    const policy = await ctx.newTrainingModule(org.id, { kind: 'policy' });
    const member = await ctx.newMember(org.id);
    const agent = await ctx.signIn(member);
    const wrong = await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [{ questionId: 'q1', optionIds: ['yes'] }] });
    expect(wrong.body).toMatchObject({ passed: false, score: 0 });
    const right = await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [{ questionId: 'q1', optionIds: ['no'] }] });
    expect(right.body).toMatchObject({ passed: true, score: 100 });
    await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 }).expect(200);

    const log = await auditLog(await ctx.signIn(admin));
    const byMember = { actorId: member.id, targetType: 'training_module' };
    expect(log).toEqual([
      expect.objectContaining({
        ...byMember,
        targetId: course.id,
        action: 'training.attempted',
        details: { attemptId: wrong.body.attemptId, version: 1, passed: false, score: 0 },
      }),
      expect.objectContaining({
        ...byMember,
        targetId: course.id,
        action: 'training.attempted',
        details: { attemptId: right.body.attemptId, version: 1, passed: true, score: 100 },
      }),
      expect.objectContaining({
        ...byMember,
        targetId: policy.id,
        action: 'training.policy_accepted',
        details: { version: 1 },
      }),
    ]);
    expect(JSON.stringify(log)).not.toMatch(/optionIds|answers|"yes"|"no"/);
    // The filter finds them by action.
    const filtered = await (
      await ctx.signIn(admin)
    )
      .get('/api/audit-events')
      .query({ action: 'training.attempted' });
    expect(filtered.body.items).toHaveLength(2);
  });

  it('records adding, changing and removing a profile by field name, never the handle or audience', async () => {
    const { admin, advocate } = await ctx.newOrg('Profile Audit');
    const agent = await ctx.signIn(advocate);
    const created = await agent
      .post('/api/me/profiles')
      .send({ network: 'bluesky', handle: '@secret-handle', audienceSize: 4321 });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await agent.patch(`/api/me/profiles/${id}`).send({ audienceSize: 5678 }).expect(200);
    await agent
      .patch(`/api/me/profiles/${id}`)
      .send({ handle: '@other-handle', audienceSize: 9999 })
      .expect(200);
    // Nothing changes: nothing is recorded.
    await agent.patch(`/api/me/profiles/${id}`).send({ handle: '@other-handle' }).expect(200);
    await agent.delete(`/api/me/profiles/${id}`).expect(204);

    const log = await auditLog(await ctx.signIn(admin));
    const target = { actorId: advocate.id, targetType: 'social_profile', targetId: id };
    expect(log).toEqual([
      expect.objectContaining({ ...target, action: 'profile.created', details: { network: 'bluesky' } }),
      expect.objectContaining({
        ...target,
        action: 'profile.updated',
        details: { network: 'bluesky', changed: ['audienceSize'] },
      }),
      expect.objectContaining({
        ...target,
        action: 'profile.updated',
        details: { network: 'bluesky', changed: ['handle', 'audienceSize'] },
      }),
      expect.objectContaining({ ...target, action: 'profile.deleted', details: { network: 'bluesky' } }),
    ]);
    // The audience sizes as whole JSON values: as substrings they turn up in random ids.
    expect(JSON.stringify(log)).not.toMatch(/secret-handle|other-handle|[:[,]"?(4321|5678|9999)"?[,\]}]/);
  });

  it('writes no audit event for a refused command', async () => {
    const { org, curator, advocate, trainingModule, profile } = await ctx.newOrg('Refused Audit');
    const course = await ctx.newTrainingModule(org.id, { kind: 'course', quiz: QUIZ });
    const policy = await ctx.newTrainingModule(org.id, { kind: 'policy' });
    const curatorAgent = await ctx.signIn(curator);
    const advocateAgent = await ctx.signIn(advocate);
    const colleague = await ctx.newMember(org.id);
    const colleagueAgent = await ctx.signIn(colleague);
    const before = await ctx.orgState(org.id);

    const refused: [request.Test, number][] = [
      [curatorAgent.post('/api/training-modules').send({ ...draft('No body'), body: { en: '' } }), 400],
      [curatorAgent.post('/api/training-modules').send({ ...draft('Bad kind'), kind: 'webinar' }), 400],
      [
        curatorAgent
          .put(`/api/training-modules/${trainingModule.id}`)
          .send({ ...draft('Stale'), kind: undefined, revision: trainingModule.revision + 5 }),
        409,
      ],
      [
        curatorAgent
          .put(`/api/training-modules/${trainingModule.id}`)
          .send({ ...draft('Bad'), kind: undefined, revision: trainingModule.revision, validityDays: -1 }),
        400,
      ],
      [
        curatorAgent
          .post(`/api/training-modules/${trainingModule.id}/publish`)
          .send({ material: 'yes', revision: trainingModule.revision }),
        400,
      ],
      [
        curatorAgent
          .post(`/api/training-modules/${randomUUID()}/publish`)
          .send({ material: true, revision: 1 }),
        404,
      ],
      [
        advocateAgent
          .post(`/api/training/${course.id}/attempts`)
          .send({ answers: [{ questionId: 'q9', optionIds: ['no'] }] }),
        400,
      ],
      [advocateAgent.post(`/api/training/${course.id}/attempts`).send({ answers: 'all right' }), 400],
      [advocateAgent.post(`/api/training/${policy.id}/attempts`).send({ answers: [] }), 409],
      [advocateAgent.post(`/api/training/${policy.id}/accept`).send({ version: 0 }), 400],
      [advocateAgent.post(`/api/training/${policy.id}/accept`).send({ version: 2 }), 409],
      [advocateAgent.post(`/api/training/${course.id}/accept`).send({ version: 1 }), 409],
      [
        advocateAgent.post('/api/me/profiles').send({ network: 'myspace', handle: '@a', audienceSize: 1 }),
        400,
      ],
      [
        advocateAgent.post('/api/me/profiles').send({ network: 'linkedin', handle: '@a', audienceSize: 1 }),
        409,
      ],
      [advocateAgent.patch(`/api/me/profiles/${profile.id}`).send({ audienceSize: -5 }), 400],
      [colleagueAgent.patch(`/api/me/profiles/${profile.id}`).send({ audienceSize: 5 }), 404],
      [colleagueAgent.delete(`/api/me/profiles/${profile.id}`), 404],
    ];
    for (const [i, [call, status]] of refused.entries()) {
      const res = await call;
      // The index names the case that failed.
      expect([i, res.status]).toEqual([i, status]);
    }
    expect(await ctx.orgState(org.id)).toEqual(before);
  });

  it('leaves nothing behind when the audit event cannot be written: the command and its event are one transaction', async () => {
    const { org, curator, advocate, trainingModule, profile } = await ctx.newOrg('Atomic Audit');
    const course = await ctx.newTrainingModule(org.id, { kind: 'course', quiz: QUIZ });
    const policy = await ctx.newTrainingModule(org.id, { kind: 'policy' });
    const unpublished = await ctx.newTrainingModule(org.id, { publish: false });
    const curatorAgent = await ctx.signIn(curator);
    const advocateAgent = await ctx.signIn(advocate);
    const before = await ctx.orgState(org.id);
    // From here on this organisation's audit log refuses every row (other organisations are untouched).
    const fn = `refuse_audit_${org.id.replace(/-/g, '')}`;
    await server.dataSource.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.organisation_id = '${org.id}' THEN RAISE EXCEPTION 'audit log refuses writes'; END IF;
         RETURN NEW;
       END $$`,
    );
    await server.dataSource.query(
      `CREATE TRIGGER ${fn} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    try {
      const calls = [
        curatorAgent.post('/api/training-modules').send(draft('Never saved')),
        curatorAgent
          .put(`/api/training-modules/${trainingModule.id}`)
          .send({ ...draft('Never saved'), kind: undefined, revision: trainingModule.revision }),
        curatorAgent
          .post(`/api/training-modules/${unpublished.id}/publish`)
          .send({ material: true, revision: unpublished.revision }),
        advocateAgent
          .post(`/api/training/${course.id}/attempts`)
          .send({ answers: [{ questionId: 'q1', optionIds: ['no'] }] }),
        advocateAgent.post(`/api/training/${policy.id}/accept`).send({ version: 1 }),
        advocateAgent.post('/api/me/profiles').send({ network: 'x', handle: '@never', audienceSize: 1 }),
        advocateAgent.patch(`/api/me/profiles/${profile.id}`).send({ audienceSize: 12345 }),
        advocateAgent.delete(`/api/me/profiles/${profile.id}`),
      ];
      for (const call of calls) expect((await call).status).toBe(500);
    } finally {
      await server.dataSource.query(`DROP TRIGGER ${fn} ON audit_events`);
      await server.dataSource.query(`DROP FUNCTION ${fn}()`);
    }
    expect(await ctx.orgState(org.id)).toEqual(before);
  });
});
