import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { TxtResolver } from '../../apps/api/src/modules/sso/txt-resolver';
import { TEST_PASSWORD } from '../support/context';
import { freePort } from '../support/free-port';
import { startTestOpenIdProvider, type TestOpenIdProvider } from '../support/oidc-provider';
import { horizontalOverflow, screenshot, smallTapTargets, useJourney } from './browser';

const CLIENT_SECRET = `journey-${randomBytes(12).toString('hex')}`;
let op: TestOpenIdProvider;
let port: number;

// The provider first: Heimo's redirect address (its own port, chosen now) is registered there, and
// the provider's address goes on Heimo's outbound allow-list.
beforeAll(async () => {
  port = await freePort();
  op = await startTestOpenIdProvider([
    {
      client_id: 'heimo-journey',
      client_secret: CLIENT_SECRET,
      redirect_uris: [`http://127.0.0.1:${port}/api/auth/sso/callback`],
    },
  ]);
});
afterAll(() => op?.close());

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: false,
  port,
  env: { PUBLIC_URL: `http://127.0.0.1:${port}`, OUTBOUND_ALLOWED_HOSTS: new URL(op.issuer).host },
}));

async function fits(page: Page, phone: boolean): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (!phone) return;
  // A checkbox's label toggles it: a label 44 px tall is the target.
  const tallLabels = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      .filter((box) => (box.labels?.[0]?.getBoundingClientRect().height ?? 0) >= 44)
      .map((box) => box.labels?.[0]?.textContent?.trim() ?? ''),
  );
  const small = await smallTapTargets(page, 44);
  expect(small.filter((target) => !tallLabels.some((label) => target === `input "${label}" 20×20`))).toEqual(
    [],
  );
}

