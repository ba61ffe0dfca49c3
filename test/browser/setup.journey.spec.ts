import type { Page } from 'playwright-core';
import { setupBanner } from '../../apps/api/src/bootstrap';
import { DEMO_SLUG } from '../../apps/api/src/modules/demo/demo-seed';
import { SetupService } from '../../apps/api/src/modules/people/setup.service';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import {
  horizontalOverflow,
  type PageOptions,
  screenshot,
  smallTapTargets,
  useJourney,
  type ViewportName,
} from './browser';

const ADMIN_PASSWORD = 'granite-harbour-lantern-2046';
const CURATOR_PASSWORD = 'lantern-orchard-4711';

// An empty database of its own (no demo, no organisation): the first run starts from nothing.
let database: { name: string; url: string };
let smtp: TestSmtp;
beforeAll(async () => {
  [database, smtp] = await Promise.all([createMigratedDatabase('heimo_setup_journey'), startTestSmtp()]);
});
afterAll(async () => {
  await smtp?.close();
  if (database) await dropDatabase(database.name);
});
// Workers on: the curator's invitation goes out through the SMTP server.
const { server, openPage } = useJourney(() => ({
  web: true,
  workers: true,
  databaseUrl: database.url,
  env: { SMTP_URL: smtp.url },
}));

