// Browser journeys drive Debian's Chromium through playwright-core (no browser download) against the real
// API serving the freshly built web client.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { source as axeSource, type AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { TestContext } from '../support/context';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server';
import { useTestServer } from '../support/use-test-server';

export const repoRoot = join(__dirname, '../..');
export const screenshotDir = join(repoRoot, 'test-results/screenshots');

export const viewports = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof viewports;

/**
 * Debian's Chromium: its headless shell (package chromium-headless-shell, what Playwright itself runs
 * headless), else the full browser. Measured on two cores on 2026-12-07: ten new pages that each load
 * /login cost 9 s of CPU in the headless shell and 25 s in the full browser, and the journeys 194 s
 * against 331 s, with the same pages and screenshots.
 */
export const chromiumPath =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ??
  '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // One renderer process for every page, and none of the browser's own features that a journey
      // never uses: about a tenth less CPU on two cores.
      '--disable-site-isolation-trials',
      '--disable-features=IsolateOrigins,site-per-process,Translate,OptimizationHints,MediaRouter',
      '--renderer-process-limit=1',
    ],
  });
}

/** Builds the web client exactly as `nx build web` does, so the journey never runs a stale dist. */
export function buildWeb(): void {
  for (const args of [
    ['apps/web/scripts/generate-client.mjs'],
    [
      join(repoRoot, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
  ]) {
    const run = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
    if (run.status !== 0)
      throw new Error(`web build failed (${args.join(' ')}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** The app as people get it: the API on a free port serving the built client at the same origin. */
export async function serveApp(): Promise<TestServer> {
  // `npm test` builds the client once before Jest starts; rebuilding here while another journey
  // file serves the same dist (two workers) would empty it under that journey's feet.
  if (process.env.HEIMO_WEB_BUILT !== '1') buildWeb();
  return startTestServer({ web: true, workers: false });
}

export interface PageOptions {
  locale: 'en-US' | 'fi-FI';
  viewport: ViewportName;
  /**
   * Whether the app's service worker may run (default 'block'): only the installed-app journey needs
   * it, and in every other profile it would download the app shell again after each emptying, and
   * answer requests that a journey routes (Playwright does not route a service worker's own fetches).
   */
  serviceWorkers?: 'allow' | 'block';
}

/**
 * Transitions and animations end at once: a spinner or a skeleton that animates has Chromium paint a
 * frame 60 times a second for as long as it shows, which on two cores costs the journeys more than
 * anything they test. What the pages do is unchanged; only how long a change takes to look done.
 */
const STILL = `*, *::before, *::after {
  animation-duration: 0s !important; animation-delay: 0s !important;
  animation-iteration-count: 1 !important;
  transition-duration: 0s !important; transition-delay: 0s !important;
}`;

/** Makes every page of `context` still (see STILL), from its first frame. */
export async function keepStill(context: BrowserContext): Promise<void> {
  await context.addInitScript((css: string) => {
    const add = () => {
      const style = document.createElement('style');
      style.textContent = css;
      (document.head ?? document.documentElement).appendChild(style);
    };
    if (document.documentElement) add();
    else document.addEventListener('readystatechange', add, { once: true });
  }, STILL);
}

/** A fresh browser profile (no cookies, no remembered language) at the given locale and size. */
export async function openPage(
  browser: Browser,
  { locale, viewport, serviceWorkers = 'block' }: PageOptions,
): Promise<{ context: BrowserContext; page: Page }> {
  const phone = viewport === 'phone';
  const context = await browser.newContext({
    serviceWorkers,
    locale,
    viewport: viewports[viewport],
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  await keepStill(context);
  const page = await context.newPage();
  return { context, page };
}

export interface Journey {
  readonly server: TestServer;
  readonly ctx: TestContext;
  /** A fresh browser profile (see `openPage`), emptied after the test (see `useJourney`). */
  openPage(options: PageOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * What a journey may see in the console without failing; anything else written as an error, and
 * every uncaught error, fails the test. Each is Chromium's own line about something outside Heimo:
 * - every 4xx answer ("Failed to load resource: the server responded with a status of 401
 *   (Unauthorized)"): the pages ask for them and handle them (nobody signed in yet, a wrong
 *   password, a field to fix);
 * - the journey's own init script (keepStill), which Playwright adds to every frame, refused in the
 *   outbox's sandboxed e-mail frame, which rightly allows no scripts;
 * - the Cross-Origin-Opener-Policy header ignored on the made-up http addresses some journeys give
 *   as PUBLIC_URL (http://mail.heimo.test): Heimo is served over https or on localhost.
 */
export const ALLOWED_CONSOLE_ERRORS: readonly RegExp[] = [
  /^Failed to load resource: the server responded with a status of 4\d\d\b/,
  /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\.$/,
  /^The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy\./,
];

/** Collects the page's console errors and uncaught errors into `into`, the allowed ones aside. */
export function watchConsole(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (ALLOWED_CONSOLE_ERRORS.some((allowed) => allowed.test(text))) return;
    into.push(`console.error at ${page.url()}: ${text}`);
  });
  page.on('pageerror', (error) => into.push(`uncaught at ${page.url()}: ${error.stack ?? error.message}`));
}

/** Fails the test when `watchConsole` collected anything (journeys that open pages themselves call it after each test). */
export function failOnConsoleErrors(errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`The page wrote errors to the console:\n${errors.join('\n')}`);
}

/**
 * A journey file's set-up: the app (by default as `serveApp` serves it) and Chromium from beforeAll to
 * afterAll, and browser profiles that are fresh for each test. A test whose page writes an error to
 * the console (see ALLOWED_CONSOLE_ERRORS) or throws one uncaught fails after it.
 *
 * A profile a test has used is emptied after it (cookies, permissions, the app's stored data, routes,
 * listeners, other tabs) and handed to a later test that asks for the same locale and size: a new
 * page costs Chromium a quarter of a second of CPU, and the scripts it has compiled once stay in its
 * cache. A profile that cannot be emptied is closed.
 */
export function useJourney(
  options: TestServerOptions | (() => TestServerOptions) = { web: true, workers: false },
): Journey {
  let browser: Browser | undefined;
  // See serveApp: `npm test` builds the client once before Jest starts.
  beforeAll(() => {
    if (process.env.HEIMO_WEB_BUILT !== '1') buildWeb();
  }, 180_000);
  // Declared before the server's: the browser closes first, as its pages are the server's clients.
  afterAll(async () => {
    await browser?.close();
  });
  const { server, ctx } = useTestServer(options);
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);
  type Profile = { key: string; context: BrowserContext; page: Page };
  const idle: Profile[] = [];
  const used: Profile[] = [];
  const consoleErrors: string[] = [];
  afterEach(async () => {
    const errors = consoleErrors.splice(0);
    const inaccessible: string[] = [];
    for (const profile of used.splice(0)) {
      // The page each test ends on is checked too, pictured or not.
      if (
        profile.page.url().startsWith(server.baseUrl) &&
        !profile.page.isClosed() &&
        !(await checkedAsItIs(profile.page))
      ) {
        const violations = await accessibilityViolations(profile.page).catch((error: Error) => [
          `  axe-core could not run: ${error.message}`,
        ]);
        if (violations.length > 0)
          inaccessible.push(`axe-core found violations on ${profile.page.url()}:\n${violations.join('\n')}`);
      }
      try {
        await empty(profile, server.baseUrl);
        idle.push(profile);
      } catch {
        await profile.context.close().catch(() => undefined);
      }
    }
    failOnConsoleErrors(errors);
    if (inaccessible.length > 0) throw new Error(inaccessible.join('\n'));
  });
  return {
    server,
    ctx,
    async openPage(pageOptions) {
      if (!browser) throw new Error('useJourney: the browser runs from beforeAll to afterAll');
      const key = `${pageOptions.locale} ${pageOptions.viewport} ${pageOptions.serviceWorkers ?? 'block'}`;
      const index = idle.findIndex((profile) => profile.key === key);
      const profile =
        index >= 0 ? idle.splice(index, 1)[0] : { key, ...(await openPage(browser, pageOptions)) };
      used.push(profile);
      watchConsole(profile.page, consoleErrors);
      return { context: profile.context, page: profile.page };
    },
  };
}

/**
 * Signs `email` in for every page of `context` through the API (POST /api/auth/login from the
 * profile's own request context, whose cookies the pages share), then opens `path` (/login sends
 * someone signed in to their home): what a person gets from the sign-in page, without filling it in. The sign-in page itself is walked through by the
 * journeys that test it (shell, passwords, people, two-step): every other journey starts signed in.
 * Measured on two cores: a sign-in through /login and the page it lands on costs Chromium about
 * 0.6 s of CPU more than opening the wanted page signed in.
 */
export async function signInByCookie(
  { context, page }: { context: BrowserContext; page: Page },
  baseUrl: string,
  email: string,
  password: string,
  path: string,
): Promise<Page> {
  const response = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email, password } });
  if (response.status() !== 200)
    throw new Error(`sign-in failed for ${email}: ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { member?: unknown };
  if (!body.member) throw new Error(`sign-in for ${email} asked for a second step`);
  await page.goto(`${baseUrl}${path}`);
  return page;
}

/** Leaves a used profile as a new one would be, its HTTP cache aside. */
async function empty(
  { context, page }: { context: BrowserContext; page: Page },
  origin: string,
): Promise<void> {
  for (const other of context.pages()) if (other !== page) await other.close();
  page.removeAllListeners();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  // The tab's session storage outlives navigation, and no CDP storage type covers it.
  if (page.url().startsWith(origin)) await page.evaluate(() => sessionStorage.clear());
  await page.goto('about:blank');
  await context.clearCookies();
  await context.clearPermissions();
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Storage.clearDataForOrigin', {
      origin,
      storageTypes: 'local_storage,indexeddb,cache_storage,service_workers',
    });
  } finally {
    await cdp.detach();
  }
}

/**
 * Takes a full-page screenshot and checks the page as it is with axe-core (see `expectAccessible`):
 * each state a journey pictures is a state it checks.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await expectAccessible(page, name);
  return path;
}

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core: what a tool can tell of WCAG 2.2 AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** What fails a journey: axe's two highest impacts. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * The page's serious and critical axe-core violations of the WCAG A and AA rules, one readable line
 * per rule and element (at most five elements a rule); an empty list when there are none. Frames are
 * left out: the only ones are e-mails shown in the outbox, whose sandbox allows no script.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // axe-core is run in the page itself, put there once per document: `@axe-core/playwright` injects
  // it again at every check and opens a new tab to finish each one, which cost 0.75 s of a check
  // that takes 0.12 s on the sign-in page (measured on two cores, 2026-12-07).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Only violations are wanted: axe then skips listing every element that passes, most of its time.
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe.run(
        { exclude: [['iframe']] },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false },
      ),
    AXE_TAGS,
  );
  await markChecked(page);
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`);
      const more = violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more`] : [];
      return [`  ${violation.id} (${violation.impact}): ${violation.help}`, ...nodes, ...more].join('\n');
    });
}

/**
 * Marks the document as checked by axe-core until anything in it changes (a MutationObserver on the
 * whole document: nodes, attributes, text), so that the check after each test (see `useJourney`)
 * skips a page the test left exactly as it last checked it (most tests end on a screenshot, which
 * checks). A navigation gives a new document, unmarked.
 */
async function markChecked(page: Page): Promise<void> {
  await page.evaluate(() => {
    const marked = window as unknown as { __heimoAxeUnchanged?: boolean; __heimoAxeWatch?: MutationObserver };
    marked.__heimoAxeWatch?.disconnect();
    marked.__heimoAxeUnchanged = true;
    const watch = new MutationObserver(() => {
      marked.__heimoAxeUnchanged = false;
      watch.disconnect();
    });
    watch.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    marked.__heimoAxeWatch = watch;
  });
}

/** Whether axe-core checked the page's document as it is now (see `markChecked`). */
async function checkedAsItIs(page: Page): Promise<boolean> {
  return page
    .evaluate(() => (window as unknown as { __heimoAxeUnchanged?: boolean }).__heimoAxeUnchanged === true)
    .catch(() => false);
}

/** Fails when the page has a serious or critical axe-core violation (see `accessibilityViolations`). */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  const violations = await accessibilityViolations(page);
  if (violations.length > 0)
    throw new Error(`axe-core found violations on ${where} (${page.url()}):\n${violations.join('\n')}`);
}

