import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { png } from '../support/png';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import {
  expectCount,
  horizontalOverflow,
  loadedImage,
  type PageOptions,
  screenshot,
  smallTapTargets,
  useJourney,
} from './browser';

/** A news site on loopback: one article with Open Graph tags and its picture. */
let site: Server;
let port = 0;
const PICTURE = png(191, 100, { gradient: true });
beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/img/office.png')
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(PICTURE);
    if (req.url?.startsWith('/news/')) {
      const fi = req.url.includes('uusi');
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html>
<html><head><title>Acme</title>
<meta property="og:title" content="${fi ? 'Uusi toimistomme Kalliossa' : 'Our new office in Kallio'}">
<meta property="og:description" content="${fi ? 'Kuvia uudesta toimistosta: valoa, kasveja ja kahvia.' : 'Photos of the new office: light, plants and coffee.'}">
<meta property="og:image" content="/img/office.png">
<meta property="og:site_name" content="Acme News">
</head><body><h1>Office</h1></body></html>`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: false,
  env: { OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}` },
}));

async function signedIn(options: PageOptions, email: string): Promise<Page> {
  const { page } = await openPage(options);
  if (options.viewport === 'desktop') await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
  return page;
}

/** Pastes `text` into the focused field as the clipboard would (the field's value set beforehand). */
async function paste(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

const WORDS = {
  en: {
    locale: 'en-US',
    viewport: 'desktop',
    article: 'office',
    title: 'Our new office in Kallio',
    summary: 'Photos of the new office: light, plants and coffee.',
    destination: 'Destination link',
    titleField: /^Title/,
    summaryField: 'Summary',
    useBoth: 'Use the title and summary',
    addPicture: 'Add the picture to the pack',
    added: 'The picture is in the pack’s media. Describe it below.',
    alt: 'Description (alt text)',
    altSaved: 'Description saved.',
    network: 'Network',
    addVariant: 'Add variant',
    caption: 'Caption',
    create: 'Create draft',
    feed: 'Feed',
  },
  fi: {
    locale: 'fi-FI',
    viewport: 'phone',
    article: 'uusi-toimisto',
    title: 'Uusi toimistomme Kalliossa',
    summary: 'Kuvia uudesta toimistosta: valoa, kasveja ja kahvia.',
    destination: 'Kohdelinkki',
    titleField: /^Otsikko/,
    summaryField: 'Tiivistelmä',
    useBoth: 'Käytä otsikkoa ja tiivistelmää',
    addPicture: 'Lisää kuva pakettiin',
    added: 'Kuva on paketin medioissa. Kuvaile se alla.',
    alt: 'Kuvaus (vaihtoehtoinen teksti)',
    altSaved: 'Kuvaus tallennettu.',
    network: 'Verkko',
    addVariant: 'Lisää versio',
    caption: 'Teksti',
    create: 'Luo luonnos',
    feed: 'Syöte',
  },
} as const;

describe('link previews in the pack editor', () => {
  for (const language of ['en', 'fi'] as const) {
    const words = WORDS[language];
    const size = words.viewport === 'desktop' ? '1366' : '375';

    test(`(${language}, ${size} px) a curator pastes a link, the preview fills the pack, and the feed card shows its picture`, async () => {
      const { org, curator, advocate } = await ctx.newOrg(`Preview ${language}`);
      await server.dataSource.query('UPDATE members SET locale = $2 WHERE organisation_id = $1', [
        org.id,
        language,
      ]);
      const page = await signedIn({ locale: words.locale, viewport: words.viewport }, curator.email);
      await page.goto(`${server.baseUrl}/studio/packs/new`);
      await page.getByLabel(words.destination, { exact: true }).waitFor();

      // Pasting the link reads the page through the API: its title, summary, site and picture.
      const url = `http://127.0.0.1:${port}/news/${words.article}`;
      await paste(page, words.destination, url);
      const card = page.getByTestId('link-preview');
      await card.getByText(words.title, { exact: true }).waitFor();
      await card.getByText('Acme News').waitFor();
      await card.getByText(words.summary, { exact: true }).waitFor();

      await card.getByRole('button', { name: words.useBoth }).click();
      expect(await page.getByLabel(words.titleField).first().inputValue()).toBe(words.title);
      expect(await page.getByLabel(words.summaryField, { exact: true }).inputValue()).toBe(words.summary);

      // The picture is fetched by the API and stored as pack media, checked as an upload is.
      await card.getByRole('button', { name: words.addPicture }).click();
      await page.getByText(words.added).waitFor();
      const thumbnail = page.getByTestId('media-thumbnail').first();
      expect((await loadedImage(thumbnail)).width).toBe(191);
      const description = page.getByRole('textbox', { name: words.alt }).first();
      await description.fill(language === 'en' ? 'The new office with plants' : 'Uusi toimisto ja kasveja');
      await description.blur();
      await page.getByText(words.altSaved, { exact: true }).first().waitFor();

      // The LinkedIn variant previews as LinkedIn shows it: a link card with the picture at 1.91:1.
      await page.getByRole('textbox', { name: words.network, exact: true }).click();
      await page.getByRole('option', { name: 'LinkedIn', exact: true }).click();
      await page.getByRole('button', { name: words.addVariant }).click();
      await page
        .getByRole('textbox', { name: words.caption, exact: true })
        .fill(`${'Come and see where we work now. '.repeat(6)}{{link}}`);
      const linkCard = page.getByTestId('preview-link-card');
      await linkCard.getByText(words.title, { exact: true }).waitFor();
      const previewPicture = linkCard.getByTestId('preview-image');
      await loadedImage(previewPicture);
      const box = await previewPicture.boundingBox();
      expect(box && Math.abs(box.width / box.height - 1.91)).toBeLessThan(0.05);
      expect(await page.getByTestId('caption-preview-text').getAttribute('data-folded')).toBe('true');
      expect(await horizontalOverflow(page)).toBe(0);
      // A full-page picture from the top, so the sticky header stays where it belongs.
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `link-preview-editor-${language}-${size}`);

      await page.getByRole('button', { name: words.create }).click();
      await page.waitForURL((address) => /\/studio\/packs\/[0-9a-f-]{36}$/.test(address.pathname));
      const [pack] = (await server.dataSource.query(
        'SELECT id, title, summary, destination_url, media_ids FROM packs WHERE organisation_id = $1 AND id = $2',
        [org.id, new URL(page.url()).pathname.split('/').pop()],
      )) as { id: string; title: string; summary: string; destination_url: string; media_ids: string[] }[];
      expect(pack).toMatchObject({ title: words.title, summary: words.summary, destination_url: url });
      expect(pack?.media_ids).toHaveLength(1);

      // Published (the review itself is the studio journey's), the pack's card shows the picture.
      await server.dataSource.query(
        `UPDATE packs SET status = 'published', published_at = now() - interval '1 minute' WHERE id = $1`,
        [pack?.id],
      );
      // A pack without a picture shows the link card instead.
      await newPack(server.dataSource, org.id, {
        title: language === 'en' ? 'Read the whole story' : 'Lue koko juttu',
        status: 'published',
        createdById: curator.id,
        destinationUrl: 'https://news.example.com/story',
        variants: [{ network: 'linkedin', locale: language, captionTemplate: 'Read it {{link}}' }],
      });
      const reader = await signedIn({ locale: words.locale, viewport: words.viewport }, advocate.email);
      await reader.goto(`${server.baseUrl}/feed`);
      await reader.getByRole('heading', { level: 1, name: words.feed }).waitFor();
      const feedCard = reader.getByRole('listitem', { name: words.title });
      const picture = feedCard.getByTestId('feed-picture');
      expect(await loadedImage(picture)).toEqual({
        alt: language === 'en' ? 'The new office with plants' : 'Uusi toimisto ja kasveja',
        width: 191,
      });
      await feedCard.getByText(words.summary).waitFor();
      const textOnly = reader.getByRole('listitem', {
        name: language === 'en' ? 'Read the whole story' : 'Lue koko juttu',
      });
      expect(await textOnly.getByTestId('feed-link-card').innerText()).toMatch(
        language === 'en' ? /^LINK: NEWS\.EXAMPLE\.COM$/i : /^LINKKI: NEWS\.EXAMPLE\.COM$/i,
      );
      await expectCount(textOnly.getByTestId('feed-picture'), 0);
      expect(await horizontalOverflow(reader)).toBe(0);
      if (words.viewport === 'phone') expect(await smallTapTargets(reader, 44)).toEqual([]);
      await screenshot(reader, `link-preview-feed-${language}-${size}`);
    });
  }
});
