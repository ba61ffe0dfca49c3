import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NotificationScheduler } from '../../apps/api/src/modules/notifications/notification-scheduler';
import { UnsubscribeTokens } from '../../apps/api/src/modules/notifications/unsubscribe-token';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { startTestServer, type TestServer } from '../support/server';
import {
  buildWeb,
  failOnConsoleErrors,
  horizontalOverflow,
  keepStill,
  launchBrowser,
  type PageOptions,
  screenshot,
  screenshotDir,
  smallTapTargets,
  type ViewportName,
  viewports,
  watchConsole,
} from './browser';

// The address e-mails link to. Each browser context sends it to the test server, so the journey
// follows the links of a real message without knowing the server's port in advance. The requests go
// with the context's cookies for the server, so a member signed in there is signed in here too.
const PUBLIC_URL = 'http://mail.heimo.test';
const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let browser: Browser;
let ctx: TestContext;
let dataDir: string;
const contexts: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  // The send worker must run: a queued e-mail reaches the outbox through it. No SMTP_URL, so it
  // writes the message to DATA_DIR/outbox, where the admin reads it.
  if (process.env.HEIMO_WEB_BUILT !== '1') buildWeb();
  dataDir = mkdtempSync(join(tmpdir(), 'heimo-notifications-journey-'));
  server = await startTestServer({ web: true, workers: true, env: { PUBLIC_URL, DATA_DIR: dataDir } });
  browser = await launchBrowser();
  ctx = new TestContext(server.dataSource, server.baseUrl);
}, 180_000);

