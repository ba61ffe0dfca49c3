import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../apps/api/src/modules/demo/demo-seed';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import {
  expectCount,
  horizontalOverflow,
  type PageOptions,
  screenshot,
  smallTapTargets,
  useJourney,
  type ViewportName,
} from './browser';

// A database of its own: these tests read and change the demo people's saved language, which other
// journey files (insights) change too on the run's shared database and its one demo.
let database: { name: string; url: string };
beforeAll(async () => {
  database = await createMigratedDatabase('heimo_shell');
});
afterAll(async () => {
  if (database) await dropDatabase(database.name);
});
const { server, openPage } = useJourney(() => ({ web: true, workers: false, databaseUrl: database.url }));

beforeAll(async () => {
  await seedDemo(server.dataSource);
}, 120_000);

async function open(options: PageOptions, path = '/'): Promise<Page> {
  const { page } = await openPage(options);
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function signIn(page: Page, email: string, password: string, submit: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: submit }).click();
}

/** Waits until an element has stopped moving (the phone navigation slides in). */
async function settled(locator: Locator): Promise<void> {
  let previous = await locator.boundingBox();
  for (;;) {
    await locator.page().waitForTimeout(100);
    const current = await locator.boundingBox();
    if (current && previous && current.x === previous.x && current.y === previous.y) return;
    previous = current;
  }
}

/** Waits until the first match reads `expected`; fails with what it read instead. */
async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  const locator = page.locator(selector).first();
  const deadline = Date.now() + 10_000;
  let actual = '';
  while (Date.now() < deadline) {
    actual = (await locator.count()) ? (await locator.innerText()).trim() : '';
    if (actual === expected) return;
    await page.waitForTimeout(100);
  }
  expect(actual).toBe(expected);
}

const signInPage = {
  'en-US': {
    lang: 'en',
    heading: 'Sign in',
    button: 'Sign in',
    email: 'Email',
    password: 'Password',
    headline: 'Marketing with your people, not just to them',
  },
  'fi-FI': {
    lang: 'fi',
    heading: 'Kirjaudu sisään',
    button: 'Kirjaudu sisään',
    email: 'Sähköposti',
    password: 'Salasana',
    headline: 'Markkinointia yhdessä ihmistesi kanssa, ei vain heille',
  },
} as const;

describe('the sign-in page', () => {
  const cases = (['en-US', 'fi-FI'] as const).flatMap((locale) =>
    (['phone', 'desktop'] as ViewportName[]).map((viewport) => ({ locale, viewport })),
  );

  test.each(cases)(
    'speaks the browser language ($locale) and fits a $viewport',
    async ({ locale, viewport }) => {
      const expected = signInPage[locale];
      const page = await open({ locale, viewport });

      await page.waitForURL('**/login');
      await expectText(page, 'h1', expected.headline);
      await expectText(page, 'h2', expected.heading);
      await expectCount(page.getByRole('button', { name: expected.button }), 1);
      await expectCount(page.getByLabel(expected.email, { exact: true }), 1);
      await expectCount(page.getByLabel(expected.password, { exact: true }), 1);
      expect(await page.getAttribute('html', 'lang')).toBe(expected.lang);
      expect(await page.title()).toBe(`${expected.heading} · Heimo`);
      expect(await horizontalOverflow(page)).toBe(0);
      if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);

      await screenshot(page, `login-${expected.lang}-${viewport}`);
    },
  );

  test('checks the fields before sending anything and puts the focus on the first one to fix', async () => {
    const page = await open({ locale: 'en-US', viewport: 'desktop' });
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expectText(page, '[id$="-error"]', 'Enter your email address.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    expect(await page.locator('input[name="email"]').getAttribute('aria-invalid')).toBe('true');
  });

  test('explains wrong credentials in plain Finnish on a phone', async () => {
    const page = await open({ locale: 'fi-FI', viewport: 'phone' });
    await signIn(page, 'admin@demo.heimo.test', 'not-the-password', 'Kirjaudu sisään');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      'Sähköposti ja salasana eivät täsmää. Tarkista ne ja yritä uudelleen.',
    );
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'login-error-fi-phone');
  });

  test('switches language in the page and remembers the choice after a reload', async () => {
    const page = await open({ locale: 'en-US', viewport: 'phone' });
    await page.getByText('Suomi', { exact: true }).click();

    await page.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    await page.reload();
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('heimo.language'))).toBe('fi');
  });
});

