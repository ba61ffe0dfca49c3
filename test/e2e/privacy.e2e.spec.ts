import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_NETWORK } from '@heimo/domain';
import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Session } from '../../apps/api/src/modules/auth/entities/session.entity';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { DeliverySender } from '../../apps/api/src/modules/notifications/delivery-sender';
import { Invitation } from '../../apps/api/src/modules/people/entities/invitation.entity';
import { ProfileAudienceHistory } from '../../apps/api/src/modules/profiles/entities/profile-audience-history.entity';
import { SocialProfile } from '../../apps/api/src/modules/profiles/entities/social-profile.entity';
import {
  recountDailyStats,
  storedDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { TrainingCompletion } from '../../apps/api/src/modules/training/entities/training-completion.entity';
import type { TrainingContent } from '../../apps/api/src/modules/training/training-content';
import { TEST_PASSWORD } from '../support/context';
import { newShare } from '../support/shares';
import { useTestServer } from '../support/use-test-server';

const QUIZ: NonNullable<TrainingContent['quiz']> = {
  passMark: 100,
  questions: [
    {
      id: 'q1',
      kind: 'single',
      text: { en: 'May you share a roadmap?', fi: 'Saako tiekartan jakaa?' },
      options: [
        { id: 'yes', text: { en: 'Yes', fi: 'Kyllä' }, correct: false },
        { id: 'no', text: { en: 'No', fi: 'Ei' }, correct: true },
      ],
    },
  ],
};

describe('privacy', () => {
  // A data directory of its own: with no SMTP server the e-mails sent go to its outbox.
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-privacy-'));
  });
  const { server, ctx } = useTestServer(() => ({ workers: false, env: { DATA_DIR: dataDir } }));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

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
      [
        'browser',
        'createdAt',
        'expiresAt',
        'id',
        'lastUsedAt',
        'revokedAt',
        'revokedReason',
        'system',
      ].sort(),
    );
    expect(res.body.auditEvents.map((e: { action: string }) => e.action)).toEqual(['auth.signed_in']);
    expect(res.body.auditEvents.every((e: { actorId: string }) => e.actorId === advocate.id)).toBe(true);
    expect(res.text).not.toContain(admin.id);
  });

  it('exports the caller’s push devices (never their keys) and their time zone and quiet hours', async () => {
    const { advocate } = await ctx.newOrg('Push Export Oy');
    const device = await ctx.newPushDevice(advocate);
    const agent = await ctx.signIn(advocate);
    await agent
      .patch('/api/me/push-settings')
      .send({ timeZone: 'Europe/Helsinki', quietHoursStart: '22:00', quietHoursEnd: '07:00' })
      .expect(200);
    const res = await agent.get('/api/me/export').expect(200);
    expect(res.body.pushDevices).toEqual([
      expect.objectContaining({ id: device.id, service: 'push.example.com', enabled: false, current: false }),
    ]);
    expect(res.body.pushSettings).toMatchObject({
      timeZone: 'Europe/Helsinki',
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
    });
    const [keys] = (await server.dataSource.query(
      'SELECT p256dh, auth FROM push_subscriptions WHERE id = $1',
      [device.id],
    )) as { p256dh: string; auth: string }[];
    expect(res.text).not.toContain(keys!.p256dh);
    expect(res.text).not.toContain(keys!.auth);
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

  it('exports the caller’s social profiles with their audience history and their training attempts and acceptances', async () => {
    const { org, advocate, profile } = await ctx.newOrg('Export Training');
    const course = await ctx.newTrainingModule(org.id, {
      kind: 'course',
      title: { en: 'Private or public', fi: 'Yksityistä vai julkista' },
      quiz: QUIZ,
    });
    const policy = await ctx.newTrainingModule(org.id, {
      kind: 'policy',
      title: { en: 'Social media policy' },
    });
    await server.dataSource.getRepository(Member).update({ id: advocate.id }, { locale: 'fi' });
    const agent = await ctx.signIn(advocate);
    const bluesky = await agent
      .post('/api/me/profiles')
      .send({ network: 'bluesky', handle: '@aku.bsky.social', audienceSize: 10 });
    await agent.patch(`/api/me/profiles/${bluesky.body.id}`).send({ audienceSize: 20 }).expect(200);
    const failed = await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [{ questionId: 'q1', optionIds: ['yes'] }] });
    const passed = await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [{ questionId: 'q1', optionIds: ['no'] }] });
    const accepted = await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 });
    // Someone else's profile and training stay out of the export.
    const colleague = await ctx.newMember(org.id);
    await ctx.newProfile(colleague, { network: 'x', handle: '@colleague' });
    await (
      await ctx.signIn(colleague)
    )
      .post(`/api/training/${policy.id}/accept`)
      .send({ version: 1 })
      .expect(200);

    const res = await agent.get('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.body.socialProfiles).toEqual([
      {
        id: bluesky.body.id,
        network: 'bluesky',
        handle: '@aku.bsky.social',
        audienceSize: 20,
        pendingAudienceSize: null,
        pendingReason: null,
        audienceVerifiedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        audienceHistory: [
          { audienceSize: 10, recordedAt: expect.any(String) },
          { audienceSize: 20, recordedAt: expect.any(String) },
        ],
      },
      // Made straight in the database by the fixture, so it has no history yet.
      expect.objectContaining({ id: profile.id, network: 'linkedin', audienceHistory: [] }),
    ]);
    expect(res.body.trainingCompletions).toEqual([
      {
        id: expect.any(String),
        moduleId: policy.id,
        moduleTitle: 'Social media policy',
        kind: 'acceptance',
        version: 1,
        passed: true,
        score: null,
        answers: [],
        completedAt: accepted.body.acceptedAt,
      },
      {
        id: passed.body.attemptId,
        moduleId: course.id,
        moduleTitle: 'Yksityistä vai julkista',
        kind: 'attempt',
        version: 1,
        passed: true,
        score: 100,
        answers: [{ questionId: 'q1', optionIds: ['no'] }],
        completedAt: passed.body.completedAt,
      },
      expect.objectContaining({ id: failed.body.attemptId, passed: false, score: 0 }),
    ]);
    expect(res.text).not.toContain('@colleague');
    expect(res.text).not.toContain(colleague.id);
    // The export carries the member's own audit trail of those commands too.
    expect(res.body.auditEvents.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'profile.created',
        'profile.updated',
        'training.attempted',
        'training.policy_accepted',
      ]),
    );
  });

  it('erases a member’s social profiles, audience history and training records, and the scores in their audit trail', async () => {
    const { org, admin, advocate, profile } = await ctx.newOrg('Erase Training');
    const other = await ctx.newOrg('Erase Bystander');
    const course = await ctx.newTrainingModule(org.id, { kind: 'course', quiz: QUIZ });
    const policy = await ctx.newTrainingModule(org.id, { kind: 'policy' });
    const agent = await ctx.signIn(advocate);
    const bluesky = await agent
      .post('/api/me/profiles')
      .send({ network: 'bluesky', handle: '@to-be-erased', audienceSize: 10 });
    await agent.patch(`/api/me/profiles/${bluesky.body.id}`).send({ audienceSize: 20 }).expect(200);
    await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [{ questionId: 'q1', optionIds: ['no'] }] })
      .expect(200);
    await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 }).expect(200);
    // A colleague's rows must survive.
    const colleague = await ctx.newMember(org.id);
    const colleagueProfile = await ctx.newProfile(colleague, { network: 'x' });
    await (
      await ctx.signIn(colleague)
    )
      .post(`/api/training/${policy.id}/accept`)
      .send({ version: 1 })
      .expect(200);
    const otherBefore = await ctx.orgState(other.org.id);

    const profileIds = [profile.id, bluesky.body.id as string];
    const db = server.dataSource;
    expect(await db.getRepository(SocialProfile).countBy({ memberId: advocate.id })).toBe(2);
    expect(await db.getRepository(ProfileAudienceHistory).countBy({ profileId: bluesky.body.id })).toBe(2);
    expect(await db.getRepository(TrainingCompletion).countBy({ memberId: advocate.id })).toBe(2);

    const res = await (await ctx.signIn(admin)).post(`/api/people/${advocate.id}/erase`);
    expect(res.status).toBe(200);

    expect(await db.getRepository(SocialProfile).countBy({ memberId: advocate.id })).toBe(0);
    expect(
      await db.query('SELECT count(*)::int AS n FROM profile_audience_history WHERE profile_id = ANY($1)', [
        profileIds,
      ]),
    ).toEqual([{ n: 0 }]);
    expect(await db.getRepository(TrainingCompletion).countBy({ memberId: advocate.id })).toBe(0);
    // Their trail keeps that they took the course, not how they did; no handle was ever in it.
    const trail = await db.getRepository(AuditEvent).findBy({ actorMemberId: advocate.id });
    const attempts = trail.filter((e) => e.action === 'training.attempted');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.details).toEqual({ attemptId: expect.any(String), version: 1 });
    expect(JSON.stringify(trail)).not.toMatch(/to-be-erased|"score"|"passed"/);

    expect(await db.getRepository(SocialProfile).countBy({ id: colleagueProfile.id })).toBe(1);
    expect(await db.getRepository(TrainingCompletion).countBy({ memberId: colleague.id })).toBe(1);
    // Their training points went with their completions; the colleague keeps theirs.
    const rollups = await storedDailyStats(db.manager, org.id);
    expect(rollups.filter((row) => row.memberId === advocate.id && row.network === NO_NETWORK)).toEqual([]);
    expect(rollups.filter((row) => row.memberId === colleague.id)).toEqual([
      expect.objectContaining({ network: NO_NETWORK, points: 25 }),
    ]);
    expect(rollups).toEqual(await recountDailyStats(db.manager, org.id));
    expect(await ctx.orgState(other.org.id)).toEqual(otherBefore);
  });

  it('exports the caller’s shares with text, tracked link and counters, and blanks their texts on erasure', async () => {
    const { admin, advocate, pack } = await ctx.newOrg('Share Export');
    const colleague = await ctx.newMember(advocate.organisationId);
    const mine = await newShare(server.dataSource, advocate, pack, { network: 'x', audienceSize: 321 });
    const theirs = await newShare(server.dataSource, colleague, pack, { network: 'linkedin' });

    const res = await (await ctx.signIn(advocate)).get('/api/me/export').expect(200);
    expect(res.body.shares).toEqual([
      {
        id: mine.id,
        packId: pack.id,
        packTitle: pack.title,
        network: 'x',
        code: mine.code,
        trackedUrl: expect.stringMatching(new RegExp(`/r/${mine.code}$`)),
        text: mine.text,
        audienceSize: 321,
        clicks: 0,
        uniqueClicks: 0,
        previews: 0,
        createdAt: mine.createdAt.toISOString(),
      },
    ]);
    expect(res.text).not.toContain(theirs.code);

    const reservations = async () =>
      (
        await server.dataSource.query(
          'SELECT count(*)::int AS n FROM share_reservations WHERE member_id = $1',
          [advocate.id],
        )
      )[0].n as number;
    expect(await reservations()).toBe(1); // ctx.newOrg's reservation, with whatever caption it held
    await (await ctx.signIn(admin)).post(`/api/people/${advocate.id}/erase`).expect(200);
    expect(await reservations()).toBe(0);
    const rows: { id: string; text: string; code: string }[] = await server.dataSource.query(
      'SELECT id, text, code FROM shares WHERE id = ANY($1) ORDER BY id',
      [[mine.id, theirs.id]],
    );
    expect(rows.find((row) => row.id === mine.id)).toEqual({ id: mine.id, text: '', code: mine.code });
    expect(rows.find((row) => row.id === theirs.id)?.text).toBe(theirs.text);
    // The tracked link keeps working for people who follow it later.
    await request(server.baseUrl).head(`/r/${mine.code}`).expect(302);
  });

  it('exports the member’s e-mail preferences and e-mails, and erases who they went to', async () => {
    const { admin, advocate, delivery } = await ctx.newOrg('Mail Privacy');
    const agent = await ctx.signIn(advocate);
    await agent.patch('/api/me/notification-preferences').send({ packAlerts: 'weekly' }).expect(200);
    const res = await agent.get('/api/me/export').expect(200);
    expect(res.body.notificationPreferences).toEqual({
      packAlerts: 'weekly',
      trainingReminders: true,
      weeklySummary: true,
      reviewAlerts: true,
    });
    expect(res.body.emails).toEqual([
      expect.objectContaining({
        id: delivery.id,
        kind: 'invitation',
        recipient: advocate.email,
        status: 'sent',
      }),
    ]);

    await (await ctx.signIn(admin)).post(`/api/people/${advocate.id}/erase`).expect(200);
    const rows = await server.dataSource.query(
      'SELECT recipient, payload FROM notification_deliveries WHERE member_id = $1',
      [advocate.id],
    );
    expect(rows).toEqual([{ recipient: `erased-${advocate.id}@invalid`, payload: {} }]);
    expect(
      await server.dataSource.query('SELECT * FROM notification_preferences WHERE member_id = $1', [
        advocate.id,
      ]),
    ).toEqual([]);
  });

  it('scrubs an erased inviter’s name and address from the invitations they sent: log, outbox and unsent', async () => {
    const { org, admin } = await ctx.newOrg('Inviter Oy');
    const inviter = await ctx.newMember(org.id, { roles: ['admin'], name: "Ilse O'Brien" });
    const inviterAgent = await ctx.signIn(inviter);
    for (const email of ['ina@example.test', 'ivo@example.test'])
      await inviterAgent.post('/api/people/invitations').send({ email, name: 'Ina Invitee' }).expect(201);
    const adminAgent = await ctx.signIn(admin);
    type Item = { id: string; recipient: string; subject: string | null; inOutbox: boolean };
    const log = async () =>
      (await adminAgent.get('/api/notifications/deliveries').expect(200)).body.items as Item[];
    const idOf = async (recipient: string) => (await log()).find((item) => item.recipient === recipient)!.id;
    const sender = server.app.get(DeliverySender);
    const sent = await idOf('ina@example.test');
    expect(await sender.send(sent, false)).toBe('sent');
    // The other invitation e-mail is still to be sent when the inviter is erased.
    const unsent = await idOf('ivo@example.test');
    const preview = async (id: string) =>
      (await adminAgent.get(`/api/notifications/deliveries/${id}/preview`).expect(200)).body as Record<
        string,
        string
      >;
    const message = async (id: string) => {
      const res = await adminAgent
        .get(`/api/notifications/deliveries/${id}/message`)
        .buffer(true)
        .expect(200);
      return res.body instanceof Buffer ? res.body.toString('utf8') : String(res.text);
    };
    expect((await log()).find((item) => item.id === sent)).toMatchObject({
      subject: "Ilse O'Brien invited you to Inviter Oy on Heimo",
      inOutbox: true,
    });
    expect((await preview(sent)).html).toContain('Ilse O&#x27;Brien invited you');
    expect(await message(sent)).toContain('Brien');

    await adminAgent.post(`/api/people/${inviter.id}/erase`).expect(200);
    expect(await sender.send(unsent, false)).toBe('sent');
    const after = await log();
    expect(
      after.filter((item) => item.id === sent || item.id === unsent).map((item) => item.subject),
    ).toEqual([
      'Erased member invited you to Inviter Oy on Heimo',
      'Erased member invited you to Inviter Oy on Heimo',
    ]);
    for (const id of [sent, unsent]) {
      const parts = await preview(id);
      expect(parts.subject).toBe('Erased member invited you to Inviter Oy on Heimo');
      expect(parts.html).toContain('Hello Ina Invitee,');
      expect(parts.text).toContain('Erased member invited you to share');
      expect(JSON.stringify(parts)).not.toMatch(/Brien|Ilse/);
      expect(await message(id)).not.toMatch(/Brien|Ilse/);
    }
    // What no route shows: the stored payloads.
    const stored = await server.dataSource.query<{ row: string }[]>(
      'SELECT d::text AS row FROM notification_deliveries d WHERE organisation_id = $1',
      [org.id],
    );
    expect(stored.filter(({ row }) => /Brien|Ilse/.test(row) || row.includes(inviter.email))).toEqual([]);
  });

  it('erases nothing when the erasure fails part-way: profiles, history and training stay with the member', async () => {
    const { org, admin, advocate, profile } = await ctx.newOrg('Erase Atomic');
    const policy = await ctx.newTrainingModule(org.id, { kind: 'policy' });
    await (
      await ctx.signIn(advocate)
    )
      .post(`/api/training/${policy.id}/accept`)
      .send({ version: 1 })
      .expect(200);
    const adminAgent = await ctx.signIn(admin);
    const before = await ctx.orgState(org.id);
    // The erasure's audit event is written last; refusing it must undo everything before it.
    const fn = `refuse_erase_${org.id.replace(/-/g, '')}`;
    await server.dataSource.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.organisation_id = '${org.id}' AND NEW.action = 'member.erased' THEN RAISE EXCEPTION 'refused'; END IF;
         RETURN NEW;
       END $$`,
    );
    await server.dataSource.query(
      `CREATE TRIGGER ${fn} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    try {
      expect((await adminAgent.post(`/api/people/${advocate.id}/erase`)).status).toBe(500);
    } finally {
      await server.dataSource.query(`DROP TRIGGER ${fn} ON audit_events`);
      await server.dataSource.query(`DROP FUNCTION ${fn}()`);
    }
    expect(await ctx.orgState(org.id)).toEqual(before);
    expect(await server.dataSource.getRepository(SocialProfile).countBy({ id: profile.id })).toBe(1);
  });
});