/** How far the page scrolls sideways; 0 means it fits the viewport. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Visible controls smaller than `minimum` px in either direction, described for a readable failure. */
export function smallTapTargets(page: Page, minimum: number): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type=hidden]), select, textarea, [role="radio"], input[type="radio"] + label',
    );
    const small: string[] = [];
    controls.forEach((control) => {
      const box = control.getBoundingClientRect();
      const style = getComputedStyle(control);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.opacity === '0')
        return;
      if (control instanceof HTMLInputElement && control.type === 'radio') return; // its label is the target
      // A checkbox whose label (a tap on it toggles the box) is a full-height row is a big enough target.
      if (control instanceof HTMLInputElement && control.type === 'checkbox') {
        const label = control.labels?.[0]?.getBoundingClientRect();
        if (label && label.height >= min && label.width >= min) return;
      }
      if (box.width < min || box.height < min) {
        const label = control instanceof HTMLInputElement ? control.labels?.[0]?.textContent?.trim() : null;
        const name =
          control.getAttribute('aria-label') ?? label ?? control.textContent?.trim() ?? control.tagName;
        small.push(
          `${control.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    });
    return small;
  }, minimum);
}

/**
 * Waits (at most `timeoutMs`) until `locator` matches `expected` elements, then asserts it: a page
 * still loading its data on a busy machine is given time, and a failure shows the last count.
 */
export async function expectCount(locator: Locator, expected: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = await locator.count();
  while (count !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    count = await locator.count();
  }
  expect(count).toBe(expected);
}

/**
 * Waits (at most `timeoutMs`) until the image `image` matches has loaded, its bytes decoded (natural
 * width above 0: a blocked or broken picture never gets there), and returns its alt text.
 */
export async function loadedImage(
  image: Locator,
  timeoutMs = 10_000,
): Promise<{ alt: string; width: number }> {
  await image.waitFor({ timeout: timeoutMs });
  const handle = await image.elementHandle();
  await image
    .page()
    .waitForFunction(
      (element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 0,
      handle,
      {
        timeout: timeoutMs,
      },
    );
  return image.evaluate((element: HTMLImageElement) => ({ alt: element.alt, width: element.naturalWidth }));
}