describe('the signed-in shell', () => {
  test('takes the demo admin to People, their home, with the admin navigation, the account menu and sign-out', async () => {
    const page = await open({ locale: 'en-US', viewport: 'desktop' });
    await signIn(page, 'admin@demo.heimo.test', DEMO_PASSWORD, 'Sign in');

    await expectText(page, 'h1', 'People');
    expect(new URL(page.url()).pathname).toBe('/people');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Home',
      'People',
      'Teams',
      'Settings',
      'Integrations',
      'Sign-in',
      'Audit log',
      'Outbox',
    ]);
    // Every admin page exists now: nothing is listed as coming.
    expect(await nav.getByRole('list', { name: 'Coming soon' }).count()).toBe(0);
    expect(await page.title()).toBe('People · Heimo');
    await screenshot(page, 'shell-admin-en-desktop');

    await page.getByRole('button', { name: 'Account menu for Aada Admin' }).click();
    const account = page.getByRole('dialog', { name: 'Account menu for Aada Admin' });
    await account.waitFor();
    expect(await account.innerText()).toContain('admin@demo.heimo.test');
    expect(await account.innerText()).toContain('Administrator');
    await screenshot(page, 'account-menu-en-desktop');

    await account.getByText('Suomi', { exact: true }).click();
    await expectText(page, 'h1', 'Ihmiset');
    await page
      .getByRole('dialog', { name: 'Käyttäjän Aada Admin tilivalikko' })
      .getByRole('button', { name: 'Kirjaudu ulos' })
      .click();
    await page.waitForURL('**/login');
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL('**/login');

    // The switch was saved to the admin's profile: a new browser that says English signs them in in Finnish.
    const elsewhere = await open({ locale: 'en-US', viewport: 'desktop' });
    await expectText(elsewhere, 'h2', 'Sign in');
    await signIn(elsewhere, 'admin@demo.heimo.test', DEMO_PASSWORD, 'Sign in');
    await expectText(elsewhere, 'h1', 'Ihmiset');
    expect(await elsewhere.getAttribute('html', 'lang')).toBe('fi');
    // Switching back there saves English again.
    await elsewhere.getByRole('button', { name: 'Käyttäjän Aada Admin tilivalikko' }).click();
    await elsewhere
      .getByRole('dialog', { name: 'Käyttäjän Aada Admin tilivalikko' })
      .getByText('English', { exact: true })
      .click();
    await expectText(elsewhere, 'h1', 'People');
    const third = await open({ locale: 'fi-FI', viewport: 'desktop' });
    await expectText(third, 'h2', 'Kirjaudu sisään');
    await signIn(third, 'admin@demo.heimo.test', DEMO_PASSWORD, 'Kirjaudu sisään');
    await expectText(third, 'h1', 'People');
  });

  test("follows the member's saved language after sign-in and fits a phone", async () => {
    // The demo advocate saved Finnish; the browser says English and nobody picked a language here.
    const page = await open({ locale: 'en-US', viewport: 'phone' });
    await signIn(page, 'advocate@demo.heimo.test', DEMO_PASSWORD, 'Sign in');

    // The feed is an advocate's home.
    await expectText(page, 'h1', 'Syöte');
    expect(new URL(page.url()).pathname).toBe('/feed');
    await page.locator('main [aria-busy="true"]').waitFor({ state: 'detached' });
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTapTargets(page, 44)).toEqual([]);
    await screenshot(page, 'shell-advocate-fi-phone');

    await page.getByRole('button', { name: 'Avaa valikko' }).click();
    const nav = page.getByRole('navigation', { name: 'Päävalikko' });
    await nav.getByRole('link', { name: 'Etusivu' }).waitFor();
    await settled(nav);
    // Every advocate page exists now: all are links and nothing is listed as coming.
    for (const name of ['Syöte', 'Koulutus', 'Oma vaikutus', 'Profiili'])
      await nav.getByRole('link', { name, exact: true }).waitFor();
    expect(await nav.getByRole('list', { name: 'Tulossa' }).count()).toBe(0);
    await screenshot(page, 'shell-advocate-fi-phone-nav');
  });

  test("uses the member's saved language after sign-in, whatever was picked on the sign-in page", async () => {
    const page = await open({ locale: 'fi-FI', viewport: 'desktop' });
    await page.getByText('English', { exact: true }).click();
    await expectText(page, 'h2', 'Sign in');
    await signIn(page, 'advocate@demo.heimo.test', DEMO_PASSWORD, 'Sign in');

    await expectText(page, 'h1', 'Syöte');
  });

  test('shows a person with several roles the union of their navigation and the home of the first role', async () => {
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const { org } = await ctx.newOrg('Union');
    const member = await ctx.newMember(org.id, { roles: ['advocate', 'curator'], name: 'Carla Curator' });

    const page = await open({ locale: 'en-US', viewport: 'desktop' }, '/somewhere-later');
    await page.waitForURL('**/login?next=%2Fsomewhere-later');
    await signIn(page, member.email, TEST_PASSWORD, 'Sign in');

    // Back where they were going: a page that does not exist yet, said in plain words.
    await expectText(page, 'h1', 'Page not found');
    expect(new URL(page.url()).pathname).toBe('/somewhere-later');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('list', { name: 'Coming soon' }).count()).toBe(0);
    for (const name of ['Feed', 'My impact', 'Studio'])
      await nav.getByRole('link', { name, exact: true }).waitFor();

    await nav.getByRole('link', { name: 'Home' }).click();
    await expectText(page, 'h1', 'Welcome, Carla Curator');
    expect(await page.getByText('your home will be Studio', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
      'Studio and training modules',
      'Your feed',
    ]);
  });
});

