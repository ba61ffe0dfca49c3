import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { Invitation } from '../../apps/api/src/modules/people/entities/invitation.entity';
import { TestContext } from '../support/context';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import { useTestServer } from '../support/use-test-server';

const NEW_PASSWORD = 'a-long-and-unusual-passphrase';
const tokenOf = (url: string) => url.split('/invite/')[1]!;

function cookieNames(res: request.Response): string[] {
  const header = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return header.map((line) => line.split('=')[0]!);
}

describe('invitations', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let org: Awaited<ReturnType<TestContext['newOrg']>>;
  let admin: request.Agent;

  beforeAll(async () => {
    org = await ctx.newOrg('Invites Oy');
    admin = await ctx.signIn(org.admin);
  });

  it('invites someone, who accepts once, is signed in, and cannot use the link again', async () => {
    const invited = await admin.post('/api/people/invitations').send({
      email: '  New.Person@Example.TEST ',
      name: 'Nina New',
      roles: ['curator'],
      teamId: org.team.id,
    });
    expect(invited.status).toBe(201);
    expect(invited.body.member).toMatchObject({
      email: 'new.person@example.test',
      name: 'Nina New',
      roles: ['curator'],
      status: 'invited',
      teamId: org.team.id,
      invitation: { expired: false },
    });
    expect(invited.body.invitationUrl).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const expiresIn = Date.parse(invited.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(expiresIn).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    const token = tokenOf(invited.body.invitationUrl);
    // Only the hash is kept.
    const stored = await server.dataSource
      .getRepository(Invitation)
      .findOneByOrFail({ memberId: invited.body.member.id });
    expect(stored.tokenHash).not.toContain(token);

    const preview = await request(server.baseUrl).post('/api/invitations/preview').send({ token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      organisationName: 'Invites Oy',
      email: 'new.person@example.test',
      name: 'Nina New',
      // No verified domain requires single sign-on: the invitee sets a password.
      singleSignOnUrl: null,
    });

    const short = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({
      code: 'password.too_short',
      errors: [{ field: 'password', code: 'password.too_short' }],
    });
    const common = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token, password: 'Password1234' });
    expect(common.status).toBe(400);
    expect(common.body.code).toBe('password.too_common');
    const long = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token, password: 'x'.repeat(201) });
    expect(long.body.code).toBe('password.too_long');

    const accepted = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token, password: NEW_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body.member).toMatchObject({
      email: 'new.person@example.test',
      name: 'Nina New',
      roles: ['curator'],
    });
    expect(cookieNames(accepted)).toEqual(expect.arrayContaining(['heimo_at', 'heimo_rt']));
    const member = await server.dataSource
      .getRepository(Member)
      .findOneByOrFail({ id: invited.body.member.id });
    expect(member.status).toBe('active');

    const reused = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token, password: NEW_PASSWORD });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('invitation.used');
    const unknown = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token: 'A'.repeat(43), password: NEW_PASSWORD });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('invitation.not_found');

    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: 'NEW.person@example.test', password: NEW_PASSWORD });
    expect(login.status).toBe(200);

    const actions = (await server.dataSource.getRepository(AuditEvent).findBy({ targetId: member.id })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['member.invited', 'invitation.accepted', 'auth.signed_in']),
    );
    const again = await admin.post('/api/people/invitations').send({ email: 'new.person@EXAMPLE.test' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('member.email_taken');
  });

  it('refuses an expired link, and inviting again replaces the old link with a new one', async () => {
    const first = await admin.post('/api/people/invitations').send({ email: 'late@example.test' });
    const firstToken = tokenOf(first.body.invitationUrl);
    await server.dataSource
      .getRepository(Invitation)
      .update({ memberId: first.body.member.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token: firstToken, name: 'Late Larry', password: NEW_PASSWORD });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('invitation.expired');
    expect((await admin.get(`/api/people/${first.body.member.id}`)).body.invitation).toMatchObject({
      expired: true,
    });

    const second = await admin
      .post('/api/people/invitations')
      .send({ email: 'LATE@example.test', roles: ['leader'] });
    expect(second.status).toBe(201);
    expect(second.body.member.id).toBe(first.body.member.id);
    expect(second.body.member.roles).toEqual(['leader']);
    const secondToken = tokenOf(second.body.invitationUrl);
    expect(secondToken).not.toBe(firstToken);
    const old = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token: firstToken, name: 'Late Larry', password: NEW_PASSWORD });
    expect(old.status).toBe(404);

    // No name on the invitation and none given: the name is required.
    const nameless = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token: secondToken, password: NEW_PASSWORD });
    expect(nameless.status).toBe(400);
    expect(nameless.body.errors[0].field).toBe('name');
    const ok = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token: secondToken, name: 'Late Larry', password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.member).toMatchObject({ name: 'Late Larry', roles: ['leader'] });
  });

  it('a withdrawn invitation (invitee deactivated) no longer works', async () => {
    const invited = await admin
      .post('/api/people/invitations')
      .send({ email: 'withdrawn@example.test', name: 'Wanda' });
    const withdrawn = await admin
      .patch(`/api/people/${invited.body.member.id}`)
      .send({ version: invited.body.member.version, status: 'deactivated' });
    expect(withdrawn.status).toBe(200);
    const res = await request(server.baseUrl)
      .post('/api/invitations/accept')
      .send({ token: tokenOf(invited.body.invitationUrl), password: NEW_PASSWORD });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('invitation.not_found');

    // Withdrawn is not the end: inviting the address again makes a fresh invitation.
    const again = await admin.post('/api/people/invitations').send({ email: 'withdrawn@example.test' });
    expect(again.status).toBe(201);
    expect(again.body.member).toMatchObject({ id: invited.body.member.id, status: 'invited', name: 'Wanda' });
  });
});

describe('the invitation e-mail', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  // Declared after the SMTP server's hooks: it starts once the server listens and closes before it.
  const { ctx } = useTestServer(() => ({ workers: true, env: { SMTP_URL: smtp.url } }));

  it('tells the invitee, who is not a member yet, why they receive it', async () => {
    const { admin } = await ctx.newOrg('Footer Oy');
    await (
      await ctx.signIn(admin)
    )
      .post('/api/people/invitations')
      .send({ email: 'not-yet@example.test', name: 'Noora' })
      .expect(201);

    const [message] = await smtp.waitFor(1);
    const reason =
      'You receive this because Ada Admin invited this address to join Footer Oy on Heimo. ' +
      'You are not a member, and nothing happens unless you accept';
    expect(message!.text).toContain(reason);
    expect(String(message!.html)).toContain(reason);
    expect(`${message!.text} ${String(message!.html)}`).not.toContain('because you are a member');
  });
});
