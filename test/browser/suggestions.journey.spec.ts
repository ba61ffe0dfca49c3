import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { horizontalOverflow, type PageOptions, screenshot, smallTapTargets, useJourney } from './browser';

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: false,
  env: { NOTIFICATION_TICK_SECONDS: '0' },
}));

/** The brief's two widths: a phone (375 px) and a laptop (1366 px). */
const WIDE = { width: 1366, height: 800 };

async function signedIn(options: PageOptions, email: string, wide = false): Promise<Page> {
  const { page } = await openPage(options);
  if (wide) await page.setViewportSize(WIDE);
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
  return page;
}

async function fits(page: Page, phone: boolean): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (phone) expect(await smallTapTargets(page, 44)).toEqual([]);
}

describe('suggestions', () => {
  test('an advocate suggests a link, the curator accepts it, the advocate sees the pack and their points', async () => {
    const { org, curator } = await ctx.newOrg('Ehdotus');
    // The fixture's suggestion is not this journey's.
    await server.dataSource.query('DELETE FROM suggestions WHERE organisation_id = $1', [org.id]);
    const advocate = await ctx.newMember(org.id, {
      roles: ['advocate'],
      name: 'Aino Advocate',
      locale: 'en',
    });

    // 375 px, English: from the feed to the form; a link with a password is refused at its field.
    const phone = await signedIn({ locale: 'en-US', viewport: 'phone' }, advocate.email);
    await phone.goto(`${server.baseUrl}/feed`);
    await phone.getByRole('link', { name: 'Suggest a link' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Suggest a link' }).waitFor();
    const link = phone.getByLabel('Link', { exact: false }).first();
    await link.fill('https://aino:secret@example.com/office');
    await phone.getByRole('button', { name: 'Send suggestion' }).click();
    await phone.getByText('The link must not contain a user name or password.').waitFor();
    expect(await link.getAttribute('aria-invalid')).toBe('true');
    await link.fill('https://example.com/new-office');
    await phone
      .getByLabel('Note for the curators')
      .fill('Photos of our new Tampere office: bright and green.');
    await phone.getByRole('button', { name: 'Send suggestion' }).click();
    await phone.getByText('Thank you! The curators will look at your suggestion.').waitFor();
    await phone
      .getByRole('listitem')
      .filter({ hasText: 'example.com/new-office' })
      .getByText('Waiting')
      .waitFor();
    await phone.getByText('You can suggest 4 more links today.').waitFor();
    await fits(phone, true);
    await screenshot(phone, 'suggest-link-en-375');

    // 1366 px: the curator's queue in the studio; accept with a thank-you note.
    const desk = await signedIn({ locale: 'en-US', viewport: 'desktop' }, curator.email, true);
    await desk.getByRole('link', { name: 'Suggestions' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Suggestions' }).waitFor();
    const card = desk.getByRole('listitem').filter({ hasText: 'example.com/new-office' });
    await card.getByText('From Aino Advocate').waitFor();
    await screenshot(desk, 'suggestions-queue-en-1366');
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByLabel('Thank-you note (optional)').fill('Lovely pictures, thank you!');
    await fits(desk, false);
    await card.getByRole('button', { name: 'Accept and make a draft' }).click();
    // The suggestion leaves the pending list; what became of it is said above the list.
    const outcome = desk.getByRole('status').filter({ hasText: 'Accepted: a draft pack is ready' });
    await outcome.waitFor();
    await expect(card.count()).resolves.toBe(0);
    await screenshot(desk, 'suggestion-accepted-en-1366');
    await outcome.getByRole('link', { name: 'Open the draft' }).click();
    await desk.waitForURL(/\/studio\/packs\/[0-9a-f-]{36}$/);
    const packId = desk.url().split('/').pop()!;
    await desk.getByRole('textbox', { name: /Title/ }).first().waitFor();
    expect(await desk.getByRole('textbox', { name: /Title/ }).first().inputValue()).toBe('example.com');
    await screenshot(desk, 'suggestion-draft-en-1366');

    // The curator writes the caption and publishes (the studio journey covers that editor); here
    // straight in the database, so this journey stays on suggestions.
    await server.dataSource.query(
      `INSERT INTO pack_variants (pack_id, organisation_id, network, locale, caption_template, position)
       VALUES ($1, $2, 'linkedin', 'fi', 'Uusi toimistomme Tampereella {{link}}', 0)`,
      [packId, org.id],
    );
    await server.dataSource.query(
      `UPDATE packs SET title = 'Uusi toimisto Tampereella', status = 'published', published_at = now() WHERE id = $1`,
      [packId],
    );

    // The advocate reads Heimo in Finnish from now on (a profile setting).
    await server.dataSource.query(`UPDATE members SET locale = 'fi' WHERE id = $1`, [advocate.id]);
    // 375 px, Finnish: the advocate's suggestion is accepted, with the points and the pack in the feed.
    const fi = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, advocate.email);
    await fi.goto(`${server.baseUrl}/suggest`);
    await fi.getByRole('heading', { level: 1, name: 'Ehdota linkkiä' }).waitFor();
    const mine = fi.getByRole('listitem').filter({ hasText: 'example.com/new-office' });
    await mine.getByText('Hyväksytty').waitFor();
    await mine.getByText('Cora Curator teki siitä paketin. Ansaitsit 15 pistettä.').waitFor();
    await mine.getByText('Paketti on nyt syötteessäsi.').waitFor();
    await mine.getByText('Viesti henkilöltä Cora Curator: ”Lovely pictures, thank you!”').waitFor();
    await fits(fi, true);
    await screenshot(fi, 'suggest-accepted-fi-375');
    const impact = await fi.evaluate(async () => {
      const res = await fetch('/api/me/impact?period=all', { credentials: 'include' });
      return (await res.json()) as { figures: { points: { value: number } } };
    });
    expect(impact.figures.points.value).toBe(15);
    await mine.getByRole('link', { name: 'Avaa syöte' }).click();
    await fi.getByRole('heading', { level: 1, name: 'Syöte' }).waitFor();
    await fi.getByText('Uusi toimisto Tampereella').first().waitFor();
    await screenshot(fi, 'suggest-pack-in-feed-fi-375');

    // 1366 px: the accepted suggestion in the curator's list of accepted ones.
    await desk.goto(`${server.baseUrl}/studio/suggestions`);
    await desk
      .locator('label')
      .filter({ hasText: /^Accepted$/ })
      .click();
    await desk.getByText(/Accepted by Cora Curator/).waitFor();
  });

  test('a page shared from another app opens a prefilled suggestion, after sign-in when signed out', async () => {
    const { org, advocate } = await ctx.newOrg('Jako');
    await server.dataSource.query('DELETE FROM suggestions WHERE organisation_id = $1', [org.id]);
    // The manifest's share target, as a phone's share sheet opens it: the link inside the text.
    const target = `/suggest?${new URLSearchParams({
      title: 'Acme News',
      text: 'Our new office https://example.com/shared-office',
    })}`;
    const { page } = await openPage({ locale: 'en-US', viewport: 'phone' });
    await page.goto(`${server.baseUrl}${target}`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('input[name="email"]').fill(advocate.email);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByRole('heading', { level: 1, name: 'Suggest a link' }).waitFor();
    await page.getByText('Shared from another app: check the link and the note, then send.').waitFor();
    const link = page.getByLabel('Link', { exact: false }).first();
    expect(await link.inputValue()).toBe('https://example.com/shared-office');
    expect(await page.getByLabel('Note for the curators').inputValue()).toBe('Acme News — Our new office');
    // The shared values are in the form: the address no longer carries them.
    expect(new URL(page.url()).search).toBe('');
    await fits(page, true);
    await screenshot(page, 'suggest-shared-en-375');
    await page.getByRole('button', { name: 'Send suggestion' }).click();
    await page.getByText('Thank you! The curators will look at your suggestion.').waitFor();
    const [stored] = (await server.dataSource.query(
      'SELECT url, note FROM suggestions WHERE organisation_id = $1',
      [org.id],
    )) as { url: string; note: string }[];
    expect(stored).toEqual({ url: 'https://example.com/shared-office', note: 'Acme News — Our new office' });

    // A foreign link shared in is refused at its field before anything is sent.
    await page.goto(`${server.baseUrl}/suggest?url=${encodeURIComponent('javascript:alert(1)')}`);
    await page.getByText('Shared from another app: check the link and the note, then send.').waitFor();
    expect(await link.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Send suggestion' }).click();
    expect(
      (
        (await server.dataSource.query(
          'SELECT count(*)::int AS n FROM suggestions WHERE organisation_id = $1',
          [org.id],
        )) as { n: number }[]
      )[0]!.n,
    ).toBe(1);
  });

  test('a curator declines with a note the advocate reads', async () => {
    const { org, curator, advocate } = await ctx.newOrg('Hylkäys');
    await server.dataSource.query(
      `UPDATE suggestions SET url = 'https://example.com/old-news' WHERE organisation_id = $1`,
      [org.id],
    );
    await server.dataSource.query(`UPDATE members SET locale = 'fi' WHERE id = $1`, [curator.id]);
    const page = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, curator.email);
    await page.goto(`${server.baseUrl}/studio/suggestions`);
    const card = page.getByRole('listitem').filter({ hasText: 'example.com/old-news' });
    await card.getByRole('button', { name: 'Hylkää' }).click();
    await card.getByRole('button', { name: 'Hylkää' }).click();
    await card.getByText('Kirjoita lyhyt viesti.').waitFor();
    await card.getByLabel('Miksi ei (ehdottaja näkee tämän)').fill('Jaoimme tämän jo viime viikolla.');
    await fits(page, true);
    await screenshot(page, 'suggestion-decline-fi-375');
    await card.getByRole('button', { name: 'Hylkää' }).click();
    await page.getByText('Hylätty: ehdottaja näkee viestisi').waitFor();
    await page.getByText('Ei ehdotuksia.').waitFor();

    const mine = await signedIn({ locale: 'en-US', viewport: 'desktop' }, advocate.email, true);
    await mine.goto(`${server.baseUrl}/suggest`);
    await mine.getByText('Note from Cora Curator: “Jaoimme tämän jo viime viikolla.”').waitFor();
    await mine.getByText('Declined').first().waitFor();
    await screenshot(mine, 'suggest-declined-en-1366');
  });

  test('the studio filters packs by hashtag and network and duplicates one', async () => {
    const { org, curator } = await ctx.newOrg('Arkisto');
    const pack = await newPack(server.dataSource, org.id, {
      title: 'Spring launch',
      // In review: the studio opens on its review queue.
      status: 'in_review',
      variants: [{ network: 'x' }],
    });
    await server.dataSource.query(`UPDATE packs SET hashtags = '{Spring}' WHERE id = $1`, [pack.id]);
    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, curator.email);
    await page.goto(`${server.baseUrl}/studio`);
    await page.getByLabel('Hashtag').fill('spring');
    await page.getByLabel('Network').selectOption('x');
    await page.getByRole('link', { name: 'Spring launch' }).waitFor();
    await page.getByLabel('Hashtag').fill('autumn');
    await page.getByText('No packs in this state.').waitFor();
    await page.getByLabel('Hashtag').fill('#SPRING');
    await page.getByRole('link', { name: 'Spring launch' }).waitFor();
    await fits(page, true);
    await screenshot(page, 'studio-filters-en-375');
    await page.getByRole('button', { name: 'Duplicate “Spring launch” as a new draft' }).click();
    await page.waitForURL(
      (url) => /\/studio\/packs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(pack.id),
    );
    await page.getByText('Draft', { exact: true }).first().waitFor();
  });
});