const errorPages = {
  'en-US': {
    lang: 'en',
    notAllowed: 'You cannot open this page',
    notFound: 'Page not found',
    home: 'Go to home',
    ended: 'Your session has ended',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
  },
  'fi-FI': {
    lang: 'fi',
    notAllowed: 'Et voi avata tätä sivua',
    notFound: 'Sivua ei löytynyt',
    home: 'Etusivulle',
    ended: 'Istuntosi on päättynyt',
    password: 'Salasana',
    signIn: 'Kirjaudu sisään',
    signOut: 'Kirjaudu ulos',
  },
} as const;

const localeCases = (['en-US', 'fi-FI'] as const).flatMap((locale) =>
  (['phone', 'desktop'] as ViewportName[]).map((viewport) => ({ locale, viewport })),
);

/** A screenshot at 1366 px for the desktop (the profile goes back to its own size after). */
async function shotAt(page: Page, viewport: ViewportName, name: string): Promise<void> {
  if (viewport === 'phone') {
    await screenshot(page, `${name}-phone`);
    return;
  }
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1366, height: 800 });
  await screenshot(page, `${name}-1366`);
  if (size) await page.setViewportSize(size);
}

describe('pages that are not there and pages not for the role', () => {
  test.each(localeCases)(
    'tell an advocate apart, each with a way home ($locale, $viewport)',
    async ({ locale, viewport }) => {
      const words = errorPages[locale];
      const ctx = new TestContext(server.dataSource, server.baseUrl);
      const { org } = await ctx.newOrg(`Errors ${locale} ${viewport}`);
      const advocate = await ctx.newMember(org.id, {
        roles: ['advocate'],
        name: 'Aino Advocate',
        locale: words.lang,
      });
      const page = await open({ locale, viewport }, '/login');
      await signIn(page, advocate.email, TEST_PASSWORD, signInPage[locale].button);
      await page.waitForURL('**/feed');

      // A curator's page: it exists, but not for this role.
      await page.goto(`${server.baseUrl}/studio`);
      await expectText(page, 'h1', words.notAllowed);
      expect(await page.title()).toBe(`${words.notAllowed} · Heimo`);
      expect(await horizontalOverflow(page)).toBe(0);
      if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
      await shotAt(page, viewport, `not-allowed-${words.lang}`);
      await page.getByRole('main').getByRole('link', { name: words.home }).click();
      await page.waitForURL(`${server.baseUrl}/`);

      // An address with nothing at it.
      await page.goto(`${server.baseUrl}/no-such-page`);
      await expectText(page, 'h1', words.notFound);
      expect(await horizontalOverflow(page)).toBe(0);
      await shotAt(page, viewport, `not-found-${words.lang}`);
      await page.getByRole('main').getByRole('link', { name: words.home }).click();
      await page.waitForURL(`${server.baseUrl}/`);
    },
  );
});

