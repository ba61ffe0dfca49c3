import { png } from '../support/png';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { horizontalOverflow, screenshot, useJourney } from './browser';

// The phone's share sheet, stubbed: Chromium on Linux has no `navigator.share`. The stub records what
// the page hands it and resolves, or rejects with AbortError (the person closed the sheet) when the
// tab's session storage says so; `canShare` takes images as files, as phones do.
const SHARE_STUB = () => {
  const calls: unknown[] = [];
  Object.defineProperty(window, '__shares', { value: calls, configurable: true });
  Object.defineProperty(Navigator.prototype, 'share', {
    configurable: true,
    value: async (data: ShareData) => {
      calls.push({
        text: data.text ?? null,
        url: data.url ?? null,
        title: data.title ?? null,
        files: (data.files ?? []).map((file) => ({ name: file.name, type: file.type, size: file.size })),
      });
      if (sessionStorage.getItem('share-stub') === 'abort')
        throw new DOMException('Share canceled', 'AbortError');
    },
  });
  Object.defineProperty(Navigator.prototype, 'canShare', {
    configurable: true,
    value: (data: ShareData) => (data.files ?? []).every((file) => file.type.startsWith('image/')),
  });
};

interface SheetCall {
  text: string | null;
  url: string | null;
  title: string | null;
  files: { name: string; type: string; size: number }[];
}

const { server, ctx, openPage } = useJourney({ web: true, workers: false });

/** A published pack with a picture, for X, LinkedIn and Instagram; an advocate to share it. */
async function pictureOrganisation(name: string, locale: 'en' | 'fi' = 'en') {
  const made = await ctx.newOrg(name);
  await server.dataSource.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
    made.org.id,
    JSON.stringify({ disclosure: { hashtag: '#employee', required: true } }),
  ]);
  const upload = await (
    await ctx.signIn(made.curator)
  )
    .post('/api/media')
    .attach('file', png(2, 2, { gradient: true }), { filename: 'summer.png', contentType: 'image/png' });
  expect(upload.status).toBe(201);
  const pack = await newPack(server.dataSource, made.org.id, {
    title: 'Summer is here',
    status: 'published',
    createdById: made.curator.id,
    destinationUrl: 'https://example.com/summer',
    variants: [
      { network: 'x', captionTemplate: 'Summer has come {{link}} {{disclosure}}' },
      { network: 'linkedin', captionTemplate: 'Our summer collection is out. {{link}} {{disclosure}}' },
      { network: 'instagram', captionTemplate: 'Summer colours. {{disclosure}}' },
    ],
  });
  await server.dataSource.query('UPDATE packs SET media_ids = $2 WHERE id = $1', [pack.id, [upload.body.id]]);
  const advocate = await ctx.newMember(made.org.id, { roles: ['advocate'], name: 'Paula Phone', locale });
  return { ...made, pack, advocate };
}

async function signIn(page: Page, email: string, feed = 'Feed'): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.getByRole('heading', { level: 1, name: feed, exact: true }).waitFor();
}

