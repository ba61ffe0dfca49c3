import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { NotificationScheduler } from '../../apps/api/src/modules/notifications/notification-scheduler';
import { UnsubscribeTokens } from '../../apps/api/src/modules/notifications/unsubscribe-token';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestContext } from '../support/context';
import { newShare } from '../support/shares';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { newPack } from '../support/packs';
import { startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const DAY = 24 * 3600 * 1000;

interface DeliveryRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  recipient: string;
  dedupe_key: string;
  last_error: string | null;
  payload: { data: Record<string, unknown> };
}

/**
 * E-mail against a real SMTP server started here. A database of its own: the schedule looks at
 * every organisation, and the time-zone test moves the clock.
 */
describe('notifications', () => {
  let database: { name: string; url: string };
  let smtp: TestSmtp;
  let server: TestServer;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_notifications');
    smtp = await startTestSmtp();
    server = await startTestServer({
      databaseUrl: database.url,
      workers: true,
      env: {
        SMTP_URL: smtp.url,
        MAIL_RETRY_BASE_MS: '40',
        DIGEST_HOUR: '8',
        PUBLIC_URL: 'http://heimo.test',
      },
    });
    ctx = new TestContext(server.dataSource, server.baseUrl);
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    if (database) await dropDatabase(database.name);
  });

  beforeEach(() => {
    smtp.messages.length = 0;
    smtp.refuseNext(0);
  });

  const deliveries = (where = 'true', params: unknown[] = []): Promise<DeliveryRow[]> =>
    server.dataSource.query(
      `SELECT * FROM notification_deliveries WHERE ${where} ORDER BY created_at, id`,
      params,
    );

  const waitForStatus = async (id: string, status: string, timeoutMs = 15_000): Promise<DeliveryRow> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await deliveries('id = $1', [id]);
      if (row?.status === status) return row;
      if (Date.now() > until)
        throw new Error(`delivery ${id} is ${row?.status} (${row?.last_error}), not ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** A header as sent (mailparser folds List-* headers into an object of its own). */
  const header = (message: ParsedMail, name: string): string | undefined =>
    message.headerLines
      .find((line) => line.key === name)
      ?.line.slice(name.length + 1)
      .replace(/\r?\n\s+/g, ' ')
      .trim();
  /** The token of the List-Unsubscribe header: `<https://…/api/unsubscribe?token=…>`. */
  const tokenOf = (message: ParsedMail): string =>
    new URL(/<([^>]+)>/.exec(header(message, 'list-unsubscribe') ?? '')?.[1] ?? 'x:').searchParams.get(
      'token',
    ) ?? '';
  const to = (address: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));

  it('e-mails an invitation in the invitee’s language with both parts and a one-click unsubscribe', async () => {
    const { admin } = await ctx.newOrg('Posti Oy');
    const invited = await (
      await ctx.signIn(admin)
    )
      .post('/api/people/invitations')
      .send({ email: 'uusi@example.test', name: 'Uuno Uusi', locale: 'fi' })
      .expect(201);

    const [message] = await smtp.waitFor(1);
    expect(message!.to).toMatchObject({ value: [{ address: 'uusi@example.test' }] });
    expect(message!.subject).toBe('Ada Admin kutsui sinut Heimoon (Posti Oy)');
    expect(message!.text).toContain(invited.body.invitationUrl);
    expect(message!.text).toContain('Hei Uuno Uusi');
    expect(message!.html).toContain('Hyväksy kutsu');
    expect(String(message!.html)).toContain('lang="fi"');
    expect(header(message!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(message!, 'list-unsubscribe')).toMatch(
      /^<http:\/\/heimo\.test\/api\/unsubscribe\?token=[^>]+>/,
    );
    expect(tokenOf(message!)).toMatch(/\.all\./);
    expect(message!.messageId).toMatch(/^<[0-9a-f-]{36}@heimo>$/);

    const [row] = await deliveries("recipient = 'uusi@example.test'");
    expect(row).toMatchObject({ status: 'sent', attempts: 1, recipient: 'uusi@example.test' });
    // The link is a secret: it left the log once sent.
    expect(JSON.stringify(row!.payload)).not.toContain('/invite/');

    const log = await (await ctx.signIn(admin)).get('/api/notifications/deliveries').expect(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: row!.id,
          kind: 'invitation',
          status: 'sent',
          subject: message!.subject,
          inOutbox: false,
        }),
      ]),
    );
  });

  it('retries a refused message and delivers it exactly once', async () => {
    const { admin } = await ctx.newOrg('Retry Oy');
    smtp.refuseNext(2);
    await (
      await ctx.signIn(admin)
    )
      .post('/api/people/invitations')
      .send({ email: 'retry@example.test', locale: 'en' })
      .expect(201);
    const [row] = await deliveries("recipient = 'retry@example.test'");
    const sent = await waitForStatus(row!.id, 'sent');
    expect(sent.attempts).toBe(3);
    expect(smtp.refused()).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes('retry@example.test'))).toHaveLength(1);
  });

  it('logs a failure with its reason after the last attempt and never sends it', async () => {
    const { admin } = await ctx.newOrg('Fail Oy');
    smtp.refuseNext(Number.POSITIVE_INFINITY);
    await (
      await ctx.signIn(admin)
    )
      .post('/api/people/invitations')
      .send({ email: 'never@example.test' })
      .expect(201);
    const [row] = await deliveries("recipient = 'never@example.test'");
    const failed = await waitForStatus(row!.id, 'failed');
    expect(failed.attempts).toBe(5);
    expect(failed.last_error).toMatch(/451|Try again later/);
    smtp.refuseNext(0);
    // A repeated tick does not send a failed message again.
    await server.app.get(NotificationScheduler).tick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(to('never@example.test')).toHaveLength(0);
    expect((await deliveries('id = $1', [row!.id]))[0]!.status).toBe('failed');
  });

  it('alerts a member who wants every new pack at once, with a share button per network, once', async () => {
    const { org, advocate } = await ctx.newOrg('Alert Oy');
    const agent = await ctx.signIn(advocate);
    await agent.patch('/api/me/notification-preferences').send({ packAlerts: 'immediately' }).expect(200);
    const pack = await newPack(server.dataSource, org.id, {
      title: 'Spring launch',
      status: 'published',
      variants: [
        { network: 'linkedin', captionTemplate: 'Read {{disclosure}}' },
        { network: 'x', captionTemplate: 'Read {{link}}' },
      ],
    });
    const scheduler = server.app.get(NotificationScheduler);
    const alerts = () => deliveries("kind = 'pack_alert' AND member_id = $1", [advocate.id]);
    await scheduler.tick();
    expect(await alerts()).toHaveLength(1);
    await waitForStatus((await alerts())[0]!.id, 'sent');
    const [message] = to(advocate.email);
    expect(message!.subject).toBe('New to share: Spring launch');
    expect(message!.text).toContain(
      `Share on LinkedIn: http://heimo.test/feed?pack=${pack.id}&network=linkedin`,
    );
    expect(message!.text).toContain(`Share on X: http://heimo.test/feed?pack=${pack.id}&network=x`);
    await scheduler.tick();
    expect(await alerts()).toHaveLength(1);
  });

  it('e-mails a member in the language they chose in their profile', async () => {
    const { org, advocate } = await ctx.newOrg('Kieli Oy');
    const agent = await ctx.signIn(advocate);
    await agent.patch('/api/me/notification-preferences').send({ packAlerts: 'immediately' }).expect(200);
    const chosen = await agent.put('/api/me/locale').send({ locale: 'fi' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.locale).toBe('fi');
    await newPack(server.dataSource, org.id, {
      title: 'Kevään julkaisu',
      status: 'published',
      variants: [{ network: 'linkedin', captionTemplate: 'Lue {{disclosure}}' }],
    });
    const alerts = () => deliveries("kind = 'pack_alert' AND member_id = $1", [advocate.id]);
    await server.app.get(NotificationScheduler).tick();
    await waitForStatus((await alerts())[0]!.id, 'sent');
    const [message] = to(advocate.email);
    expect(message!.subject).toBe('Uutta jaettavaa: Kevään julkaisu');
  });

  it('unsubscribes in one click with the link, without signing in, and refuses altered or expired links', async () => {
    const { org, advocate } = await ctx.newOrg('Unsub Oy');
    await (
      await ctx.signIn(advocate)
    )
      .patch('/api/me/notification-preferences')
      .send({ packAlerts: 'immediately' })
      .expect(200);
    await newPack(server.dataSource, org.id, { title: 'Unsubscribe me', status: 'published' });
    await server.app.get(NotificationScheduler).tick();
    const [row] = await deliveries("kind = 'pack_alert' AND member_id = $1", [advocate.id]);
    await waitForStatus(row!.id, 'sent');
    const [message] = to(advocate.email);
    const token = tokenOf(message!);
    expect(message!.text).toContain(`http://heimo.test/unsubscribe?token=${token}`);

    const preferences = () =>
      server.dataSource.query(
        'SELECT pack_alerts, training_reminders FROM notification_preferences WHERE member_id = $1',
        [advocate.id],
      );
    const before = await preferences();
    const anonymous = request(server.baseUrl);

    // Looking does not change anything (mail scanners open links).
    const preview = await anonymous.get('/api/unsubscribe').query({ token }).expect(200);
    expect(preview.body).toMatchObject({ topic: 'pack_alerts', organisationName: 'Unsub Oy' });
    expect(await preferences()).toEqual(before);

    const tampered = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const otherMember = token.replace(/^[0-9a-f]/, (c) => (c === 'a' ? 'b' : 'a'));
    const otherTopic = token.replace('.pack_alerts.', '.all.');
    for (const bad of [tampered, otherMember, otherTopic, 'nonsense', `${token}.x`]) {
      const res = await anonymous.post('/api/unsubscribe').query({ token: bad }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'unsubscribe.invalid_token', errors: [{ field: 'token' }] });
    }
    const expired = server.app
      .get(UnsubscribeTokens)
      .issue(advocate.id, 'pack_alerts', new Date(Date.now() - 100 * DAY));
    const res = await anonymous.post('/api/unsubscribe').query({ token: expired }).expect(400);
    expect(res.body.code).toBe('unsubscribe.expired_token');
    await anonymous.post('/api/unsubscribe').expect(400);
    expect(await preferences()).toEqual(before);

    const done = await anonymous
      .post('/api/unsubscribe')
      .query({ token })
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(done.body.preferences).toEqual({
      packAlerts: 'off',
      trainingReminders: true,
      weeklySummary: true,
      reviewAlerts: true,
    });
    await anonymous.post('/api/unsubscribe').query({ token }).expect(200);
    expect(await preferences()).toEqual([{ pack_alerts: 'off', training_reminders: true }]);
  });

  it('tells reviewers of a submission and authors of the approval or rejection, as their preferences allow', async () => {
    const { org, curator: author, advocate } = await ctx.newOrg('Review Oy');
    const reviewer = await ctx.newMember(org.id, { roles: ['curator'], name: 'Rita Reviewer', locale: 'fi' });
    const optedOut = await ctx.newMember(org.id, { roles: ['curator'], name: 'Otto Optout' });
    const co = await ctx.newMember(org.id, { roles: ['curator'], name: 'Kai Coauthor' });
    await (
      await ctx.signIn(optedOut)
    )
      .patch('/api/me/notification-preferences')
      .send({ reviewAlerts: false })
      .expect(200);
    const authorApi = await ctx.signIn(author);
    const reviewerApi = await ctx.signIn(reviewer);
    const pack = await newPack(server.dataSource, org.id, { title: 'Autumn launch', createdById: author.id });
    // Kai edits the draft: an author too, so under four-eyes not asked to review it.
    const edited = await (
      await ctx.signIn(co)
    )
      .patch(`/api/packs/${pack.id}`)
      .send({ version: 1, summary: 'Tightened.' })
      .expect(200);
    // Other files share the database, so this server's scheduler may mail their members meanwhile:
    // only messages to this organisation's people count here.
    const people = [author, reviewer, optedOut, co, advocate].map((member) => member.email);
    const ours = () =>
      smtp.messages.filter((m) => people.some((email) => JSON.stringify(m.to).includes(email)));
    const waitForOurs = async (count: number): Promise<typeof smtp.messages> => {
      const until = Date.now() + 15_000;
      while (ours().length < count && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(ours()).toHaveLength(count);
      return ours();
    };
    const act = async (agent: request.Agent, version: number, action: string, comment?: string) =>
      (
        await agent
          .post(`/api/packs/${pack.id}/transitions`)
          .send({ action, version, ...(comment ? { comment } : {}) })
          .expect(200)
      ).body as { version: number };

    // Submitted: the one curator who may review it hears of it, in Finnish; not the submitter, not
    // the co-author (four-eyes), not the curator who turned review e-mails off, not advocates.
    const submitted = await act(authorApi, edited.body.version, 'submit');
    const [asked] = await waitForOurs(1);
    expect(asked!.to).toMatchObject({ value: [{ address: reviewer.email }] });
    expect(asked!.subject).toBe('Tarkistettavana: Autumn launch');
    expect(asked!.text).toContain('Cora Curator lähetti paketin ”Autumn launch” tarkistettavaksi.');
    expect(asked!.text).toContain(`http://heimo.test/studio/packs/${pack.id}`);
    expect(tokenOf(asked!)).toMatch(/\.review_alerts\./);
    for (const member of [author, co, optedOut, advocate]) expect(to(member.email)).toEqual([]);

    // Rejected with a comment: both authors hear of it, with the comment; the reviewer does not.
    const rejected = await act(reviewerApi, submitted.version, 'reject', 'Add the venue, please.');
    const sentBack = await waitForOurs(3);
    const outcome = sentBack.slice(1);
    expect(outcome.map((m) => (m.to as { value: { address: string }[] }).value[0]!.address).sort()).toEqual(
      [author.email, co.email].sort(),
    );
    for (const message of outcome) {
      expect(message.subject).toBe('Sent back: Autumn launch');
      expect(message.text).toContain('Rita Reviewer sent “Autumn launch” back to draft.');
      expect(message.text).toContain('“Add the venue, please.”');
    }

    // The author turns review e-mails off: the approval reaches only the co-author.
    await authorApi.patch('/api/me/notification-preferences').send({ reviewAlerts: false }).expect(200);
    smtp.messages.length = 0;
    const again = await act(authorApi, rejected.version, 'submit');
    await waitForOurs(1);
    smtp.messages.length = 0;
    await act(reviewerApi, again.version, 'approve');
    const [approved] = await waitForOurs(1);
    expect(approved!.to).toMatchObject({ value: [{ address: co.email }] });
    expect(approved!.subject).toBe('Approved: Autumn launch');
    expect(approved!.text).toContain('Rita Reviewer approved “Autumn launch”.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(to(author.email)).toEqual([]);
    const rows = await deliveries("kind = 'pack_review' AND organisation_id = $1", [org.id]);
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('keeps preferences per member and refuses bad values, changing nothing', async () => {
    const { advocate } = await ctx.newOrg('Prefs Oy');
    const agent = await ctx.signIn(advocate);
    expect((await agent.get('/api/me/notification-preferences').expect(200)).body).toEqual({
      packAlerts: 'daily',
      trainingReminders: true,
      weeklySummary: true,
      reviewAlerts: true,
    });
    for (const body of [
      { packAlerts: 'hourly' },
      { packAlerts: null },
      { trainingReminders: 'yes' },
      { weeklySummary: 1 },
      { reviewAlerts: 'no' },
      { unknown: true },
    ]) {
      const res = await agent.patch('/api/me/notification-preferences').send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors[0].field).toBe(Object.keys(body)[0]);
    }
    expect(
      await server.dataSource.query('SELECT * FROM notification_preferences WHERE member_id = $1', [
        advocate.id,
      ]),
    ).toEqual([]);
    await agent.patch('/api/me/notification-preferences').send({ packAlerts: 'weekly' }).expect(200);
    expect((await agent.get('/api/me/notification-preferences').expect(200)).body.packAlerts).toBe('weekly');
  });

  it('sends a daily digest once per local day in each organisation’s time zone', async () => {
    const helsinki = await ctx.newOrg('Digest Helsinki');
    const newYork = await ctx.newOrg('Digest New York');
    await server.dataSource.query(`UPDATE organisations SET timezone = 'America/New_York' WHERE id = $1`, [
      newYork.org.id,
    ]);
    // Tomorrow (UTC): 08:00 in Helsinki is 06:00 UTC in winter (07:00 in summer); in New York 13:00 (12:00).
    const day = new Date(Math.ceil(Date.now() / DAY) * DAY);
    const at = (hours: number, days = 0) => new Date(day.getTime() + days * DAY + hours * 3600 * 1000);
    for (const org of [helsinki, newYork]) {
      const pack = await newPack(server.dataSource, org.org.id, {
        title: `News of ${org.org.name}`,
        status: 'published',
      });
      await server.dataSource.query('UPDATE packs SET published_at = $2 WHERE id = $1', [pack.id, at(4)]);
    }
    const digestsOf = async (member: { id: string }) =>
      (await deliveries("kind = 'pack_alert' AND member_id = $1", [member.id])).map((row) => row.dedupe_key);
    const scheduler = server.app.get(NotificationScheduler);

    await scheduler.tick(at(5)); // 07:00 in Helsinki (before 08:00 in winter), midnight in New York
    expect(await digestsOf(helsinki.advocate)).toEqual([]);
    await scheduler.tick(at(8)); // 10:00 (or 11:00) in Helsinki, 03:00 in New York
    const localDate = day.toISOString().slice(0, 10);
    expect(await digestsOf(helsinki.advocate)).toEqual([
      `pack_alert:daily:${helsinki.advocate.id}:${localDate}`,
    ]);
    expect(await digestsOf(newYork.advocate)).toEqual([]);
    await scheduler.tick(at(9));
    expect(await digestsOf(helsinki.advocate)).toHaveLength(1);
    await scheduler.tick(at(14)); // 09:00 (or 10:00) in New York
    expect(await digestsOf(newYork.advocate)).toEqual([
      `pack_alert:daily:${newYork.advocate.id}:${localDate}`,
    ]);
    expect(await digestsOf(helsinki.advocate)).toHaveLength(1);
    // The next local day has no new packs: no second digest.
    await scheduler.tick(at(9, 1));
    await scheduler.tick(at(15, 1));
    expect(await digestsOf(helsinki.advocate)).toHaveLength(1);
    expect(await digestsOf(newYork.advocate)).toHaveLength(1);

    const [digest] = await deliveries("kind = 'pack_alert' AND member_id = $1", [helsinki.advocate.id]);
    await waitForStatus(digest!.id, 'sent');
    expect(to(helsinki.advocate.email)[0]?.subject).toBe('New to share: News of Digest Helsinki');
  });

  it('covers a 25-hour local day when the clocks go back, losing no pack and repeating none', async () => {
    // Helsinki left summer time on Sunday 2026-10-25 at 04:00 (01:00 UTC). 08:00 local was 05:00
    // UTC on Saturday and 06:00 UTC on Sunday, so Sunday's digest covers 25 hours.
    const org = await ctx.newOrg('Digest across DST');
    const publish = async (title: string, at: string) => {
      const pack = await newPack(server.dataSource, org.org.id, { title, status: 'published' });
      await server.dataSource.query('UPDATE packs SET published_at = $2 WHERE id = $1', [pack.id, at]);
    };
    await publish('Friday evening news', '2026-10-24T04:30:00Z'); // 07:30 Saturday, before the cut
    await publish('Saturday morning news', '2026-10-24T05:30:00Z'); // 08:30 Saturday, after the cut
    await publish('Sunday morning news', '2026-10-25T05:45:00Z'); // 07:45 Sunday (winter time)
    await publish('Sunday later news', '2026-10-25T06:15:00Z'); // 08:15 Sunday: Monday's digest
    const scheduler = server.app.get(NotificationScheduler);
    const digests = async () =>
      (await deliveries("kind = 'pack_alert' AND member_id = $1", [org.advocate.id])).map((row) => ({
        key: row.dedupe_key,
        titles: (row.payload.data.packs as { title: string }[]).map((pack) => pack.title).sort(),
      }));

    await scheduler.tick(new Date('2026-10-24T05:10:00Z')); // 08:10 Saturday
    await scheduler.tick(new Date('2026-10-25T05:30:00Z')); // 07:30 Sunday: before Sunday's cut
    await scheduler.tick(new Date('2026-10-25T06:10:00Z')); // 08:10 Sunday
    await scheduler.tick(new Date('2026-10-26T06:10:00Z')); // 08:10 Monday
    expect(await digests()).toEqual([
      {
        key: `pack_alert:daily:${org.advocate.id}:2026-10-24`,
        titles: ['Friday evening news'],
      },
      {
        key: `pack_alert:daily:${org.advocate.id}:2026-10-25`,
        titles: ['Saturday morning news', 'Sunday morning news'],
      },
      {
        key: `pack_alert:daily:${org.advocate.id}:2026-10-26`,
        titles: ['Sunday later news'],
      },
    ]);
  });

  it('reminds of required training that expires soon and again once it has expired, once per state', async () => {
    const { org, advocate } = await ctx.newOrg('Remind Oy');
    const module = await ctx.newTrainingModule(org.id, {
      kind: 'policy',
      validityDays: 30,
      title: { en: 'Social media policy', fi: 'Somepolitiikka' },
    });
    await server.dataSource.query(
      `UPDATE organisations SET settings = jsonb_set(settings, '{requiredTrainingModuleIds}', $2::jsonb) WHERE id = $1`,
      [org.id, JSON.stringify([module.id])],
    );
    await (
      await ctx.signIn(advocate)
    )
      .post(`/api/training/${module.id}/accept`)
      .send({ version: 1 })
      .expect(200);
    const reminders = () => deliveries("kind = 'training_reminder' AND member_id = $1", [advocate.id]);
    const scheduler = server.app.get(NotificationScheduler);
    // 09:00 UTC is past 08:00 in Helsinki all year.
    const on = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + 9 * 3600 * 1000);

    await scheduler.tick(on(1));
    expect(await reminders()).toEqual([]);
    await scheduler.tick(on(20));
    await scheduler.tick(on(21));
    const expiring = await reminders();
    expect(expiring).toHaveLength(1);
    expect(expiring[0]!.payload.data.modules).toEqual([
      expect.objectContaining({ title: 'Social media policy', expiring: true, expired: false }),
    ]);
    await scheduler.tick(on(32));
    await scheduler.tick(on(33));
    const after = await reminders();
    expect(after).toHaveLength(2);
    expect(after[1]!.payload.data.modules).toEqual([expect.objectContaining({ expired: true })]);

    // No reminders for a member who turned them off.
    await (
      await ctx.signIn(advocate)
    )
      .patch('/api/me/notification-preferences')
      .send({ trainingReminders: false })
      .expect(200);
    await server.dataSource.query(
      `UPDATE training_modules SET material_version = 2, published_version = 2 WHERE id = $1`,
      [module.id],
    );
    await scheduler.tick(on(40));
    expect(await reminders()).toHaveLength(2);
  });

  it('sends leaders the week’s figures on Monday, with the change against the week before', async () => {
    const { org, leader, advocate, pack } = await ctx.newOrg('Summary Oy');
    // Next Monday, 09:00 UTC (10:00 or 11:00 in Helsinki).
    const today = Math.floor(Date.now() / DAY) * DAY;
    const daysToMonday = (8 - new Date(today).getUTCDay()) % 7 || 7;
    const monday = new Date(today + daysToMonday * DAY + 9 * 3600 * 1000);
    await newShare(server.dataSource, advocate, pack, {
      audienceSize: 1000,
      createdAt: new Date(monday.getTime() - 3 * DAY),
    });
    await newShare(server.dataSource, advocate, pack, {
      audienceSize: 500,
      createdAt: new Date(monday.getTime() - 2 * DAY),
    });
    await newShare(server.dataSource, advocate, pack, {
      audienceSize: 500,
      createdAt: new Date(monday.getTime() - 10 * DAY),
    });
    await server.app.get(NotificationScheduler).tick(monday);
    await server.app.get(NotificationScheduler).tick(new Date(monday.getTime() + 3600 * 1000));
    const rows = await deliveries("kind = 'weekly_summary' AND organisation_id = $1", [org.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: leader.email });
    const data = rows[0]!.payload.data as {
      figures: { label: string; value: string; change: string }[];
      advocates: unknown[];
    };
    expect(data.figures).toEqual(
      expect.arrayContaining([
        { label: 'Shares', value: '2', change: '+100 %' },
        { label: 'Earned reach', value: '1,500', change: '+200 %' },
      ]),
    );
    expect(data.advocates).toEqual([{ rank: 1, name: 'Aku Advocate', points: '20' }]);
  });
});

