import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { PasswordReset } from '../../apps/api/src/modules/auth/entities/password-reset.entity';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';

const NEW_PASSWORD = 'a-long-and-unusual-passphrase';
const tokenOf = (url: string) => url.split('/reset-password/')[1]!;

describe('passwords', () => {
  const { server, ctx } = useTestServer({ workers: false });

  /** The member's queued e-mails of a kind, oldest first, with what they are rendered from. */
  async function emails(memberId: string, kind: string) {
    return (await server.dataSource.query(
      `SELECT kind, recipient, payload FROM notification_deliveries
        WHERE member_id = $1 AND kind = $2 ORDER BY created_at, id`,
      [memberId, kind],
    )) as { kind: string; recipient: string; payload: { data: Record<string, unknown> } }[];
  }

  /** The forgot route answers before its e-mails are queued: waits until there are `count`. */
  async function awaitEmails(memberId: string, kind: string, count: number) {
    for (let tries = 0; tries < 100; tries += 1) {
      const found = await emails(memberId, kind);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} ${kind} e-mails for ${memberId}`);
  }

  async function resetLink(member: Member, count = 1): Promise<string> {
    const [latest] = (await awaitEmails(member.id, 'password_reset', count)).reverse();
    return tokenOf(String(latest!.payload.data.resetUrl));
  }

  const passwordHash = async (member: Member) =>
    (await server.dataSource.query('SELECT password_hash FROM members WHERE id = $1', [member.id]))[0]
      .password_hash as string;

  const login = (email: string, password: string) =>
    request(server.baseUrl).post('/api/auth/login').send({ email, password });

  it('forgot → e-mail → reset → signed in; the old password and the old sessions no longer work', async () => {
    const { org, advocate } = await ctx.newOrg('Resets Oy');
    const oldSession = await ctx.signIn(advocate);
    expect((await oldSession.get('/api/me')).status).toBe(200);

    const known = await request(server.baseUrl)
      .post('/api/auth/password/forgot')
      .send({ email: `  ${advocate.email.toUpperCase()} ` });
    const unknown = await request(server.baseUrl)
      .post('/api/auth/password/forgot')
      .send({ email: 'nobody-here@example.test' });
    // The same answer whatever the address.
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    expect(known.headers['content-type']).toBe(unknown.headers['content-type']);

    const [mail] = await awaitEmails(advocate.id, 'password_reset', 1);
    expect(mail!.recipient).toBe(advocate.email);
    expect(mail!.payload.data.resetUrl).toMatch(
      /^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}$/,
    );
    const token = tokenOf(String(mail!.payload.data.resetUrl));
    const stored = await server.dataSource
      .getRepository(PasswordReset)
      .findOneByOrFail({ memberId: advocate.id });
    expect(stored.tokenHash).not.toContain(token);
    const validFor = stored.expiresAt.getTime() - Date.now();
    expect(validFor).toBeGreaterThan(59 * 60 * 1000);
    expect(validFor).toBeLessThanOrEqual(60 * 60 * 1000);

    const reset = await request(server.baseUrl)
      .post('/api/auth/password/reset')
      .send({ token, password: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect(reset.body.member).toMatchObject({ id: advocate.id, email: advocate.email });
    const cookies = (reset.headers['set-cookie'] as unknown as string[]).map((c) => c.split('=')[0]);
    expect(cookies.length).toBeGreaterThan(0);

    expect((await oldSession.get('/api/me')).status).toBe(401);
    expect((await login(advocate.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(advocate.email, NEW_PASSWORD)).status).toBe(200);

    const reused = await request(server.baseUrl)
      .post('/api/auth/password/reset')
      .send({ token, password: 'another-long-passphrase' });
    expect(reused.status).toBe(410);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({ code: 'password_reset.used', errors: [{ field: 'token' }] });
    expect((await login(advocate.email, NEW_PASSWORD)).status).toBe(200);

    const [notice] = await emails(advocate.id, 'password_changed');
    expect(notice!.payload.data).toMatchObject({ reset: true });
    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.id, targetId: advocate.id });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.password_reset_sent', 'member.password_changed']),
    );
  });

  it('refuses forged, expired and malformed links and bad passwords, changing nothing', async () => {
    const { org, curator } = await ctx.newOrg();
    await request(server.baseUrl)
      .post('/api/auth/password/forgot')
      .send({ email: curator.email })
      .expect(202);
    const token = await resetLink(curator);
    const before = await ctx.orgState(org.id);
    const hash = await passwordHash(curator);
    const reset = (body: Record<string, unknown>) =>
      request(server.baseUrl).post('/api/auth/password/reset').send(body);

    const forged = await reset({ token: 'A'.repeat(43), password: NEW_PASSWORD });
    expect(forged.status).toBe(400);
    expect(forged.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(forged.body).toMatchObject({ code: 'password_reset.invalid', errors: [{ field: 'token' }] });

    const malformed = await reset({ token: 'not a token!', password: NEW_PASSWORD });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'token' })]),
    );

    for (const [password, code] of [
      ['short', 'password.too_short'],
      ['password1234', 'password.too_common'],
      ['x'.repeat(201), 'password.too_long'],
    ] as const) {
      const res = await reset({ token, password });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code, errors: [{ field: 'password', code }] });
    }
    const oversized = await reset({ token, password: 'x'.repeat(5000) });
    expect(oversized.status).toBe(400);
    expect(oversized.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
    const badEmail = await request(server.baseUrl)
      .post('/api/auth/password/forgot')
      .send({ email: 'x'.repeat(300) });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
    );

    // Look-alikes of the curator's own address (Cyrillic е, fullwidth ＠, a zero-width space):
    // refused as addresses, so no reset link goes anywhere.
    const [local, domain] = curator.email.split('@') as [string, string];
    for (const email of [
      `${local}@${domain.replace('e', '\u0435')}`,
      `${local}\uff20${domain}`,
      `${local}\u200b@${domain}`,
    ]) {
      const res = await request(server.baseUrl).post('/api/auth/password/forgot').send({ email });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
    }
    for (const body of [{ token: 12345, password: NEW_PASSWORD }, { token }, { token, password: ['x'] }]) {
      const res = await reset(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await emails(curator.id, 'password_reset')).toHaveLength(1);
    expect(await server.dataSource.getRepository(PasswordReset).countBy({ memberId: curator.id })).toBe(1);

    await server.dataSource.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE member_id = $1`,
      [curator.id],
    );
    const expired = await reset({ token, password: NEW_PASSWORD });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'password_reset.expired', errors: [{ field: 'token' }] });

    expect(await ctx.orgState(org.id)).toEqual(before);
    expect(await passwordHash(curator)).toBe(hash);
    expect((await login(curator.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('a new password makes the older reset links void', async () => {
    const { leader } = await ctx.newOrg();
    await request(server.baseUrl).post('/api/auth/password/forgot').send({ email: leader.email }).expect(202);
    const first = await resetLink(leader);
    await request(server.baseUrl).post('/api/auth/password/forgot').send({ email: leader.email }).expect(202);
    const second = await resetLink(leader, 2);
    expect(second).not.toBe(first);
    await request(server.baseUrl)
      .post('/api/auth/password/reset')
      .send({ token: second, password: NEW_PASSWORD })
      .expect(200);
    const old = await request(server.baseUrl)
      .post('/api/auth/password/reset')
      .send({ token: first, password: 'yet-another-passphrase' });
    expect(old.status).toBe(410);
    expect((await login(leader.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('changes the password with the current one; the other sessions end, this one stays', async () => {
    const { org, advocate } = await ctx.newOrg();
    const here = await ctx.signIn(advocate);
    const elsewhere = await ctx.signIn(advocate);
    const before = await ctx.orgState(org.id);

    const wrong = await here
      .put('/api/me/password')
      .send({ currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({
      code: 'password.wrong_current',
      errors: [{ field: 'currentPassword' }],
    });
    const weak = await here
      .put('/api/me/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'password.too_short', errors: [{ field: 'newPassword' }] });
    const oversized = await here
      .put('/api/me/password')
      .send({ currentPassword: 'x'.repeat(5000), newPassword: NEW_PASSWORD });
    expect(oversized.status).toBe(400);
    expect(oversized.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'currentPassword' })]),
    );
    const oversizedNew = await here
      .put('/api/me/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'y'.repeat(10_000) });
    expect(oversizedNew.status).toBe(400);
    expect(oversizedNew.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'newPassword' })]),
    );
    expect(await ctx.orgState(org.id)).toEqual(before);
    expect((await elsewhere.get('/api/me')).status).toBe(200);
    expect((await login(advocate.email, TEST_PASSWORD)).status).toBe(200);

    const changed = await here
      .put('/api/me/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await login(advocate.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(advocate.email, NEW_PASSWORD)).status).toBe(200);

    const [notice] = await emails(advocate.id, 'password_changed');
    expect(notice!.payload.data).toMatchObject({ reset: false });
    const changes = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.id, action: 'member.password_changed', targetId: advocate.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.actorMemberId).toBe(advocate.id);
  });

  it('lets an admin send a reset link from People, never showing it', async () => {
    const { org, admin, advocate } = await ctx.newOrg();
    const adminAgent = await ctx.signIn(admin);
    const sent = await adminAgent.post(`/api/people/${advocate.id}/password-reset`).send();
    expect(sent.status).toBe(202);
    expect(JSON.stringify(sent.body)).not.toMatch(/reset-password/);
    expect(Date.parse(sent.body.expiresAt) - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    const [mail] = await emails(advocate.id, 'password_reset');
    expect(mail!.payload.data).toMatchObject({ adminName: 'Ada Admin' });
    const token = await resetLink(advocate);
    await request(server.baseUrl)
      .post('/api/auth/password/reset')
      .send({ token, password: NEW_PASSWORD })
      .expect(200);

    // A forged, a malformed and another organisation's member id: nothing is sent.
    const other = await ctx.newOrg('Elsewhere Oy');
    const before = await ctx.orgState(org.id);
    for (const [id, status] of [
      ['7b0c1f6e-2d4a-4c3b-9e8f-123456789abc', 404],
      ['not-a-uuid', 400],
      [other.advocate.id, 404],
    ] as const) {
      const res = await adminAgent.post(`/api/people/${id}/password-reset`).send();
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await emails(other.advocate.id, 'password_reset')).toHaveLength(0);
    expect(await ctx.orgState(org.id)).toEqual(before);

    const deactivated = await ctx.newMember(org.id, { status: 'deactivated' });
    const refused = await adminAgent.post(`/api/people/${deactivated.id}/password-reset`).send();
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('member.not_active');
    expect(await emails(deactivated.id, 'password_reset')).toHaveLength(0);
  });
});
