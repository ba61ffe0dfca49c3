import { authenticator } from 'otplib';
import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { MemberTwoStep, RecoveryCode } from '../../apps/api/src/modules/auth/entities/two-step.entity';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { CLOCK_ONLY } from '../support/clock';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';

const STEP_MS = 30_000;
/** The app's code for the time step of `at` (what an authenticator app shows then). */
const codeAt = (secret: string, at: number) => authenticator.clone({ epoch: at }).generate(secret);

describe('two-step sign-in', () => {
  const { server, ctx } = useTestServer({
    workers: false,
    env: { LOGIN_LOCKOUT_FAILURES: '5', LOGIN_LOCKOUT_SECONDS: '900' },
  });

  beforeEach(() => {
    // One second into a fresh 30-second step (slightly ahead of the real clock), so a test's codes never
    // straddle a step boundary; the clock keeps ticking from there.
    jest.useFakeTimers(CLOCK_ONLY);
    jest.setSystemTime((Math.floor(Date.now() / STEP_MS) + 1) * STEP_MS + 1000);
  });
  afterEach(() => jest.useRealTimers());

  /** Sets up two-step for the member; the secret and the recovery codes. The code used: the step before now. */
  async function enrol(agent: request.Agent) {
    const started = await agent.post('/api/me/two-step').send({ password: TEST_PASSWORD });
    expect(started.status).toBe(200);
    const { secret, otpauthUri } = started.body as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Heimo:/);
    const confirmed = await agent
      .post('/api/me/two-step/confirm')
      .send({ code: codeAt(secret, Date.now() - STEP_MS) });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    return { secret, recoveryCodes };
  }

  /** The password step: an agent holding the pending sign-in. */
  async function passwordStep(member: Pick<Member, 'email'>) {
    const agent = request.agent(server.baseUrl);
    const res = await agent.post('/api/auth/login').send({ email: member.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ twoStepRequired: true });
    // No session yet: the pending sign-in opens nothing.
    expect((await agent.get('/api/me')).status).toBe(401);
    expect(String(res.headers['set-cookie'])).not.toMatch(/heimo_at=/);
    return agent;
  }

  const secondStep = (agent: request.Agent, code: unknown) =>
    agent.post('/api/auth/login/two-step').send({ code });

  const audit = (organisationId: string, action: string) =>
    server.dataSource.getRepository(AuditEvent).findBy({ organisationId, action: action as never });

  it('enrols with a code from the app, then asks for a code after the password; a code works once', async () => {
    const { org, advocate } = await ctx.newOrg('Two Step Enrol');
    const agent = await ctx.signIn(advocate);
    expect((await agent.get('/api/me')).body.twoStep).toEqual({ enabled: false, required: false });
    const { secret } = await enrol(agent);
    expect((await agent.get('/api/me')).body.twoStep).toEqual({ enabled: true, required: false });
    expect((await agent.get('/api/me/two-step')).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
      required: false,
    });

    // The secret is sealed at rest; recovery codes are kept as hashes only.
    const row = await server.dataSource
      .getRepository(MemberTwoStep)
      .findOneByOrFail({ memberId: advocate.id });
    expect(row.secretSealed).toMatch(/^v1\./);
    expect(row.secretSealed).not.toContain(secret);
    const stored = await server.dataSource.getRepository(RecoveryCode).findBy({ memberId: advocate.id });
    expect(stored).toHaveLength(10);

    // The code that confirmed the set-up was used: it does not sign in.
    const pending = await passwordStep(advocate);
    const replayedEnrolment = await secondStep(pending, codeAt(secret, Date.now() - STEP_MS));
    expect(replayedEnrolment.status).toBe(401);
    expect(replayedEnrolment.body.code).toBe('auth.two_step_code_wrong');

    const now = codeAt(secret, Date.now());
    const signedIn = await secondStep(pending, now);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.member).toMatchObject({ id: advocate.id, twoStep: { enabled: true } });
    expect((await pending.get('/api/me')).status).toBe(200);

    // The same code again, from another sign-in: refused (replay), even though it is still current.
    const again = await passwordStep(advocate);
    const replayed = await secondStep(again, now);
    expect(replayed.status).toBe(401);
    expect(replayed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(replayed.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    // The next step's code (an app a little ahead) works.
    expect((await secondStep(again, codeAt(secret, Date.now() + STEP_MS))).status).toBe(200);

    expect(await audit(org.id, 'two_step.enabled')).toHaveLength(1);
    const failures = await audit(org.id, 'auth.sign_in_failed');
    expect(failures.map((event) => event.details)).toEqual([
      { reason: 'wrong_two_step_code' },
      { reason: 'wrong_two_step_code' },
    ]);
  });

  it('refuses a wrong code, a code two steps away, and a second step with no pending sign-in', async () => {
    const { advocate } = await ctx.newOrg('Two Step Wrong');
    const { secret } = await enrol(await ctx.signIn(advocate));
    const pending = await passwordStep(advocate);
    const current = codeAt(secret, Date.now());
    const wrong = current === '000000' ? '000001' : '000000';
    expect((await secondStep(pending, wrong)).status).toBe(401);
    expect((await secondStep(pending, codeAt(secret, Date.now() - 2 * STEP_MS))).status).toBe(401);
    expect((await secondStep(pending, codeAt(secret, Date.now() + 2 * STEP_MS))).status).toBe(401);
    expect((await pending.get('/api/me')).status).toBe(401);

    // No pending sign-in at all (a fresh client), or a forged one.
    const stranger = await secondStep(request.agent(server.baseUrl), current);
    expect(stranger.status).toBe(401);
    expect(stranger.body.code).toBe('auth.two_step_expired');
    const forged = await request(server.baseUrl)
      .post('/api/auth/login/two-step')
      .set('Cookie', 'heimo_2s=v1.eyJzdWIiOiJ4In0.AAAA')
      .send({ code: current });
    expect(forged.body.code).toBe('auth.two_step_expired');
    // An access token of a session does not pass for a pending sign-in either.
    const session = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: (await ctx.newOrg('Two Step Other')).advocate.email, password: TEST_PASSWORD });
    const accessCookie = String(session.headers['set-cookie']).match(/heimo_at=([^;]+)/)![1]!;
    const swapped = await request(server.baseUrl)
      .post('/api/auth/login/two-step')
      .set('Cookie', `heimo_2s=${accessCookie}`)
      .send({ code: current });
    expect(swapped.body.code).toBe('auth.two_step_expired');

    expect((await secondStep(pending, current)).status).toBe(200);
  });

  it('refuses the second step from another site’s page, like the password step', async () => {
    const { advocate } = await ctx.newOrg('Two Step Cross Site');
    const { secret } = await enrol(await ctx.signIn(advocate));
    const pending = await passwordStep(advocate);
    const crossSite = await pending
      .post('/api/auth/login/two-step')
      .set('Origin', 'https://evil.example')
      .send({ code: codeAt(secret, Date.now()) });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('request.cross_site');
    // Nothing was used up: the same code still signs in from Heimo's own page.
    expect((await secondStep(pending, codeAt(secret, Date.now()))).status).toBe(200);
  });

  it('ends a pending sign-in after 5 minutes: sign in again from the password', async () => {
    const { advocate } = await ctx.newOrg('Two Step Expired');
    const { secret } = await enrol(await ctx.signIn(advocate));
    const pending = await passwordStep(advocate);
    jest.setSystemTime(Date.now() + 5 * 60_000 + 1000);
    const late = await secondStep(pending, codeAt(secret, Date.now()));
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('auth.two_step_expired');
    expect((await pending.get('/api/me')).status).toBe(401);

    const fresh = await passwordStep(advocate);
    expect((await secondStep(fresh, codeAt(secret, Date.now()))).status).toBe(200);
  });

  it('signs in with a recovery code once; the next one still works, and renewing replaces them all', async () => {
    const { org, advocate } = await ctx.newOrg('Two Step Recovery');
    const agent = await ctx.signIn(advocate);
    const { secret, recoveryCodes } = await enrol(agent);
    const [first, second] = recoveryCodes as [string, string];

    const pending = await passwordStep(advocate);
    // Typed in capitals, without the dash: still the code.
    const used = await secondStep(pending, first.toUpperCase().replace('-', ''));
    expect(used.status).toBe(200);
    const recorded = await audit(org.id, 'two_step.recovery_used');
    expect(recorded.map((event) => [event.actorMemberId, event.details])).toEqual([
      [advocate.id, { left: 9 }],
    ]);
    expect((await pending.get('/api/me/two-step')).body.recoveryCodesLeft).toBe(9);

    const reused = await secondStep(await passwordStep(advocate), first);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('auth.two_step_code_wrong');
    expect((await secondStep(await passwordStep(advocate), second)).status).toBe(200);

    // New codes for the app's current code: the earlier ones stop working.
    const renewed = await agent
      .post('/api/me/two-step/recovery-codes')
      .send({ code: codeAt(secret, Date.now()) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(recoveryCodes[2]);
    expect((await secondStep(await passwordStep(advocate), recoveryCodes[2])).status).toBe(401);
    expect((await secondStep(await passwordStep(advocate), renewed.body.recoveryCodes[0])).status).toBe(200);
    expect(await audit(org.id, 'two_step.recovery_codes_renewed')).toHaveLength(1);
  });

  it('locks the account after LOGIN_LOCKOUT_FAILURES failures, wrong codes and the password step together', async () => {
    const { advocate, curator } = await ctx.newOrg('Two Step Lockout');
    const { secret } = await enrol(await ctx.signIn(advocate));
    const pending = await passwordStep(advocate); // 1: the password step counts until the code is right
    for (let i = 0; i < 4; i++) expect((await secondStep(pending, '000000')).status).toBe(401); // 2 to 5
    const locked = await secondStep(pending, codeAt(secret, Date.now()));
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // A right password does not clear the count for a member with two-step: still locked.
    const password = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    expect(password.status).toBe(429);
    // Other accounts go on.
    expect((await ctx.signIn(curator).then((agent) => agent.get('/api/me'))).status).toBe(200);
  });

  it('clears the count once the second step succeeds', async () => {
    const { advocate } = await ctx.newOrg('Two Step Clears');
    const { secret } = await enrol(await ctx.signIn(advocate));
    // Three counted a round (the password, two wrong codes): two rounds would pass 5 without the clearing.
    for (let round = 0; round < 2; round++) {
      const pending = await passwordStep(advocate);
      expect((await secondStep(pending, '000000')).status).toBe(401);
      expect((await secondStep(pending, '999999')).status).toBe(401);
      expect((await secondStep(pending, codeAt(secret, Date.now() + round * STEP_MS))).status).toBe(200);
    }
  });

  it('turns off with the password and a code; then the password alone signs in', async () => {
    const { org, advocate } = await ctx.newOrg('Two Step Off');
    const agent = await ctx.signIn(advocate);
    const { secret } = await enrol(agent);
    const code = codeAt(secret, Date.now());

    const wrongPassword = await agent.delete('/api/me/two-step').send({ password: 'not-it', code });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const wrongCode = await agent
      .delete('/api/me/two-step')
      .send({ password: TEST_PASSWORD, code: '000000' });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.code).toBe('two_step.code_wrong');
    expect((await agent.get('/api/me/two-step')).body.enabled).toBe(true);

    expect((await agent.delete('/api/me/two-step').send({ password: TEST_PASSWORD, code })).status).toBe(204);
    expect((await agent.get('/api/me/two-step')).body).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    expect(await server.dataSource.getRepository(RecoveryCode).countBy({ memberId: advocate.id })).toBe(0);
    expect((await agent.delete('/api/me/two-step').send({ password: TEST_PASSWORD, code })).status).toBe(409);
    const plain = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    expect(plain.body.member.id).toBe(advocate.id);
    expect(await audit(org.id, 'two_step.disabled')).toHaveLength(1);
  });

  it('lets an admin reset a member’s two-step (audited); a second reset says it was off', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Two Step Reset');
    await enrol(await ctx.signIn(advocate));
    const adminAgent = await ctx.signIn(admin);
    const reset = await adminAgent.post(`/api/people/${advocate.id}/two-step/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ reset: true });
    const events = await audit(org.id, 'two_step.reset');
    expect(events.map((event) => [event.actorMemberId, event.targetId])).toEqual([[admin.id, advocate.id]]);
    const plain = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ email: advocate.email, password: TEST_PASSWORD });
    expect(plain.body.member.id).toBe(advocate.id);
    expect((await adminAgent.post(`/api/people/${advocate.id}/two-step/reset`)).body).toEqual({
      reset: false,
    });
    expect(await audit(org.id, 'two_step.reset')).toHaveLength(1);
  });

  it('erasing a member forgets their authenticator secret and recovery codes', async () => {
    const { admin, advocate } = await ctx.newOrg('Two Step Erase');
    await enrol(await ctx.signIn(advocate));
    expect((await (await ctx.signIn(admin)).post(`/api/people/${advocate.id}/erase`)).status).toBe(200);
    expect(await server.dataSource.getRepository(MemberTwoStep).countBy({ memberId: advocate.id })).toBe(0);
    expect(await server.dataSource.getRepository(RecoveryCode).countBy({ memberId: advocate.id })).toBe(0);
  });

  it('a pending sign-in of a member whose two-step was reset meanwhile must start again', async () => {
    const { admin, advocate } = await ctx.newOrg('Two Step Reset Pending');
    const { secret } = await enrol(await ctx.signIn(advocate));
    const pending = await passwordStep(advocate);
    await (await ctx.signIn(admin)).post(`/api/people/${advocate.id}/two-step/reset`).expect(200);
    const res = await secondStep(pending, codeAt(secret, Date.now()));
    expect(res.body.code).toBe('auth.two_step_expired');
  });

  it('with the organisation requiring it, an admin without two-step reaches only their profile until enrolled', async () => {
    const { org, admin, curator } = await ctx.newOrg('Two Step Required');
    const adminAgent = await ctx.signIn(admin);
    const settings = (await adminAgent.get('/api/organisation/settings')).body;
    expect(settings.settings.requireTwoStepForAdmins).toBe(false);
    const saved = await adminAgent.put('/api/organisation/settings').send({
      version: settings.version,
      name: settings.name,
      timezone: settings.timezone,
      defaultLocale: settings.defaultLocale,
      settings: { ...settings.settings, requireTwoStepForAdmins: true },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.requireTwoStepForAdmins).toBe(true);

    // The same session, next request: the admin is held at enrolment.
    const refused = await adminAgent.get('/api/people');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('auth.two_step_required');
    expect((await adminAgent.get('/api/organisation/settings')).body.code).toBe('auth.two_step_required');
    expect((await adminAgent.get('/api/me')).body.twoStep).toEqual({ enabled: false, required: true });
    expect((await adminAgent.get('/api/me/two-step')).body.required).toBe(true);
    expect((await adminAgent.get('/api/me/sessions')).status).toBe(200);
    // Members who are not admins are not held.
    const curatorAgent = await ctx.signIn(curator);
    expect((await curatorAgent.get('/api/me')).body.twoStep).toEqual({ enabled: false, required: false });
    expect((await curatorAgent.get('/api/packs')).status).toBe(200);

    await enrol(adminAgent);
    expect((await adminAgent.get('/api/people')).status).toBe(200);

    // A request that leaves the setting out (a client of before it) keeps it on.
    const current = (await adminAgent.get('/api/organisation/settings')).body;
    const { requireTwoStepForAdmins: _left, ...older } = current.settings;
    const kept = await adminAgent.put('/api/organisation/settings').send({
      version: current.version,
      name: current.name,
      timezone: current.timezone,
      defaultLocale: current.defaultLocale,
      settings: older,
    });
    expect(kept.status).toBe(200);
    expect(kept.body.settings.requireTwoStepForAdmins).toBe(true);
    expect(org.id).toBeDefined();
  });

  it('refuses starting again while on, confirming with nothing started, and a wrong password', async () => {
    const { advocate } = await ctx.newOrg('Two Step Conflicts');
    const agent = await ctx.signIn(advocate);
    const notStarted = await agent.post('/api/me/two-step/confirm').send({ code: '123456' });
    expect(notStarted.status).toBe(409);
    expect(notStarted.body.code).toBe('two_step.not_started');
    const wrong = await agent.post('/api/me/two-step').send({ password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ field: 'password', code: 'password.wrong_current' }),
    ]);
    expect((await agent.post('/api/me/two-step/recovery-codes').send({ code: '123456' })).body.code).toBe(
      'two_step.not_enabled',
    );
    await enrol(agent);
    const twice = await agent.post('/api/me/two-step').send({ password: TEST_PASSWORD });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('two_step.already_enabled');
  });

  describe('bad input answers 400 naming the field and changes nothing', () => {
    const badCodes: [string, unknown][] = [
      ['missing', undefined],
      ['empty', ''],
      ['five digits', '12345'],
      ['seven digits', '1234567'],
      ['letters', 'abcdef'],
      ['digits and a letter', '12345a'],
      ['full-width digits', '１２３４５６'],
      ['oversized', '1'.repeat(10_000)],
      ['a number, not text', 123456],
      ['null', null],
      ['a list', ['123456']],
      ['an object', { code: '123456' }],
      ['a recovery code with a 0', 'abcd0-23456'],
    ];

    it.each(badCodes)('POST /api/auth/login/two-step: %s', async (_label, code) => {
      const { advocate } = await ctx.newOrg('Two Step Bad Login');
      const { secret } = await enrol(await ctx.signIn(advocate));
      const pending = await passwordStep(advocate);
      // Each bad input answered several times: were any counted, the account would lock (5).
      for (let i = 0; i < 5; i++) {
        const res = await pending.post('/api/auth/login/two-step').send(code === undefined ? {} : { code });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'code' })]));
      }
      expect((await pending.get('/api/me')).status).toBe(401);
      expect((await secondStep(pending, codeAt(secret, Date.now()))).status).toBe(200);
    });

    it.each(badCodes)('POST /api/me/two-step/confirm: %s', async (_label, code) => {
      const { advocate } = await ctx.newOrg('Two Step Bad Confirm');
      const agent = await ctx.signIn(advocate);
      expect((await agent.post('/api/me/two-step').send({ password: TEST_PASSWORD })).status).toBe(200);
      const res = await agent.post('/api/me/two-step/confirm').send(code === undefined ? {} : { code });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'code' })]));
      expect((await agent.get('/api/me/two-step')).body.enabled).toBe(false);
      expect(await server.dataSource.getRepository(RecoveryCode).countBy({ memberId: advocate.id })).toBe(0);
    });

    it('a recovery code where only the app’s code serves (confirming, renewing) is refused', async () => {
      const { advocate } = await ctx.newOrg('Two Step Bad Kind');
      const agent = await ctx.signIn(advocate);
      const { recoveryCodes } = await enrol(agent);
      const res = await agent.post('/api/me/two-step/recovery-codes').send({ code: recoveryCodes[0] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
      expect((await agent.get('/api/me/two-step')).body.recoveryCodesLeft).toBe(10);
    });

    it('POST /api/me/two-step with a missing, non-text or oversized password', async () => {
      const { advocate } = await ctx.newOrg('Two Step Bad Start');
      const agent = await ctx.signIn(advocate);
      for (const body of [{}, { password: 42 }, { password: 'x'.repeat(1001) }, { password: ['a'] }]) {
        const res = await agent.post('/api/me/two-step').send(body);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
        );
      }
      expect(await server.dataSource.getRepository(MemberTwoStep).countBy({ memberId: advocate.id })).toBe(0);
    });
  });
});
