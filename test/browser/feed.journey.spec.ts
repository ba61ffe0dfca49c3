import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { png } from '../support/png';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { startTestServer, type TestServer } from '../support/server';
import {
  buildWeb,
  failOnConsoleErrors,
  expectCount,
  horizontalOverflow,
  keepStill,
  launchBrowser,
  loadedImage,
  type PageOptions,
  screenshot,
  screenshotDir,
  smallTapTargets,
  type ViewportName,
  viewports,
  watchConsole,
} from './browser';

// Tracked links carry this address; each browser context sends it to the test server, so the journey
// follows real links without knowing the server's port in advance. The app opens on 127.0.0.1: its
// pictures show because the client loads them from its own origin, under the app's CSP.
const PUBLIC_URL = 'http://go.heimo.test';
// A browser as visitors have it: Chromium's headless user agent is, rightly, counted as a preview.
const VISITOR_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let server: TestServer;
let browser: Browser;
let ctx: TestContext;
let dataDir: string;
let destination: Server;
let destinationUrl: string;
const destinationHits: string[] = [];
const contexts: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  // The click worker must run: the journey waits for the click to be counted.
  if (process.env.HEIMO_WEB_BUILT !== '1') buildWeb();
  dataDir = mkdtempSync(join(tmpdir(), 'heimo-feed-journey-'));
  server = await startTestServer({ web: true, workers: true, env: { PUBLIC_URL, DATA_DIR: dataDir } });
  browser = await launchBrowser();
  ctx = new TestContext(server.dataSource, server.baseUrl);
  // The organisation's own site, where a tracked link lands.
  destination = createServer((request, response) => {
    destinationHits.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Spring at Kevät</title><h1>Spring has come to Kevät</h1>');
  });
  await new Promise<void>((resolve) => destination.listen(0, '127.0.0.1', resolve));
  destinationUrl = `http://127.0.0.1:${(destination.address() as AddressInfo).port}/spring`;
}, 180_000);