describe('when the session ends', () => {
  test.each(localeCases)(
    'asks to sign in again in place and carries on ($locale, $viewport)',
    async ({ locale, viewport }) => {
      const words = errorPages[locale];
      const ctx = new TestContext(server.dataSource, server.baseUrl);
      const { org } = await ctx.newOrg(`Renewal ${locale} ${viewport}`);
      const admin = await ctx.newMember(org.id, {
        roles: ['admin'],
        name: 'Reija Renewal',
        locale: words.lang,
      });
      const page = await open({ locale, viewport }, '/login');
      await signIn(page, admin.email, TEST_PASSWORD, signInPage[locale].button);
      await page.waitForURL('**/people');
      await page.locator('main h1').first().waitFor();
      await page.locator('main [aria-busy="true"]').waitFor({ state: 'detached' });

      // Both cookies gone: the next request finds the session over, and no refresh can save it.
      await page.context().clearCookies();
      await page.evaluate(() => {
        window.history.pushState({}, '', '/settings');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      const dialog = page.getByRole('dialog', { name: words.ended });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
      expect(await horizontalOverflow(page)).toBe(0);
      await shotAt(page, viewport, `session-dialog-${words.lang}`);

      await dialog.getByLabel(words.password, { exact: true }).fill(TEST_PASSWORD);
      await dialog.getByRole('button', { name: words.signIn }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The page that asked carries on: Settings loads, in the shell that never left.
      await page.locator('main h1').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/settings');
      await page.locator('main [aria-busy="true"]').waitFor({ state: 'detached' });
      expect(await page.getByRole('alert').count()).toBe(0);
    },
  );

  test('signing out from the dialog leaves the shell, and the sign-in page brings the person back', async () => {
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const { org } = await ctx.newOrg('Renewal declined');
    const admin = await ctx.newMember(org.id, { roles: ['admin'], name: 'Dani Declines' });
    const page = await open({ locale: 'en-US', viewport: 'desktop' }, '/login');
    await signIn(page, admin.email, TEST_PASSWORD, 'Sign in');
    await expectText(page, 'h1', 'People');

    await page.context().clearCookies();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Sign out' }).click();

    // Nobody is named any more: the sign-in page, which returns to Settings.
    await page.waitForURL('**/login?next=%2Fsettings');
    expect(await page.getByRole('button', { name: 'Account menu for Dani Declines' }).count()).toBe(0);
    await signIn(page, admin.email, TEST_PASSWORD, 'Sign in');
    await expectText(page, 'h1', 'Settings');
  });
});