describe('single sign-on', () => {
  test('the admin sets up the provider and a domain; a new employee signs in through it and lands on their training', async () => {
    const { org } = await ctx.newOrg('Kide');
    const domain = `kide-${randomBytes(3).toString('hex')}.test`;
    const txt = new Map<string, string[][]>();
    server.app.get(TxtResolver).resolve = async (name) => txt.get(name) ?? [];
    await ctx.newTrainingModule(org.id, { title: { en: 'Sharing responsibly' } });

    // The admin, on a laptop.
    const { page } = await openPage({ locale: 'en-US', viewport: 'desktop' });
    const adminEmail = (await ctx.newMember(org.id, { roles: ['admin'], name: 'Aada Admin' })).email;
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('input[name="email"]').fill(adminEmail);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.getByRole('link', { name: 'Sign-in' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in', exact: true }).waitFor();
    // Only the sign-in entry is current, not Settings above it.
    expect(
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .locator('[aria-current="page"]')
        .allInnerTexts(),
    ).toEqual(['Sign-in']);
    await page.getByLabel('Issuer URL').fill(op.issuer);
    await page.getByLabel('Client ID').fill('heimo-journey');
    // The connection is tested as typed, before saving: a mistyped secret is told apart.
    await page.getByLabel('Client secret').fill('mistyped-secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The provider refused the client id or secret.').waitFor();
    await page.getByLabel('Client secret').fill(CLIENT_SECRET);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The provider answered and accepted the client.').waitFor();
    await page.getByLabel('Team claim (optional)').fill('department');
    const provisioning = page.getByRole('switch', { name: 'Create accounts at the first sign-in' });
    await provisioning.press('Space');
    expect(await provisioning.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The provider answered and accepted the client.').waitFor();

    await page.getByLabel('Domain', { exact: true }).fill(domain);
    await page.getByRole('button', { name: 'Add domain' }).click();
    const row = page.getByTestId(`domain-${domain}`);
    await row.getByText('Not verified').waitFor();
    // Verify before the record is published: told so, in words.
    await row.getByRole('button', { name: 'Verify' }).click();
    await row.getByText('The TXT record was not found yet', { exact: false }).waitFor();
    const value = await row.getByLabel('Record value').inputValue();
    txt.set(`_heimo-verification.${domain}`, [[value]]);
    await row.getByRole('button', { name: 'Verify' }).click();
    await row.getByText('Verified', { exact: true }).waitFor();
    await fits(page, false);
    await screenshot(page, 'sso-settings-desktop');

    // The same page on a phone, in Finnish.
    const finnishAdmin = await ctx.newMember(org.id, {
      roles: ['admin'],
      name: 'Ilmari Ylläpitäjä',
      locale: 'fi',
    });
    const { page: phoneAdmin } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
    await phoneAdmin.goto(`${server.baseUrl}/login`);
    await phoneAdmin.locator('input[name="email"]').fill(finnishAdmin.email);
    await phoneAdmin.locator('input[name="password"]').fill(TEST_PASSWORD);
    await phoneAdmin.locator('button[type="submit"]').click();
    await phoneAdmin.waitForURL((url) => url.pathname !== '/login');
    await phoneAdmin.goto(`${server.baseUrl}/settings/sign-in`);
    await phoneAdmin.getByRole('heading', { level: 1, name: 'Kirjautuminen', exact: true }).waitFor();
    await phoneAdmin.getByText('Vahvistettu', { exact: true }).waitFor();
    await fits(phoneAdmin, true);
    await screenshot(phoneAdmin, 'sso-settings-phone-fi');

    // A new employee, on a phone: opens their training, types only their e-mail, and goes through
    // the provider (which knows them) straight back to the training.
    const email = `uusi.tyontekija@${domain}`;
    const employeeSub = `employee-${randomBytes(3).toString('hex')}`;
    const employeeClaims = { email, email_verified: true, name: 'Ulla Uusi', department: 'Sales' };
    await op.nextLogin(employeeSub, employeeClaims);
    const { page: phone } = await openPage({ locale: 'en-US', viewport: 'phone' });
    await phone.goto(`${server.baseUrl}/training`);
    await phone.waitForURL((url) => url.pathname === '/login');
    await phone.locator('input[name="email"]').fill(email);
    await screenshot(phone, 'sso-sign-in-email-first-phone');
    await phone.locator('button[type="submit"]').click();
    await phone.waitForURL((url) => url.pathname === '/training', { timeout: 15_000 });
    await phone.getByRole('heading', { level: 1, name: 'Training', exact: true }).waitFor();
    await phone.getByText('Sharing responsibly').first().waitFor();
    await fits(phone, true);
    await screenshot(phone, 'sso-landed-on-training-phone');
    const [member] = (await server.dataSource.query(
      'SELECT name, status, password_hash FROM members WHERE organisation_id = $1 AND email = $2',
      [org.id, email],
    )) as { name: string; status: string; password_hash: string | null }[];
    expect(member).toEqual({ name: 'Ulla Uusi', status: 'active', password_hash: null });

    // Her session ends while she reads: the dialog offers her provider, not a password, and the
    // provider brings her back to the page she was on.
    await phone.context().clearCookies();
    await op.nextLogin(employeeSub, employeeClaims);
    await phone.evaluate(() => {
      window.history.pushState({}, '', '/profile');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    const dialog = phone.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    const viaProvider = dialog.getByRole('button', { name: 'Continue', exact: true });
    await viaProvider.waitFor();
    expect(await dialog.locator('input[type="password"]').count()).toBe(0);
    expect(await phone.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await screenshot(phone, 'sso-session-dialog-phone');
    await Promise.all([
      phone.waitForRequest((req) => req.url().startsWith(`${op.issuer}/`)),
      viaProvider.click(),
    ]);
    await phone.waitForURL((url) => url.origin === server.baseUrl && url.pathname === '/profile', {
      timeout: 15_000,
    });
    await phone.locator('main h1').first().waitFor();
    expect(await phone.getByRole('dialog').count()).toBe(0);
    expect(await phone.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

    // A reset link an admin sent her while passwords were still allowed...
    const adminAgent = await ctx.signIn({ email: adminEmail });
    const [employee] = (await server.dataSource.query(
      'SELECT id FROM members WHERE organisation_id = $1 AND email = $2',
      [org.id, email],
    )) as { id: string }[];
    await adminAgent.post(`/api/people/${employee!.id}/password-reset`).expect(202);
    const [sent] = (await server.dataSource.query(
      `SELECT payload FROM notification_deliveries WHERE member_id = $1 AND kind = 'password_reset'`,
      [employee!.id],
    )) as { payload: { data: { resetUrl: string } } }[];
    const resetPath = new URL(sent!.payload.data.resetUrl).pathname;

    // Single sign-on becomes required: an invitation to the domain leads to the provider, not to a
    // password (on a phone, in Finnish).
    await server.dataSource.query('UPDATE sso_providers SET require_sso = true WHERE organisation_id = $1', [
      org.id,
    ]);

    // ...now sets no password: the page leads to the provider.
    const { page: resetting } = await openPage({ locale: 'en-US', viewport: 'phone' });
    await resetting.goto(`${server.baseUrl}${resetPath}`);
    await resetting.locator('input[name="password"]').fill('a-long-and-unusual-passphrase');
    await resetting.locator('button[type="submit"]').click();
    await resetting.getByText('This link no longer sets a password').waitFor();
    const resetToProvider = resetting.getByRole('link', { name: "Continue to your organisation's sign-in" });
    expect(await resetToProvider.getAttribute('href')).toBe(
      `/api/auth/sso/start?${new URLSearchParams({ email }).toString()}`,
    );
    await fits(resetting, true);
    await screenshot(resetting, 'sso-reset-link-phone');

    // "Forgot password" for an address of the domain leads to the provider too, and sends nothing.
    const { page: forgetful } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
    await forgetful.goto(`${server.baseUrl}/forgot-password`);
    await forgetful.locator('input[name="email"]').fill(email);
    await forgetful.locator('button[type="submit"]').click();
    const forgotToProvider = forgetful.getByRole('link', { name: 'Jatka organisaatiosi kirjautumiseen' });
    await forgotToProvider.waitFor();
    expect(await forgotToProvider.getAttribute('href')).toBe(
      `/api/auth/sso/start?${new URLSearchParams({ email }).toString()}`,
    );
    await fits(forgetful, true);
    await screenshot(forgetful, 'sso-forgot-password-phone-fi');
    expect(
      await server.dataSource.query('SELECT count(*)::int AS n FROM password_resets WHERE member_id = $1', [
        employee!.id,
      ]),
    ).toEqual([{ n: 1 }]);

    const inviteeEmail = `kutsuttu@${domain}`;
    const invited = await adminAgent
      .post('/api/people/invitations')
      .send({ email: inviteeEmail, name: 'Kaisa Kutsuttu', locale: 'fi' })
      .expect(201);
    await op.nextLogin(`invitee-${randomBytes(3).toString('hex')}`, {
      email: inviteeEmail,
      email_verified: true,
    });
    const { page: invitee } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
    await invitee.goto(String(invited.body.invitationUrl).replace(/^https?:\/\/[^/]+/, server.baseUrl));
    const continueButton = invitee.getByRole('link', { name: 'Jatka organisaatiosi kirjautumiseen' });
    await continueButton.waitFor();
    expect(await invitee.locator('input[type="password"]').count()).toBe(0);
    await fits(invitee, true);
    await screenshot(invitee, 'sso-invitation-phone-fi');
    await continueButton.click();
    // Through the provider and back, signed in: to the landing page, not to the sign-in page.
    await invitee.waitForURL(
      (url) => url.origin === server.baseUrl && !/^\/(invite|api|login)(\/|$)/.test(url.pathname),
      { timeout: 15_000 },
    );
    const [joined] = (await server.dataSource.query(
      'SELECT status, password_hash FROM members WHERE organisation_id = $1 AND email = $2',
      [org.id, inviteeEmail],
    )) as { status: string; password_hash: string | null }[];
    expect(joined).toEqual({ status: 'active', password_hash: null });
    // Five browsers, three provider round trips and axe on every screenshot: minutes on a busy machine.
  }, 300_000);

  test('a failed single sign-on comes back to the sign-in page with the reason', async () => {
    const { page } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
    await page.goto(`${server.baseUrl}/api/auth/sso/callback?code=x&state=y`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('Kirjautuminen kesti liian kauan', { exact: false }).waitFor();
    await fits(page, true);
    await screenshot(page, 'sso-error-phone-fi');
  });
});