describe('notifications without an SMTP server', () => {
  let database: { name: string; url: string };
  let dataDir: string;
  let server: TestServer;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_outbox');
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-outbox-'));
    server = await startTestServer({ databaseUrl: database.url, workers: true, env: { DATA_DIR: dataDir } });
    ctx = new TestContext(server.dataSource, server.baseUrl);
  });

  afterAll(async () => {
    await server?.close();
    if (database) await dropDatabase(database.name);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes each message to the local outbox, where an admin reads it and nobody else can', async () => {
    const { admin, advocate } = await ctx.newOrg('Outbox Oy');
    const other = await ctx.newOrg('Outbox Other');
    const adminAgent = await ctx.signIn(admin);
    await adminAgent.post('/api/people/invitations').send({ email: 'outbox@example.test' }).expect(201);

    let delivery: { id: string; status: string; inOutbox: boolean; subject: string } | undefined;
    const until = Date.now() + 15_000;
    while (!delivery?.inOutbox && Date.now() < until) {
      const log = await adminAgent.get('/api/notifications/deliveries').query({ status: 'sent' }).expect(200);
      delivery = (log.body.items as (typeof delivery)[]).find((item) => item?.subject?.includes('Outbox Oy'));
      if (!delivery?.inOutbox) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(delivery).toMatchObject({
      status: 'sent',
      inOutbox: true,
      subject: 'Ada Admin invited you to Outbox Oy on Heimo',
    });
    expect(readdirSync(join(dataDir, 'outbox'))).toContain(`${delivery!.id}.eml`);

    const raw = await adminAgent
      .get(`/api/notifications/deliveries/${delivery!.id}/message`)
      .buffer(true)
      .expect(200);
    expect(raw.headers['content-type']).toMatch(/^message\/rfc822/);
    const text = raw.body instanceof Buffer ? raw.body.toString('utf8') : String(raw.text);
    expect(text).toContain('To: outbox@example.test');
    expect(text).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    await (
      await ctx.signIn(advocate)
    )
      .get(`/api/notifications/deliveries/${delivery!.id}/message`)
      .expect(403);
    await (
      await ctx.signIn(other.admin)
    )
      .get(`/api/notifications/deliveries/${delivery!.id}/message`)
      .expect(404);
    // A cursor with a date that does not exist is a 400, not a 500.
    const feb30 = Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000000Z', delivery!.id])).toString(
      'base64url',
    );
    const badCursor = await adminAgent
      .get('/api/notifications/deliveries')
      .query({ cursor: feb30 })
      .expect(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');

    // Erasing the invitee removes the outbox copies and makes their unsubscribe link invalid.
    const [invitee] = (await server.dataSource.query(
      `SELECT id FROM members WHERE email = 'outbox@example.test'`,
    )) as {
      id: string;
    }[];
    const token = server.app.get(UnsubscribeTokens).issue(invitee!.id, 'all');
    await adminAgent.post(`/api/people/${invitee!.id}/erase`).expect(200);
    expect(readdirSync(join(dataDir, 'outbox')).filter((name) => name.startsWith(delivery!.id))).toEqual([]);
    await adminAgent.get(`/api/notifications/deliveries/${delivery!.id}/preview`).expect(404);
    const afterErase = await request(server.baseUrl).post('/api/unsubscribe').query({ token }).expect(400);
    expect(afterErase.body.code).toBe('unsubscribe.invalid_token');
    expect(
      await server.dataSource.query('SELECT * FROM notification_preferences WHERE member_id = $1', [
        invitee!.id,
      ]),
    ).toEqual([]);

    // A logged message with no file (sent over SMTP, or the fixture) is not in the outbox.
    await adminAgent
      .get(`/api/notifications/deliveries/${(await ctx.newOrg('Nofile')).delivery.id}/message`)
      .expect(404);
  });
});