const consoleErrors: string[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  failOnConsoleErrors(consoleErrors.splice(0));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (destination) await new Promise((resolve) => destination.close(resolve));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Requests to the public address go to the test server, redirects included, never to the network. */
async function routePublicUrl(context: BrowserContext): Promise<void> {
  await context.route(`${PUBLIC_URL}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({
      url: `${server.baseUrl}${url.pathname}${url.search}`,
      // The browser's own user agent: a visitor's click, not a preview by an HTTP library.
      headers: { ...(await route.request().allHeaders()), 'user-agent': await userAgentOf(route) },
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  });
}

async function userAgentOf(route: Route): Promise<string> {
  return (await route.request().headerValue('user-agent')) ?? VISITOR_AGENT;
}

async function open({ locale, viewport }: PageOptions, path: string): Promise<Page> {
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
  const page = await context.newPage();
  watchConsole(page, consoleErrors);
  contexts.push(context);
  await routePublicUrl(context);
  await page.goto(`${server.baseUrl}${path}`);
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

/** A full-page screenshot from the top, so the sticky header sits where it belongs. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
}

/** What the spring pack's picture shows, as its curator described it. */
const PICTURE_ALT = 'Spring dresses in light fabrics and bright colours on a rail';

/** An organisation that requires `#employee` on every post, with a published spring pack for X and LinkedIn. */
async function springOrganisation(name: string) {
  const made = await ctx.newOrg(name);
  await server.dataSource.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
    made.org.id,
    JSON.stringify({ disclosure: { hashtag: '#employee', required: true } }),
  ]);
  const curatorAgent = await ctx.signIn(made.curator);
  const upload = await curatorAgent.post('/api/media').attach('file', png(2, 2, { gradient: true }), {
    filename: 'spring.png',
    contentType: 'image/png',
  });
  expect(upload.status).toBe(201);
  const described = await curatorAgent.patch(`/api/media/${upload.body.id}`).send({ altText: PICTURE_ALT });
  expect(described.status).toBe(200);
  const pack = await newPack(server.dataSource, made.org.id, {
    title: 'Spring is here',
    status: 'published',
    createdById: made.curator.id,
    destinationUrl,
    variants: [
      { network: 'x', captionTemplate: 'Spring has come to Kevät {{link}} {{disclosure}}' },
      { network: 'linkedin', captionTemplate: 'Our spring collection is out. {{link}} {{disclosure}}' },
      { network: 'instagram', captionTemplate: 'Spring colours at Kevät. {{disclosure}}' },
      { network: 'x', locale: 'fi', captionTemplate: 'Kevät on täällä {{link}} {{disclosure}}' },
      {
        network: 'linkedin',
        locale: 'fi',
        captionTemplate: 'Kevätmallisto on julkaistu. {{link}} {{disclosure}}',
      },
    ],
  });
  await server.dataSource.query(`UPDATE packs SET summary = $2, media_ids = $3 WHERE id = $1`, [
    pack.id,
    'The spring collection: lighter fabrics, brighter colours.',
    [upload.body.id],
  ]);
  return { ...made, pack };
}

describe('feed journey', () => {
  test('an advocate edits a caption and shares on X, a visitor follows the tracked link, and the click shows on My impact', async () => {
    const { org, pack } = await springOrganisation('Kevät');
    const advocate = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Sanni Sharer' });
    await ctx.newProfile(advocate, { network: 'x', handle: '@sanni', audienceSize: 840 });

    // The feed is the advocate's home.
    const page = await open({ locale: 'en-US', viewport: 'phone' }, '/login');
    await signIn(page, advocate.email);
    await heading(page, 'Feed');
    expect(new URL(page.url()).pathname).toBe('/feed');
    const card = page.getByRole('listitem', { name: 'Spring is here' });
    await card.getByText('The spring collection: lighter fabrics, brighter colours.').waitFor();
    await expectCount(card.getByRole('tab'), 3);
    await card.getByRole('tab', { name: 'X', exact: true, selected: true }).waitFor();
    await card.getByRole('tab', { name: 'LinkedIn', exact: true }).waitFor();
    // The pack's picture, loaded from the app's own origin, described by its curator.
    expect(await loadedImage(card.locator('img'))).toEqual({ alt: PICTURE_ALT, width: 2 });
    expect(await card.locator('img').getAttribute('src')).toMatch(/^\/media\/[0-9a-f-]{36}$/);
    const caption = card.getByRole('textbox', { name: 'Caption for X' });
    expect(await caption.inputValue()).toBe('Spring has come to Kevät [link] #employee');
    await checkFits(page, 'phone');
    await shot(page, 'feed-en-phone');

    // The live check uses the organisation's rules: dropping the disclosure is caught before sending.
    await caption.fill('Lighter fabrics, brighter colours — spring at Kevät! [link]');
    await card.getByText('Add the disclosure #employee.').waitFor();
    expect(await card.getByRole('button', { name: 'Share on X' }).isDisabled()).toBe(true);
    await caption.fill(`${'So much to say about spring. '.repeat(10)}[link] #employee`);
    const panel = card.getByRole('tabpanel');
    await panel.locator('[data-testid="caption-counter"][data-over="true"]').waitFor();
    expect(await panel.getByTestId('caption-counter').innerText()).toMatch(/^\d{3} \/ 280 characters$/);
    await shot(page, 'feed-caption-too-long-en-phone');
    await caption.fill('Lighter fabrics, brighter colours — spring at Kevät! [link] #employee');
    await panel.locator('[data-testid="caption-counter"][data-over="false"]').waitFor();

    // One tap: the X tab opens with the final text, tracked link in (x.com is answered here).
    await page
      .context()
      .route('https://x.com/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>X</title><p>Post to X</p>' }),
      );
    const popup = page.waitForEvent('popup');
    await card.getByRole('button', { name: 'Share on X' }).click();
    const xTab = await popup;
    await xTab.waitForURL(/^https:\/\/x\.com\/intent\/tweet\?/);
    const intent = new URL(xTab.url());
    const text = intent.searchParams.get('text') ?? '';
    const trackedUrl = text.match(/http:\/\/go\.heimo\.test\/r\/[0-9A-Za-z]+/)?.[0] ?? '';
    expect(text).toBe(`Lighter fabrics, brighter colours — spring at Kevät! ${trackedUrl} #employee`);
    expect(trackedUrl).not.toBe('');
    await card.getByRole('status').filter({ hasText: 'Shared on X' }).waitFor();
    await card.getByRole('tab', { name: 'X Shared', exact: true }).waitFor();
    await card.getByText('You shared this on X on', { exact: false }).waitFor();
    await checkFits(page, 'phone');
    await shot(page, 'feed-shared-en-phone');

    // LinkedIn takes only the link: the final caption is on the clipboard when its tab opens.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await page.context().route('https://www.linkedin.com/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>LinkedIn</title><p>Share</p>',
      }),
    );
    await card.getByRole('tab', { name: 'LinkedIn', exact: true }).click();
    const linkedinPopup = page.waitForEvent('popup');
    await card.getByRole('button', { name: 'Share on LinkedIn' }).click();
    const linkedinTab = await linkedinPopup;
    await linkedinTab.waitForURL(/^https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?url=/);
    const linkedinLink = new URL(linkedinTab.url()).searchParams.get('url') ?? '';
    expect(linkedinLink).toMatch(/^http:\/\/go\.heimo\.test\/r\/[0-9A-Za-z]+$/);
    expect(linkedinLink).not.toBe(trackedUrl);
    await card.getByRole('status').filter({ hasText: 'Shared on LinkedIn' }).waitFor();
    await card.getByText('The caption is on your clipboard', { exact: false }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `Our spring collection is out. ${linkedinLink} #employee`,
    );
    await linkedinTab.close();

    // Instagram takes no posts from other sites: the caption is copied and the image offered, with the steps.
    await card.getByRole('tab', { name: 'Instagram', exact: true }).click();
    await card.getByRole('button', { name: 'Copy caption for Instagram' }).click();
    const manual = card.getByRole('status').filter({ hasText: 'Shared on Instagram' });
    await manual.waitFor();
    expect(await manual.getByRole('listitem').allInnerTexts()).toEqual([
      'Download the image.',
      'The caption is copied for you (or use Copy caption).',
      'Open Instagram.',
      'Start a new post and add the image.',
      'Paste the caption and publish.',
    ]);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'Spring colours at Kevät. #employee',
    );
    // Downloaded in the app, from its own origin.
    expect(await manual.getByRole('link', { name: 'Download the image' }).getAttribute('href')).toMatch(
      /^\/media\/[0-9a-f-]{36}$/,
    );
    await checkFits(page, 'phone');
    await shot(page, 'feed-manual-en-phone');
    await card.getByRole('tab', { name: 'X Shared', exact: true }).click();

    // A visitor in another browser follows the tracked link to the organisation's page, UTM-tagged.
    const code = trackedUrl.split('/r/')[1] ?? '';
    const visitor = await browser.newContext({ userAgent: VISITOR_AGENT });
    contexts.push(visitor);
    await routePublicUrl(visitor);
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(trackedUrl);
    await visitorPage.getByRole('heading', { name: 'Spring has come to Kevät' }).waitFor();
    const landed = new URL(visitorPage.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(destinationUrl);
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      utm_source: 'x',
      utm_medium: 'advocacy',
      utm_campaign: pack.slug,
      utm_content: code,
    });
    expect(destinationHits).toContain(`${landed.pathname}${landed.search}`);

    // The click worker counts it; then My impact shows it against the share.
    const agent = await ctx.signIn(advocate);
    const deadline = Date.now() + 30_000;
    let clicks = 0;
    while (clicks < 1 && Date.now() < deadline) {
      const mine = await agent.get('/api/me/shares');
      clicks =
        (mine.body.items as { code: string; clicks: number }[]).find((s) => s.code === code)?.clicks ?? 0;
      if (clicks < 1) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(clicks).toBe(1);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'My impact' })
      .click();
    await heading(page, 'My impact');
    // Three shares of the pack: the X one has the click, the LinkedIn one none yet.
    const share = page.getByRole('listitem', { name: 'Spring is here' }).filter({ hasText: trackedUrl });
    await share.waitFor();
    await expectCount(page.getByRole('listitem', { name: 'Spring is here' }), 3);
    const linkedinShare = page.getByRole('listitem').filter({ hasText: linkedinLink });
    expect(await linkedinShare.getByTestId('impact-clicks').innerText()).toBe('0');
    expect(await share.getByTestId('impact-clicks').innerText()).toBe('1');
    expect(await share.getByTestId('impact-unique').innerText()).toBe('1');
    expect(await share.innerText()).toContain('Shared to 840 followers');
    await checkFits(page, 'phone');
    await shot(page, 'impact-en-phone');
  }, 180_000);

  test('an advocate whose training is unfinished sees which modules block sharing', async () => {
    const { org } = await springOrganisation('Lukko');
    const policy = await ctx.newTrainingModule(org.id, {
      title: { en: 'Social media policy', fi: 'Somepolitiikka' },
      requiredFor: { kinds: ['employee'], teamIds: [] },
    });
    await server.dataSource.query(
      `UPDATE organisations SET settings = settings || jsonb_build_object('requiredTrainingModuleIds', $2::jsonb) WHERE id = $1`,
      [org.id, JSON.stringify([policy.id])],
    );
    const newcomer = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Lotta Locked' });
    // Ten newer packs: the spring pack is on the second page of the feed.
    for (let n = 1; n <= 10; n++) {
      const newer = await newPack(server.dataSource, org.id, {
        title: `Weekly news ${n}`,
        status: 'published',
        variants: [{ network: 'x', captionTemplate: `News ${n} {{link}} {{disclosure}}` }],
      });
      await server.dataSource.query(
        `UPDATE packs SET published_at = now() + $2 * interval '1 second' WHERE id = $1`,
        [newer.id, n],
      );
    }

    const page = await open({ locale: 'en-US', viewport: 'phone' }, '/login');
    await signIn(page, newcomer.email);
    await heading(page, 'Feed');
    const banner = page.getByRole('status').filter({ hasText: 'Sharing is locked' });
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Finish this training module to unlock sharing');
    expect(await banner.getByRole('link').allInnerTexts()).toEqual([
      expect.stringContaining('Social media policy'),
    ]);
    await checkFits(page, 'phone');
    await shot(page, 'feed-locked-en-phone');
    const cards = page.locator('main ul > li').filter({ has: page.getByRole('tablist') });
    await page.getByRole('listitem', { name: 'Weekly news 10' }).waitFor();
    await expectCount(cards, 10);
    expect(await page.getByRole('listitem', { name: 'Spring is here' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    const card = page.getByRole('listitem', { name: 'Spring is here' });
    await card.waitFor();
    await expectCount(cards, 11);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Share on X' }).isDisabled()).toBe(true);
    // Under the locked button, the module that unlocks it is a link too.
    expect(await card.innerText()).toContain('Finish this module to share:');
    const lockedLink = card.getByRole('link', { name: 'Social media policy' });
    expect(await lockedLink.getAttribute('href')).toBe(`/training/${policy.id}`);
    await checkFits(page, 'phone');
    await card.screenshot({ path: `${screenshotDir}/feed-locked-card-en-phone.png` });
    await lockedLink.click();
    await heading(page, 'Social media policy');
    expect(new URL(page.url()).pathname).toBe(`/training/${policy.id}`);
    await page.goBack();
    await heading(page, 'Feed');

    await banner.getByRole('link', { name: /Social media policy/ }).click();
    await heading(page, 'Social media policy');
    expect(new URL(page.url()).pathname).toBe(`/training/${policy.id}`);
  }, 120_000);

  test.each([
    [
      'en-US',
      'en',
      'Feed',
      'Share on X again',
      'You have shared this on X already.',
      'earns no share points or reach',
    ],
    [
      'fi-FI',
      'fi',
      'Syöte',
      'Jaa uudelleen: X',
      'Olet jo jakanut tämän palvelussa X.',
      'ei tuo jakopisteitä',
    ],
  ] as const)(
    'an advocate is told before sharing a pack on X again that a re-share earns nothing (%s, phone)',
    async (browserLocale, locale, feedTitle, shareAgain, notice, nothing) => {
      const { org, pack } = await springOrganisation(`Uudelleen ${locale}`);
      const member = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Reijo Resharer', locale });
      const agent = await ctx.signIn(member);
      await agent.post('/api/shares').send({ packId: pack.id, network: 'x' }).expect(201);

      const page = await open({ locale: browserLocale, viewport: 'phone' }, '/login');
      await signIn(page, member.email);
      await heading(page, feedTitle);
      const card = page.getByRole('listitem', { name: 'Spring is here' });
      const credit = card.getByTestId('credit-notice');
      await credit.waitFor();
      expect(await credit.innerText()).toContain(notice);
      expect(await credit.innerText()).toContain(nothing);
      // Sharing again is still possible: it is recorded and its clicks count.
      expect(await card.getByRole('button', { name: shareAgain }).isDisabled()).toBe(false);
      await checkFits(page, 'phone');
      await card.screenshot({ path: `${screenshotDir}/feed-reshare-notice-${locale}-phone.png` });
      await shot(page, `feed-reshare-notice-${locale}-phone`);

      // A network not shared yet says nothing of the kind.
      await card.getByRole('tab', { name: 'LinkedIn', exact: true }).click();
      await card
        .getByRole('tabpanel')
        .getByRole('button', { name: /LinkedIn/ })
        .waitFor();
      await expectCount(card.getByRole('tabpanel').getByTestId('credit-notice'), 0);
    },
    120_000,
  );

  test('the feed reads in Finnish on a phone', async () => {
    const { org } = await springOrganisation('Suomi');
    const member = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Kaisa Käyttäjä', locale: 'fi' });

    const page = await open({ locale: 'fi-FI', viewport: 'phone' }, '/login');
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await signIn(page, member.email);
    await heading(page, 'Syöte');
    const card = page.getByRole('listitem', { name: 'Spring is here' });
    const caption = card.getByRole('textbox', { name: 'Teksti: X' });
    expect(await caption.inputValue()).toBe('Kevät on täällä [link] #employee');
    await card.getByRole('button', { name: 'Jaa: X' }).waitFor();
    // The caption check (twitter-text, Handlebars; the build names its chunk after captionCheck.ts)
    // loads when editing starts, not with the feed: the counter comes with it.
    const loadsCheck = () => scripts.some((path) => path.includes('/captionCheck-'));
    const counter = card.getByRole('tabpanel').getByTestId('caption-counter');
    expect(loadsCheck()).toBe(false);
    expect(await counter.count()).toBe(0);
    await caption.focus();
    expect(await counter.innerText()).toMatch(/^\d+ \/ 280 merkkiä$/);
    expect(loadsCheck()).toBe(true);
    expect(await loadedImage(card.locator('img'))).toEqual({ alt: PICTURE_ALT, width: 2 });
    await checkFits(page, 'phone');
    await shot(page, 'feed-fi-phone');

    await page.getByRole('button', { name: 'Avaa valikko' }).click();
    await page
      .getByRole('navigation', { name: 'Päävalikko' })
      .getByRole('link', { name: 'Oma vaikutus' })
      .click();
    await heading(page, 'Oma vaikutus');
    await page.getByText('Ei vielä jakoja', { exact: true }).waitFor();
    await checkFits(page, 'phone');
    await shot(page, 'impact-empty-fi-phone');
  }, 120_000);

  test('the feed shows its pictures with their descriptions on a wide screen, in English and Finnish', async () => {
    const { org } = await springOrganisation('Leveä');
    for (const [locale, memberLocale, title] of [
      ['en-US', 'en', 'Feed'],
      ['fi-FI', 'fi', 'Syöte'],
    ] as const) {
      const member = await ctx.newMember(org.id, { roles: ['advocate'], locale: memberLocale });
      const page = await open({ locale, viewport: 'desktop' }, '/login');
      await page.setViewportSize({ width: 1366, height: 900 });
      await signIn(page, member.email);
      await heading(page, title);
      const card = page.getByRole('listitem', { name: 'Spring is here' });
      expect(await loadedImage(card.locator('img'))).toEqual({ alt: PICTURE_ALT, width: 2 });
      await checkFits(page, 'desktop');
      await shot(page, `feed-${memberLocale}-1366`);
    }
  }, 120_000);

  test('an edited caption outlives the end of the session: shared after signing in again in place, kept across the sign-in page', async () => {
    const { org } = await springOrganisation('Istunto');
    const advocate = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Ville Välillä' });
    await ctx.newProfile(advocate, { network: 'x', handle: '@ville', audienceSize: 120 });
    const page = await open({ locale: 'en-US', viewport: 'desktop' }, '/login');
    await signIn(page, advocate.email);
    await heading(page, 'Feed');
    const card = page.getByRole('listitem', { name: 'Spring is here' });
    const caption = card.getByRole('textbox', { name: 'Caption for X' });
    const panel = card.getByRole('tabpanel');
    await caption.fill('Written before the break, spring at Kevät [link] #employee');
    await panel.locator('[data-testid="caption-counter"][data-over="false"]').waitFor();

    // The session ends (both cookies gone), then Share: the sign-in dialog, and the same share goes on.
    await page.context().clearCookies();
    await page
      .context()
      .route('https://x.com/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>X</title><p>Post to X</p>' }),
      );
    const popup = page.waitForEvent('popup');
    await card.getByRole('button', { name: 'Share on X' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    const xTab = await popup;
    await xTab.waitForURL(/^https:\/\/x\.com\/intent\/tweet\?/);
    expect(new URL(xTab.url()).searchParams.get('text')).toMatch(
      /^Written before the break, spring at Kevät http:\/\/go\.heimo\.test\/r\/\w+ #employee$/,
    );
    await card.getByRole('status').filter({ hasText: 'Shared on X' }).waitFor();
    await xTab.close();

    // Edited again, and this time the advocate signs out in the dialog: the sign-in page, then the
    // feed with the edit still there.
    await caption.fill('Second thoughts about spring [link] #employee');
    await page.context().clearCookies();
    await card.getByRole('button', { name: 'Share on X again' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login?next=%2Ffeed');
    await signIn(page, advocate.email);
    await heading(page, 'Feed');
    expect(await caption.inputValue()).toBe('Second thoughts about spring [link] #employee');
    await card.getByRole('button', { name: 'Undo my changes' }).waitFor();
  }, 120_000);
});