const consoleErrors: string[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  failOnConsoleErrors(consoleErrors.splice(0));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Requests to the public address go to the test server, never to the network. Its CSP upgrades a
 * page's http requests to https (production serves https), so both schemes are routed.
 */
async function routePublicUrl(context: BrowserContext): Promise<void> {
  await context.route(`*://${new URL(PUBLIC_URL).host}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({
      url: `${server.baseUrl}${url.pathname}${url.search}`,
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  });
}

async function newContext({ locale, viewport }: PageOptions): Promise<BrowserContext> {
  const phone = viewport === 'phone';
  const context = await browser.newContext({
    // See PageOptions.serviceWorkers: the installed app has a journey of its own.
    serviceWorkers: 'block',
    locale,
    viewport: viewports[viewport],
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  await keepStill(context);
  contexts.push(context);
  await routePublicUrl(context);
  return context;
}

async function open(options: PageOptions, url: string): Promise<Page> {
  const page = await (await newContext(options)).newPage();
  watchConsole(page, consoleErrors);
  await page.goto(url.startsWith('http') ? url : `${server.baseUrl}${url}`);
  return page;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
}

/** Next Monday (never today) at 09:00 UTC: 10:00 or 11:00 in Helsinki, after the 08:00 digest hour. */
function nextMondayMorning(from: Date): Date {
  const monday = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), 9));
  do monday.setUTCDate(monday.getUTCDate() + 1);
  while (monday.getUTCDay() !== 1);
  return monday;
}

async function waitForDelivery(
  agent: Awaited<ReturnType<TestContext['signIn']>>,
  match: (delivery: { kind: string; recipient: string; status: string; inOutbox: boolean }) => boolean,
): Promise<{ id: string; subject: string }> {
  for (let tries = 0; tries < 100; tries += 1) {
    const response = await agent.get('/api/notifications/deliveries');
    expect(response.status).toBe(200);
    const found = (response.body.items as Parameters<typeof match>[0][]).find(match);
    if (found) return found as unknown as { id: string; subject: string };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the e-mail never reached the outbox');
}

describe('notifications journey', () => {
  test('an advocate chooses a weekly digest, the admin reads it in the outbox, its share button leads to the feed and its footer link unsubscribes', async () => {
    const { org, admin, curator, leader } = await ctx.newOrg('Kuura');
    const advocate = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Wilma Weekly' });
    const adminAgent = await ctx.signIn(admin);
    const advocateAgent = await ctx.signIn(advocate);
    // A message that could not be sent, to show what the admin sees then.
    await server.dataSource.query(
      `INSERT INTO notification_deliveries (organisation_id, member_id, kind, dedupe_key, recipient, locale, subject, status, attempts, last_error)
       VALUES ($1, $2, 'training_reminder', $3, $4, 'en', 'Your training needs attention', 'failed', 5, $5)`,
      [org.id, advocate.id, `journey:${org.id}`, advocate.email, '550 5.1.1 Mailbox unavailable'],
    );

    // 1. On a phone, the advocate picks the weekly digest; it saves at once.
    const phone = await open({ locale: 'en-US', viewport: 'phone' }, '/profile');
    await signIn(phone, advocate.email);
    await heading(phone, 'Profile');
    const email = phone.getByRole('region', { name: 'Email' });
    await email.getByRole('radio', { name: /Daily digest/, checked: true }).waitFor();
    await email.getByRole('radio', { name: /Weekly digest/ }).click();
    await email.getByRole('status').getByText('Saved').waitFor();
    await email.getByRole('radio', { name: /Weekly digest/, checked: true }).waitFor();
    await email.getByRole('switch', { name: /Weekly summary/ }).click();
    await email.getByRole('status').getByText('Saved').waitFor();
    expect((await advocateAgent.get('/api/me/notification-preferences')).body).toEqual({
      packAlerts: 'weekly',
      trainingReminders: true,
      weeklySummary: false,
      reviewAlerts: true,
    });
    await checkFits(phone, 'phone');
    await email.scrollIntoViewIfNeeded();
    await shot(phone, 'notifications-profile-en-phone');

    // 2. A pack for the advocate's audience is published in the week before next Monday's digest.
    const monday = nextMondayMorning(new Date());
    const pack = await newPack(server.dataSource, org.id, {
      title: 'Autumn lights at Kuura',
      status: 'published',
      createdById: curator.id,
      variants: [{ network: 'linkedin', captionTemplate: 'Autumn lights are on {{link}}' }],
    });
    await server.dataSource.query(`UPDATE packs SET published_at = $2, summary = $3 WHERE id = $1`, [
      pack.id,
      new Date(monday.getTime() - 3 * DAY),
      'Evenings at Kuura, lit up.',
    ]);

    // 3. Monday morning's tick writes the weekly digest; the worker puts it in the outbox.
    await server.app.get(NotificationScheduler).tick(monday);
    const digest = await waitForDelivery(
      adminAgent,
      (delivery) =>
        delivery.kind === 'pack_alert' &&
        delivery.recipient === advocate.email &&
        delivery.status === 'sent' &&
        delivery.inOutbox,
    );
    expect(digest.subject).toBe('New to share: Autumn lights at Kuura');

    // 4. The admin reads the log, filters it and opens the digest.
    const desk = await open({ locale: 'en-US', viewport: 'desktop' }, '/outbox');
    await signIn(desk, admin.email);
    await heading(desk, 'Outbox');
    const nav = desk.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Outbox' }).waitFor();
    const failed = desk.getByRole('listitem', { name: 'Your training needs attention' });
    await failed.getByText('Last error: 550 5.1.1 Mailbox unavailable').waitFor();
    await failed.getByText('5 attempts').waitFor();
    expect(await failed.getByRole('button', { name: /Open message/ }).count()).toBe(0);
    const row = desk.getByRole('listitem', { name: digest.subject });
    await row.getByText(`To ${advocate.email}`).waitFor();
    await shot(desk, 'notifications-outbox-en-desktop');

    await desk.getByRole('textbox', { name: 'Status' }).click();
    await desk.getByRole('option', { name: 'Failed' }).click();
    await failed.waitFor();
    await row.waitFor({ state: 'detached' });
    await desk.getByRole('textbox', { name: 'Status' }).click();
    await desk.getByRole('option', { name: 'Sent' }).click();
    await row.waitFor();
    expect(await failed.count()).toBe(0);

    await row.getByRole('button', { name: `Open message: ${digest.subject}` }).click();
    const viewer = desk.getByRole('dialog', { name: digest.subject });
    await viewer.getByText('Heimo <', { exact: false }).first().waitFor();
    await viewer.getByText(advocate.email, { exact: true }).waitFor();
    const frame = desk.frameLocator('iframe[title^="Email:"]');
    await frame.getByText('Autumn lights at Kuura').first().waitFor();
    expect(await viewer.locator('iframe').getAttribute('sandbox')).toBe(
      'allow-popups allow-popups-to-escape-sandbox',
    );
    await shot(desk, 'notifications-viewer-en-desktop');
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      viewer.getByRole('button', { name: 'Download .eml' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${digest.id}.eml`);
    const eml = readFileSync((await download.path())!, 'utf8');
    expect(eml).toContain('Subject: New to share: Autumn lights at Kuura');
    expect(eml).toContain(`Message-ID: <${digest.id}@heimo>`);
    await viewer.getByRole('tab', { name: 'Plain text' }).click();
    await viewer
      .getByText(`Share on LinkedIn: ${PUBLIC_URL}/feed?pack=${pack.id}&network=linkedin`, { exact: false })
      .waitFor();
    await viewer.getByRole('tab', { name: 'As sent' }).click();

    // 5. The share button opens the feed in a new tab; the recipient signs in there and sees the pack.
    const share = frame.getByRole('link', { name: 'Share on LinkedIn' });
    expect(await share.getAttribute('href')).toBe(`${PUBLIC_URL}/feed?pack=${pack.id}&network=linkedin`);
    const footerLink = await frame.locator('a[href*="/unsubscribe?token="]').getAttribute('href');
    // The admin's click opens the link in a new tab, as a mail client would.
    const [popup] = await Promise.all([desk.waitForEvent('popup'), share.click()]);
    await popup.waitForURL((url) => url.href.startsWith(PUBLIC_URL));
    const shareUrl = new URL(popup.url());
    expect(`${shareUrl.pathname}${shareUrl.search}`).toBe(`/feed?pack=${pack.id}&network=linkedin`);
    await popup.close();
    // The recipient, signed in on their phone, follows the same link and finds the pack in the feed.
    await phone.goto(shareUrl.href);
    await heading(phone, 'Feed');
    expect(new URL(phone.url()).searchParams.get('pack')).toBe(pack.id);
    const linked = phone.getByRole('listitem', { name: 'Autumn lights at Kuura' });
    await linked.waitFor();
    // The linked pack is marked, and its LinkedIn tab is the one open.
    expect(await linked.getAttribute('aria-current')).toBe('true');
    expect(await linked.getByRole('tab', { name: /LinkedIn/ }).getAttribute('aria-selected')).toBe('true');

    // 6. The footer link: the page says what stops and for whom, and stops it only on confirming.
    expect(footerLink).toMatch(new RegExp(`^${PUBLIC_URL}/unsubscribe\\?token=`));
    const link = new URL(footerLink!);
    const token = link.searchParams.get('token')!;
    const unsubscribe = await open({ locale: 'en-US', viewport: 'phone' }, link.toString());
    await heading(unsubscribe, 'Stop emails about new packs?');
    await unsubscribe.getByText('This link is for your membership of Kuura on Heimo.').waitFor();
    await checkFits(unsubscribe, 'phone');
    await shot(unsubscribe, 'notifications-unsubscribe-en-phone');
    expect((await advocateAgent.get('/api/me/notification-preferences')).body.packAlerts).toBe('weekly');
    await unsubscribe.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
    await heading(unsubscribe, 'You are unsubscribed');
    await unsubscribe.getByText('You will no longer get emails about new packs from Kuura.').waitFor();
    await checkFits(unsubscribe, 'phone');
    await shot(unsubscribe, 'notifications-unsubscribed-en-phone');
    expect((await advocateAgent.get('/api/me/notification-preferences')).body).toEqual({
      packAlerts: 'off',
      trainingReminders: true,
      weeklySummary: false,
      reviewAlerts: true,
    });

    // Finnish: the same link again says it is already off; an altered one says so and changes nothing.
    const fi = await open({ locale: 'fi-FI', viewport: 'phone' }, link.toString());
    await heading(fi, 'Lopetetaanko sähköpostit uusista paketeista?');
    await fi.getByText('Nämä sähköpostit on jo lopetettu. Vahvistaminen ei muuta mitään.').waitFor();
    await checkFits(fi, 'phone');
    await shot(fi, 'notifications-unsubscribe-fi-phone');

    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const tampered = `${PUBLIC_URL}/unsubscribe?token=${encodeURIComponent(token.slice(0, -1) + last)}`;
    await fi.goto(tampered);
    await heading(fi, 'Peru tilaus');
    const fiProblem = fi.getByRole('alert');
    await fiProblem.getByText('Tämä peruutuslinkki ei toimi').waitFor();
    await fiProblem.getByText('Linkki on muuttunut tai katkennut.', { exact: false }).waitFor();
    await fi.getByRole('link', { name: 'Kirjaudu muuttamaan sähköpostivalintoja' }).waitFor();
    await checkFits(fi, 'phone');
    await shot(fi, 'notifications-unsubscribe-invalid-fi-phone');
    const en = await open({ locale: 'en-US', viewport: 'phone' }, tampered);
    await heading(en, 'Unsubscribe');
    await en.getByRole('alert').getByText('This unsubscribe link does not work').waitFor();
    await en.getByRole('alert').getByText('This link was changed or cut off.', { exact: false }).waitFor();
    await en.getByRole('link', { name: 'Sign in to change email choices' }).click();
    await en.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/profile');
    await shot(en, 'notifications-unsubscribe-signin-en-phone');
    await en.goto(tampered);
    await heading(en, 'Unsubscribe');
    await en.getByRole('alert').waitFor();
    await shot(en, 'notifications-unsubscribe-invalid-en-phone');
    // A genuine link from an e-mail sent long ago has expired.
    const old = server.app
      .get(UnsubscribeTokens)
      .issue(advocate.id, 'training_reminders', new Date(Date.now() - 200 * DAY));
    await en.goto(`${PUBLIC_URL}/unsubscribe?token=${encodeURIComponent(old)}`);
    await heading(en, 'Unsubscribe');
    await en.getByRole('alert').getByText('This link has expired.', { exact: false }).waitFor();
    expect((await advocateAgent.get('/api/me/notification-preferences')).body.trainingReminders).toBe(true);
    expect((await advocateAgent.get('/api/me/notification-preferences')).body.packAlerts).toBe('off');

    // 7. The outbox in Finnish on a phone, for an admin who reads Heimo in Finnish.
    await server.dataSource.query(`UPDATE members SET locale = 'fi' WHERE id = $1`, [admin.id]);
    const fiPhone = await open({ locale: 'fi-FI', viewport: 'phone' }, '/outbox');
    await signIn(fiPhone, admin.email);
    await heading(fiPhone, 'Lähtevät viestit');
    const fiRow = fiPhone.getByRole('listitem', { name: digest.subject });
    await fiRow.getByText('Lähetetty', { exact: true }).waitFor();
    await fiPhone
      .getByRole('listitem', { name: 'Your training needs attention' })
      .getByText('Viimeisin virhe: 550 5.1.1 Mailbox unavailable')
      .waitFor();
    await checkFits(fiPhone, 'phone');
    await shot(fiPhone, 'notifications-outbox-fi-phone');
    await fiRow.getByRole('button', { name: `Avaa viesti: ${digest.subject}` }).click();
    const fiViewer = fiPhone.getByRole('dialog', { name: digest.subject });
    await fiPhone
      .frameLocator('iframe[title^="Sähköposti:"]')
      .getByText('Autumn lights at Kuura')
      .first()
      .waitFor();
    await fiViewer.getByRole('button', { name: 'Lataa .eml' }).waitFor();
    await checkFits(fiPhone, 'phone');
    // The viewer covers the phone's screen: the screenshot is of the screen, not of the page behind it.
    await fiPhone.screenshot({
      path: join(screenshotDir, 'notifications-viewer-fi-phone.png'),
      animations: 'disabled',
    });

    // 8. A leader, who is not an advocate, follows "choose what you receive" from the weekly summary.
    const leaderPage = await open({ locale: 'en-US', viewport: 'desktop' }, `${PUBLIC_URL}/profile`);
    await signIn(leaderPage, leader.email);
    await heading(leaderPage, 'Profile');
    const leaderEmail = leaderPage.getByRole('region', { name: 'Email' });
    await leaderEmail.getByRole('switch', { name: /Weekly summary/, checked: true }).click();
    await leaderEmail.getByRole('status').getByText('Saved').waitFor();
    const leaderAgent = await ctx.signIn(leader);
    expect((await leaderAgent.get('/api/me/notification-preferences')).body.weeklySummary).toBe(false);
  }, 240_000);
});