/** The setup link as a start prints it (the lines `npm start` writes), as a path on the test server. */
async function printedSetupPath(): Promise<string> {
  const printed = setupBanner(await server.app.get(SetupService).openLink()).join('\n');
  const link = /(\S+\/setup\?token=[A-Za-z0-9_-]+)/.exec(printed)?.[1];
  if (!link) throw new Error(`no setup link printed:\n${printed}`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function open(options: PageOptions, path: string): Promise<Page> {
  const { page } = await openPage(options);
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
}

async function mailTo(address: string) {
  for (let tries = 0; tries < 600; tries += 1) {
    const found = smtp.messages.filter((m) => JSON.stringify(m.to ?? '').includes(address));
    if (found.length > 0) return found[found.length - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no e-mail to ${address}`);
}

const count = async (sql: string, parameters: unknown[] = []): Promise<number> =>
  Number(((await server.dataSource.query(sql, parameters)) as { n: string }[])[0]!.n);

describe('the first run in the browser', () => {
  test.each([
    ['en-US', 'phone', 'Set up Heimo', 'Create organisation', 'Enter the organisation’s name.'],
    ['fi-FI', 'phone', 'Ota Heimo käyttöön', 'Luo organisaatio', 'Kirjoita organisaation nimi.'],
    ['en-US', 'desktop', 'Set up Heimo', 'Create organisation', 'Enter the organisation’s name.'],
    ['fi-FI', 'desktop', 'Ota Heimo käyttöön', 'Luo organisaatio', 'Kirjoita organisaation nimi.'],
  ] as const)(
    '/setup in %s on a %s: the form fits and says what is missing',
    async (locale, viewport, title, submit, missing) => {
      const page = await open({ locale, viewport }, await printedSetupPath());
      await heading(page, title);
      await checkFits(page, viewport);
      await screenshot(page, `setup-${locale.slice(0, 2)}-${viewport}`);
      // Sent empty: each field says what it needs, next to it; nothing is sent.
      await page.getByRole('button', { name: submit }).click();
      await page.getByText(missing).waitFor();
      await checkFits(page, viewport);
      await screenshot(page, `setup-${locale.slice(0, 2)}-${viewport}-missing`);
      expect(await count('SELECT count(*) AS n FROM organisations')).toBe(0);
    },
  );

  test('from an empty database: setup, the admin invites a curator, who accepts and writes a pack', async () => {
    expect(await count('SELECT count(*) AS n FROM organisations')).toBe(0);
    const setupPath = await printedSetupPath();

    // The operator opens the printed link and creates the organisation; they land signed in.
    const admin = await open({ locale: 'en-US', viewport: 'desktop' }, setupPath);
    await heading(admin, 'Set up Heimo');
    await admin.getByLabel('Organisation name').fill('Revontuli Oy');
    await admin.getByLabel('Your name').fill('Aino Admin');
    await admin.getByLabel('Email').fill('aino@revontuli.test');
    await admin.getByLabel('Choose a password', { exact: true }).fill('short');
    await admin.getByRole('button', { name: 'Create organisation' }).click();
    await admin.getByText('Use at least 12 characters.').waitFor();
    await admin.getByLabel('Choose a password', { exact: true }).fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Create organisation' }).click();
    await heading(admin, 'People');
    expect(new URL(admin.url()).pathname).toBe('/people');
    await admin.getByRole('row', { name: /Aino Admin/ }).waitFor();

    // The organisation's audit log begins with its creation, by the admin.
    await admin.goto(`${server.baseUrl}/audit-log`);
    await heading(admin, 'Audit log');
    await admin.getByText('Created the organisation').first().waitFor();
    await admin.goto(`${server.baseUrl}/people`);
    await heading(admin, 'People');

    // The link worked once: opened again, it says setup is done.
    const again = await open({ locale: 'en-US', viewport: 'phone' }, setupPath);
    await heading(again, 'Setup is done');

    // The admin invites a curator from People; the invitation goes out by e-mail.
    await admin.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Email', { exact: true }).fill('cilla@revontuli.test');
    await dialog.getByRole('checkbox', { name: 'Advocate' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Curator' }).check();
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const ready = admin.getByRole('dialog', { name: 'Invitation ready' });
    await ready.getByLabel('Invitation link').waitFor();
    await ready.getByRole('button', { name: 'Done' }).click();

    // The curator follows the link in the e-mail, accepts and is signed in.
    const mail = await mailTo('cilla@revontuli.test');
    const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    const url = new URL(link!);
    const curator = await open({ locale: 'en-US', viewport: 'desktop' }, url.pathname);
    await heading(curator, 'Join Revontuli Oy on Heimo');
    await curator.getByLabel('Your name').fill('Cilla Curator');
    await curator.getByLabel('Choose a password', { exact: true }).fill(CURATOR_PASSWORD);
    await curator.getByRole('button', { name: 'Accept and sign in' }).click();
    await heading(curator, 'Studio');

    // The curator signs out and in again with the new password, then writes a pack.
    await curator.getByRole('button', { name: 'Account menu for Cilla Curator' }).click();
    await curator.getByRole('button', { name: 'Sign out' }).click();
    await curator.waitForURL((url) => url.pathname === '/login');
    await curator.locator('input[name="email"]').fill('cilla@revontuli.test');
    await curator.locator('input[name="password"]').fill(CURATOR_PASSWORD);
    await curator.locator('button[type="submit"]').click();
    await heading(curator, 'Studio');
    await curator.getByRole('link', { name: 'New pack' }).click();
    await heading(curator, 'New pack');
    await curator.getByLabel(/^Title/).fill('Northern lights');
    await curator.getByLabel('Summary').fill('Our first pack.');
    await curator.getByRole('button', { name: 'Create draft' }).click();
    await curator.getByRole('button', { name: 'Submit for review' }).waitFor();
    expect(new URL(curator.url()).pathname).toMatch(/^\/studio\/packs\/[0-9a-f-]{36}$/);

    // One organisation, its two people, the pack: no demo anywhere.
    expect(await server.dataSource.query('SELECT name, slug FROM organisations')).toEqual([
      { name: 'Revontuli Oy', slug: 'revontuli-oy' },
    ]);
    expect(await count('SELECT count(*) AS n FROM organisations WHERE slug = $1', [DEMO_SLUG])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM members WHERE email LIKE '%demo.heimo.test'`)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM members')).toBe(2);
    expect(await count('SELECT count(*) AS n FROM packs')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM teams')).toBe(0);
  }, 180_000);

  test('with ALLOW_ORGANISATION_SIGNUP off, the sign-in page offers no organisation sign-up and its page says so', async () => {
    const { page } = await openPage({ locale: 'en-US', viewport: 'phone' });
    const status = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/setup');
    await page.goto(`${server.baseUrl}/login`);
    expect(await (await status).json()).toMatchObject({ signupOpen: false });
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor();
    // The answer has been rendered by now (the organisation sign-up journey sees the link appear).
    await page.waitForTimeout(300);
    expect(await page.getByRole('link', { name: 'Create an organisation' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/signup-organisation`);
    await heading(page, 'Not available');
    await page.getByText('Creating organisations is not open on this Heimo.', { exact: false }).waitFor();
    await checkFits(page, 'phone');
  });
});
