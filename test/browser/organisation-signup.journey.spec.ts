import type { Page } from 'playwright-core';
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

const PASSWORD = 'granite-harbour-lantern-2046';

// A database of its own: the organisations made here never meet another journey's.
let database: { name: string; url: string };
let smtp: TestSmtp;
beforeAll(async () => {
  [database, smtp] = await Promise.all([createMigratedDatabase('heimo_org_signup_journey'), startTestSmtp()]);
});
afterAll(async () => {
  await smtp?.close();
  if (database) await dropDatabase(database.name);
});
const { server, openPage } = useJourney(() => ({
  web: true,
  workers: false,
  databaseUrl: database.url,
  env: { SMTP_URL: smtp.url, ALLOW_ORGANISATION_SIGNUP: 'true' },
}));

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

async function linkTo(address: string): Promise<string> {
  for (let tries = 0; tries < 600; tries += 1) {
    const found = smtp.messages.filter((m) => JSON.stringify(m.to ?? '').includes(address));
    const link = /https?:\/\/\S+\/signup-organisation\?token=[A-Za-z0-9_-]+/.exec(
      found.at(-1)?.text ?? '',
    )?.[0];
    if (link) {
      const url = new URL(link);
      return `${url.pathname}${url.search}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no e-mail to ${address}`);
}

const count = async (sql: string, parameters: unknown[] = []): Promise<number> =>
  Number(((await server.dataSource.query(sql, parameters)) as { n: string }[])[0]!.n);

const WORDS = {
  en: {
    signInLink: 'Create an organisation',
    request: 'Create an organisation on Heimo',
    send: 'Send the link',
    emailRequired: 'Enter your email address.',
    sent: 'Check your email',
    confirm: 'Create your organisation',
    submit: 'Create organisation',
    organisationName: 'Organisation name',
    name: 'Your name',
    password: 'Choose a password',
    tooShort: 'Use at least 12 characters.',
    people: 'People',
  },
  fi: {
    signInLink: 'Luo organisaatio',
    request: 'Luo organisaatio Heimoon',
    send: 'Lähetä linkki',
    emailRequired: 'Kirjoita sähköpostiosoitteesi.',
    sent: 'Katso sähköpostisi',
    confirm: 'Luo organisaatiosi',
    submit: 'Luo organisaatio',
    organisationName: 'Organisaation nimi',
    name: 'Nimesi',
    password: 'Valitse salasana',
    tooShort: 'Käytä vähintään 12 merkkiä.',
    people: 'Ihmiset',
  },
} as const;

describe('creating an organisation from the web', () => {
  test.each([
    ['en-US', 'phone'],
    ['fi-FI', 'phone'],
    ['en-US', 'desktop'],
    ['fi-FI', 'desktop'],
  ] as const)(
    'in %s on a %s: sign-in page → request → e-mail → confirm → signed-in admin of a new organisation',
    async (locale, viewport) => {
      const lang = locale.slice(0, 2) as 'en' | 'fi';
      const words = WORDS[lang];
      const shot = (name: string, page: Page) => screenshot(page, `org-signup-${lang}-${viewport}-${name}`);
      const address = `admin-${lang}-${viewport}@signup.test`;
      const organisationName = `Revontuli ${lang} ${viewport}`;

      // The sign-in page offers it, since the server allows it.
      const page = await open({ locale, viewport }, '/login');
      await page.getByRole('link', { name: words.signInLink }).click();
      await heading(page, words.request);
      await checkFits(page, viewport);
      await shot('request', page);

      // Sent empty: the field says what it needs; nothing is sent.
      await page.getByRole('button', { name: words.send }).click();
      await page.getByText(words.emailRequired).waitFor();
      await checkFits(page, viewport);
      await shot('request-missing', page);
      expect(await count('SELECT count(*) AS n FROM organisation_signups')).toBeLessThan(4);

      await page.getByRole('textbox', { name: /mail|Sähköposti/ }).fill(address);
      await page.getByRole('button', { name: words.send }).click();
      await heading(page, words.sent);
      await page.getByText(address).waitFor();
      await checkFits(page, viewport);
      await shot('sent', page);

      // The link in the e-mail opens the form; a short password is refused next to its field.
      await page.goto(`${server.baseUrl}${await linkTo(address)}`);
      await heading(page, words.confirm);
      await checkFits(page, viewport);
      await shot('confirm', page);
      await page.getByLabel(words.organisationName).fill(organisationName);
      await page.getByLabel(words.name).fill('Aino Admin');
      await page.getByLabel(words.password, { exact: true }).fill('short');
      await page.getByRole('button', { name: words.submit }).click();
      await page.getByText(words.tooShort).waitFor();
      await checkFits(page, viewport);
      await shot('confirm-short', page);

      const organisationsBefore = await count('SELECT count(*) AS n FROM organisations');
      await page.getByLabel(words.password, { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: words.submit }).click();
      await heading(page, words.people);
      expect(new URL(page.url()).pathname).toBe('/people');
      // A table on a desktop, cards on a phone: the admin is listed either way.
      await page.locator('text=Aino Admin >> visible=true').first().waitFor();
      await shot('signed-in', page);
      expect(await count('SELECT count(*) AS n FROM organisations')).toBe(organisationsBefore + 1);
      expect(
        await count(
          `SELECT count(*) AS n FROM members m JOIN organisations o ON o.id = m.organisation_id
           WHERE m.email = $1 AND o.name = $2 AND m.roles = '{admin}' AND m.status = 'active'`,
          [address, organisationName],
        ),
      ).toBe(1);
    },
  );

  test('a used link says so, and the audit log opens with the organisation’s creation', async () => {
    const address = 'twice@signup.test';
    const page = await open({ locale: 'en-US', viewport: 'desktop' }, '/signup-organisation');
    await heading(page, WORDS.en.request);
    await page.getByRole('textbox', { name: /mail/ }).fill(address);
    await page.getByRole('button', { name: WORDS.en.send }).click();
    await heading(page, WORDS.en.sent);
    const link = await linkTo(address);

    const first = await open({ locale: 'en-US', viewport: 'desktop' }, link);
    await heading(first, WORDS.en.confirm);
    await first.getByLabel(WORDS.en.organisationName).fill('Once Oy');
    await first.getByLabel(WORDS.en.name).fill('Olli Once');
    await first.getByLabel(WORDS.en.password, { exact: true }).fill(PASSWORD);
    await first.getByRole('button', { name: WORDS.en.submit }).click();
    await heading(first, WORDS.en.people);
    await first.goto(`${server.baseUrl}/audit-log`);
    await heading(first, 'Audit log');
    await first.getByText('Created the organisation').first().waitFor();

    const again = await open({ locale: 'en-US', viewport: 'phone' }, link);
    await heading(again, WORDS.en.confirm);
    await again.getByLabel(WORDS.en.organisationName).fill('Twice Oy');
    await again.getByLabel(WORDS.en.name).fill('Olli Once');
    await again.getByLabel(WORDS.en.password, { exact: true }).fill(PASSWORD);
    await again.getByRole('button', { name: WORDS.en.submit }).click();
    await again.getByText('This link was used already: the organisation exists. Sign in instead.').waitFor();
    await checkFits(again, 'phone');
    await screenshot(again, 'org-signup-en-phone-used');
    await again.getByRole('link', { name: 'Go to sign in' }).click();
    await again.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await count(`SELECT count(*) AS n FROM organisations WHERE name = 'Twice Oy'`)).toBe(0);
  });
});
