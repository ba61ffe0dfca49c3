// The installed app on a phone: Chromium finds nothing missing to install it, its service worker
// runs, and the feed and My impact open without a network after one visit, saying they are offline
// and how old what they show is. A new release is offered with a reload. Signing out forgets what
// was kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { repoRoot, screenshot, useJourney } from './browser';

const { server, ctx, openPage } = useJourney();

const UPDATE_READY = 'A new version of Heimo is ready';
const NEXT_RELEASE = '// the next release';
const dist = join(repoRoot, 'apps/web/dist');

/**
 * Runs `during` while the built service worker (and its precompressed copies, which the server sends
 * first) is one byte-different, as after a deployment; puts the build's own back afterwards.
 */
async function releaseNewServiceWorker(during: () => Promise<void>): Promise<void> {
  const files = ['sw.js', 'sw.js.br', 'sw.js.gz'].map((name) => join(dist, name));
  const saved = files.map((path) => (existsSync(path) ? readFileSync(path) : null));
  const next = Buffer.from(`${readFileSync(files[0], 'utf8')}\n${NEXT_RELEASE}\n`);
  writeFileSync(files[0], next);
  if (saved[1]) writeFileSync(files[1], brotliCompressSync(next));
  if (saved[2]) writeFileSync(files[2], gzipSync(next));
  try {
    await during();
  } finally {
    files.forEach((path, index) => {
      const original = saved[index];
      if (original) writeFileSync(path, original);
    });
  }
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

it('the app installs on a phone and reads the feed and My impact offline after one visit', async () => {
  const made = await ctx.newOrg('Kevät');
  await newPack(server.dataSource, made.org.id, {
    title: 'Spring is here',
    status: 'published',
    createdById: made.curator.id,
    destinationUrl: 'https://kevat.example.com/spring',
    variants: [{ network: 'linkedin', captionTemplate: 'Our spring collection is out. {{link}}' }],
  });
  const { context, page } = await openPage({ locale: 'en-US', viewport: 'phone', serviceWorkers: 'allow' });

  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(made.advocate.email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/feed');
  await page.getByText('Spring is here').first().waitFor();

  // The service worker is installed, active, and controls the page.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${server.baseUrl}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Chromium's own check: nothing stands between the app and its installation.
  const cdp = await context.newCDPSession(page);
  try {
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${server.baseUrl}/manifest.webmanifest`);
    // In the phone's share sheet once installed: a shared page opens a suggestion of its link.
    expect(JSON.parse(manifest.data ?? '{}').share_target).toEqual({
      action: '/suggest',
      method: 'GET',
      enctype: 'application/x-www-form-urlencoded',
      params: { title: 'title', text: 'text', url: 'url' },
    });
  } finally {
    await cdp.detach();
  }

  // The rest of the one visit, now through the service worker: the feed, then My impact.
  await page.reload();
  await page.getByText('Spring is here').first().waitFor();
  await page.goto(`${server.baseUrl}/impact`);
  await heading(page, 'My impact');
  expect(await page.getByText(/^Offline — as of /).count()).toBe(0);

  // No network: the app opens from its cache, says so, and shows what it kept.
  await context.setOffline(true);
  try {
    await page.goto(`${server.baseUrl}/feed`);
    await page.getByText('Spring is here').first().waitFor();
    await page.getByText(/^Offline — as of /).waitFor();
    await screenshot(page, 'offline-feed-en-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'My impact' }).first().click();
    await heading(page, 'My impact');
    await page.getByText(/^Offline — as of /).waitFor();
  } finally {
    await context.setOffline(false);
  }

  // Back online, the note goes with the first fresh answer.
  await page.goto(`${server.baseUrl}/feed`);
  await page.getByText('Spring is here').first().waitFor();
  expect(await page.getByText(/^Offline — as of /).count()).toBe(0);
  expect(await page.getByText(UPDATE_READY).count()).toBe(0);

  // A new release: the page offers to reload, and the reload runs the new version.
  await releaseNewServiceWorker(async () => {
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.getByText(UPDATE_READY).waitFor();
    await screenshot(page, 'update-ready-en-phone');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
    await page.getByText('Spring is here').first().waitFor();
    expect(await page.getByText(UPDATE_READY).count()).toBe(0);
    const script = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const active = registration?.active;
      return {
        waiting: registration?.waiting ?? null,
        controlled: navigator.serviceWorker.controller?.scriptURL === active?.scriptURL,
        source: await (await fetch('/sw.js', { cache: 'no-store' })).text(),
      };
    });
    expect(script.waiting).toBeNull();
    expect(script.controlled).toBe(true);
    expect(script.source).toContain(NEXT_RELEASE);
  });

  // Signing out forgets the kept answers.
  expect(await page.evaluate(() => caches.has('heimo-data'))).toBe(true);
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await page.waitForFunction(async () => !(await caches.has('heimo-data')));
});