async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await read()) !== expected) {
    if (Date.now() > until) throw new Error(`still not ${String(expected)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sheetCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shares: SheetCall[] }).__shares);

/**
 * The share button once its reservation and picture are ready (it shows progress until then). The
 * card reserves only while it is in view, so it is brought into view first: a full-page screenshot
 * can leave the page scrolled elsewhere.
 */
async function readyButton(card: Locator, name: string): Promise<Locator> {
  const button = card.getByRole('button', { name, exact: true });
  await button.scrollIntoViewIfNeeded();
  await button.and(card.locator('button:not([disabled]):not([data-loading])')).waitFor();
  return button;
}

const codeIn = (text: string | null) => text?.match(/\/r\/([0-9A-Za-z]{10})/)?.[1] ?? '';

async function sharesOf(memberId: string) {
  return (await server.dataSource.query(
    'SELECT code, network FROM shares WHERE member_id = $1 ORDER BY created_at',
    [memberId],
  )) as { code: string; network: string }[];
}

describe('share sheet journey (phone)', () => {
  test('a cancelled sheet records nothing and its code never counts; a share records one; Instagram gets the picture as a file', async () => {
    const { advocate } = await pictureOrganisation('Sheet');
    const { context, page } = await openPage({ locale: 'en-US', viewport: 'phone' });
    await context.addInitScript(SHARE_STUB);
    await signIn(page, advocate.email);
    const card = page.getByRole('listitem', { name: 'Summer is here' });

    // The person closes the sheet: the reservation is released, nothing recorded, the link unknown.
    await page.evaluate(() => sessionStorage.setItem('share-stub', 'abort'));
    await (await readyButton(card, 'Share on X')).click();
    await card.getByRole('status').filter({ hasText: 'Sharing cancelled: nothing was recorded.' }).waitFor();
    const [cancelled] = await sheetCalls(page);
    const cancelledCode = codeIn(cancelled!.text);
    expect(cancelledCode).not.toBe('');
    // The pack has a picture: the sheet got it as a file, whatever the network.
    expect(cancelled!.files).toEqual([
      { name: 'share.png', type: 'image/png', size: png(2, 2, { gradient: true }).length },
    ]);
    await eventually(
      async () => (await request(server.baseUrl).get(`/r/${cancelledCode}`).redirects(0)).status,
      404,
    );
    expect(await sharesOf(advocate.id)).toEqual([]);
    // A new reservation is prepared at once, so the next tap opens the sheet again.
    await readyButton(card, 'Share on X');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'share-sheet-cancelled-en-phone');

    // Shared: the share is confirmed once, with the code the sheet carried.
    await page.evaluate(() => sessionStorage.removeItem('share-stub'));
    await (await readyButton(card, 'Share on X')).click();
    await card.getByRole('status').filter({ hasText: 'Shared on X' }).waitFor();
    await card.getByRole('tab', { name: 'X Shared', exact: true }).waitFor();
    const shared = (await sheetCalls(page))[1]!;
    expect(shared.text).toMatch(/^Summer has come http:\/\/localhost:3000\/r\/[0-9A-Za-z]{10} #employee$/);
    expect(shared.url).toBeNull(); // the caption holds the link already
    expect(await sharesOf(advocate.id)).toEqual([{ code: codeIn(shared.text), network: 'x' }]);

    // Instagram: the caption cannot be prefilled and the picture is the post; the sheet gets both.
    await card.getByRole('tab', { name: 'Instagram', exact: true }).click();
    await (await readyButton(card, 'Share on Instagram')).click();
    await card.getByRole('status').filter({ hasText: 'Shared on Instagram' }).waitFor();
    const instagram = (await sheetCalls(page))[2]!;
    expect(instagram.files).toEqual([
      { name: 'share.png', type: 'image/png', size: png(2, 2, { gradient: true }).length },
    ]);
    expect(instagram.text).toMatch(/^Summer colours\./);
    const shares = await sharesOf(advocate.id);
    expect(shares).toHaveLength(2);
    expect(shares[1]!.network).toBe('instagram');
    expect([instagram.text, instagram.url].join(' ')).toContain(`/r/${shares[1]!.code}`);
    expect(await sheetCalls(page)).toHaveLength(3);
    await readyButton(card, 'Share on Instagram again');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'share-sheet-instagram-en-phone');

    // Only the two confirmed shares count: the cancelled code is gone, others wait unconfirmed.
    const [{ counting }] = (await server.dataSource.query(
      `SELECT count(*)::int AS counting FROM shares WHERE member_id = $1`,
      [advocate.id],
    )) as { counting: number }[];
    expect(counting).toBe(2);
  });

  test('the share sheet speaks Finnish: cancelled, then shared to Instagram with the picture', async () => {
    const { advocate } = await pictureOrganisation('Jakovalikko', 'fi');
    const { context, page } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
    await context.addInitScript(SHARE_STUB);
    await signIn(page, advocate.email, 'Syöte');
    const card = page.getByRole('listitem', { name: 'Summer is here' });
    await card.getByRole('tab', { name: 'Instagram', exact: true }).click();
    await page.evaluate(() => sessionStorage.setItem('share-stub', 'abort'));
    await (await readyButton(card, 'Jaa: Instagram')).click();
    await card.getByRole('status').filter({ hasText: 'Jakaminen peruttiin: mitään ei kirjattu.' }).waitFor();
    await page.evaluate(() => sessionStorage.removeItem('share-stub'));
    await (await readyButton(card, 'Jaa: Instagram')).click();
    await card.getByRole('status').filter({ hasText: 'Puhelimesi jakovalikko lähetti sen.' }).waitFor();
    expect((await sheetCalls(page)).map((call) => call.files.length)).toEqual([1, 1]);
    expect(await sharesOf(advocate.id)).toEqual([{ code: expect.any(String), network: 'instagram' }]);
    await readyButton(card, 'Jaa uudelleen: Instagram');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'share-sheet-instagram-fi-phone');
  });

  test('a desktop keeps the intent links and reserves nothing, even where the browser has a share sheet', async () => {
    const { org, advocate } = await pictureOrganisation('Desk');
    const { context, page } = await openPage({ locale: 'en-US', viewport: 'desktop' });
    await context.addInitScript(SHARE_STUB);
    await signIn(page, advocate.email);
    const card = page.getByRole('listitem', { name: 'Summer is here' });
    await card.getByRole('tab', { name: 'Instagram', exact: true }).click();
    await card.getByRole('button', { name: 'Copy caption for Instagram', exact: true }).waitFor();
    // Long enough for a reservation to have been made, were one to be made.
    await page.waitForTimeout(1_000);
    const [{ n }] = (await server.dataSource.query(
      "SELECT count(*)::int AS n FROM share_reservations WHERE organisation_id = $1 AND idempotency_key <> 'fixture'",
      [org.id],
    )) as { n: number }[];
    expect(n).toBe(0);
  });
});
