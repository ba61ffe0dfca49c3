import { crc32, deflateSync } from 'node:zlib';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Page } from 'playwright-core';
import twitterText from 'twitter-text';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { CLOCK_ONLY, passTimeTo } from '../support/clock';
import { TEST_PASSWORD } from '../support/context';
import {
  horizontalOverflow,
  loadedImage,
  screenshot,
  signInByCookie,
  type PageOptions,
  useJourney,
} from './browser';

// Unlike the default journey, this one needs the workers: the scheduled publish runs on the queue.
// PUBLIC_URL keeps its default (http://localhost:3000) while the pages open on 127.0.0.1 and another
// port: pictures show only when the client loads them from its own origin.
const { server, ctx, openPage } = useJourney({ web: true, workers: true });
afterEach(() => jest.useRealTimers());

/** Opens `path` signed in as `email` (through the API: the sign-in page is the shell journey's). */
async function signedIn(options: PageOptions, email: string, path: string): Promise<Page> {
  return signInByCookie(await openPage(options), server.baseUrl, email, TEST_PASSWORD, path);
}

/** A valid 2×2 PNG built here, so the upload is a real image the API can read. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function addVariant(page: Page, network: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Network', exact: true }).click();
  await page.getByRole('option', { name: network, exact: true }).click();
  await page.getByRole('button', { name: 'Add variant' }).click();
  await page.getByRole('tab', { name: `${network} · EN`, selected: true }).waitFor();
}

async function statusIs(page: Page, label: string): Promise<void> {
  await page.locator('main').getByText(label, { exact: true }).first().waitFor();
}

describe('studio journey', () => {
  test('curator A writes and submits a pack, curator B approves it with a publish time, and it publishes', async () => {
    const { org, curator: author } = await ctx.newOrg('Studio');
    const reviewer = await ctx.newMember(org.id, { roles: ['curator'], name: 'Risto Reviewer' });
    // Four-eyes is the default; say so, so the journey does not depend on it.
    await server.dataSource.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
      org.id,
      JSON.stringify({ fourEyesApproval: true }),
    ]);

    // Curator A: the studio is their home.
    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, author.email, '/login');
    await page.getByRole('heading', { level: 1, name: 'Studio', exact: true }).waitFor();
    await page.getByRole('link', { name: 'New pack' }).click();
    await page.getByRole('heading', { level: 1, name: 'New pack', exact: true }).waitFor();

    await page.getByLabel(/^Title/).fill('Spring launch');
    await page.getByLabel('Summary').fill('Our spring collection is out.');
    await page.getByLabel('Destination link').fill('https://example.com/spring');
    await page.getByLabel('Hashtags').fill('#spring #launch');

    await addVariant(page, 'LinkedIn');
    await page
      .getByRole('textbox', { name: 'Caption', exact: true })
      .fill('Proud of the team. {{link}} {{hashtags}} {{disclosure}}');

    await addVariant(page, 'X');
    const counter = page.getByTestId('caption-counter');
    await page
      .getByRole('textbox', { name: 'Caption', exact: true })
      .fill(`${'Too many words here. '.repeat(16)}{{link}}`);
    await page.locator('[data-testid="caption-counter"][data-over="true"]').waitFor();
    // Red: Mantine's red text colour, and a caption field marked invalid.
    expect(await counter.getAttribute('style')).toContain('--mantine-color-red');
    expect(await counter.textContent()).toMatch(/^\d+ \/ 280 characters$/);
    expect(
      await page.getByRole('textbox', { name: 'Caption', exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    await screenshot(page, 'studio-x-too-long');
    await page
      .getByRole('textbox', { name: 'Caption', exact: true })
      .fill('It is out! {{link}} {{disclosure}}');
    await page.locator('[data-testid="caption-counter"][data-over="false"]').waitFor();

    await addVariant(page, 'Pinterest');
    await page.getByLabel('Post title').fill('Spring collection');
    await page.getByRole('textbox', { name: 'Caption', exact: true }).fill('The spring collection. {{link}}');
    await page.getByRole('tabpanel').locator('input[type="file"]').setInputFiles({
      name: 'pin.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await page.getByRole('tabpanel').getByText('1 file attached').waitFor();
    // The picture shows as a thumbnail; its description is written here and saved on leaving the field.
    const pin = page.getByRole('tabpanel').getByTestId('media-thumbnail');
    expect(await loadedImage(pin)).toEqual({ alt: 'Picture not described yet: pin.png', width: 2 });
    await page
      .getByRole('tabpanel')
      .getByText('Not described yet: describe it before submitting for review.')
      .waitFor();
    const description = page.getByRole('tabpanel').getByRole('textbox', { name: 'Description (alt text)' });
    await description.fill('Spring dresses in pastel colours on a rail');
    await description.blur();
    await page.getByRole('tabpanel').getByText('Description saved.', { exact: true }).waitFor();
    expect((await loadedImage(pin)).alt).toBe('Spring dresses in pastel colours on a rail');
    // The post's preview shows the same picture, described the same.
    expect(await loadedImage(page.getByTestId('caption-preview').locator('img'))).toEqual({
      alt: 'Spring dresses in pastel colours on a rail',
      width: 2,
    });
    await screenshot(page, 'studio-editor-pinterest');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page
      .getByRole('button', { name: 'Submit for review' })
      .click({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, 'studio-create-failed');
        throw error;
      });
    expect(new URL(page.url()).pathname).toMatch(/^\/studio\/packs\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Withdraw' }).waitFor();
    await statusIs(page, 'In review');
    await page.getByText('Submitted for review', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0); // four-eyes
    await screenshot(page, 'studio-submitted');

    // Curator B: the review queue comes first.
    const second = await signedIn({ locale: 'en-US', viewport: 'phone' }, reviewer.email, '/login');
    await second.getByRole('heading', { level: 1, name: 'Studio', exact: true }).waitFor();
    await second.getByRole('link', { name: 'Spring launch' }).waitFor();
    expect(await horizontalOverflow(second)).toBe(0);
    await screenshot(second, 'studio-review-queue-phone');
    await second.getByRole('link', { name: 'Spring launch' }).click();
    await second.getByRole('heading', { level: 1, name: 'Spring launch' }).waitFor();
    expect(await horizontalOverflow(second)).toBe(0);
    // The reviewer sees the picture they approve, with its description.
    await second.getByRole('tab', { name: 'Pinterest · EN' }).click();
    expect(await loadedImage(second.getByRole('tabpanel').getByTestId('media-thumbnail'))).toEqual({
      alt: 'Spring dresses in pastel colours on a rail',
      width: 2,
    });
    await screenshot(second, 'studio-review-picture-phone');
    const publishAt = await second.evaluate(() => {
      const at = new Date(Date.now() + 12_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
    });
    await second.getByLabel('Publish at').fill(publishAt);
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    await second.getByText('Saved.', { exact: true }).waitFor();
    await second.getByRole('button', { name: 'Approve' }).click();
    await second.getByText('Approved', { exact: true }).first().waitFor();
    await second.getByRole('button', { name: 'Publish now' }).waitFor();
    await second.getByTestId('editing-notice').getByText('This pack is approved').waitFor();
    // A content change to an approved pack is announced before saving: it goes back to review.
    const summary = second.getByLabel('Summary');
    await summary.fill('Our spring collection is out. Come and see.');
    await second
      .getByTestId('back-to-review')
      .getByText(/Saving these changes sends the approved pack back to review/)
      .waitFor();
    expect(await horizontalOverflow(second)).toBe(0);
    await screenshot(second, 'studio-approved-save-warns-phone');
    await summary.fill('Our spring collection is out.');
    await second.getByTestId('back-to-review').waitFor({ state: 'detached' });
    await screenshot(second, 'studio-approved-phone');

    // The queue publishes it at its time: the clock moves past it and the due job runs now, as BullMQ's
    // timer would have run it; reload until it shows (at most ~25 s).
    jest.useFakeTimers(CLOCK_ONLY);
    await passTimeTo(server.app.get<Queue>(getQueueToken(QueueName.Packs)), Date.now() + 15_000);
    const deadline = Date.now() + 25_000;
    for (;;) {
      await second.reload();
      await second.getByRole('heading', { level: 1, name: 'Spring launch' }).waitFor();
      if ((await second.getByText('Published', { exact: true }).count()) > 0) break;
      if (Date.now() > deadline) throw new Error('the pack was not published in time');
      await second.waitForTimeout(2_000);
    }
    expect(await horizontalOverflow(second)).toBe(0);
    // A published pack takes only a new expiry (the domain's editable-fields rule, as the API holds it).
    // Read-only (still readable and focusable), with the reason and the way on.
    expect(await second.getByRole('textbox', { name: /^Title/ }).isEditable()).toBe(false);
    expect(await second.getByLabel('Destination link').isEditable()).toBe(false);
    expect(await second.getByLabel('Publish at').isEditable()).toBe(false);
    expect(await second.getByLabel('Expire at').isEditable()).toBe(true);
    const notice = second.getByTestId('editing-notice');
    await notice.getByText('This pack is published: only its expiry can change').waitFor();
    await notice.getByText(/archive it and make a new pack/).waitFor();
    await screenshot(second, 'studio-published-phone');
  }, 150_000);

  test('the editor shows the pack’s pictures with their descriptions, in English and Finnish, on a phone and a wide screen', async () => {
    const { org, curator } = await ctx.newOrg('Pictures');
    const finn = await ctx.newMember(org.id, { roles: ['curator'], name: 'Kaisa Kuraattori', locale: 'fi' });
    const api = await ctx.signIn(curator);
    const upload = await api.post('/api/media').attach('file', tinyPng(), {
      filename: 'dresses.png',
      contentType: 'image/png',
    });
    expect(upload.status).toBe(201);
    const altText = 'Spring dresses in pastel colours on a rail';
    expect((await api.patch(`/api/media/${upload.body.id}`).send({ altText })).status).toBe(200);
    const created = await api.post('/api/packs').send({
      title: 'Spring dresses',
      destinationUrl: 'https://example.com/spring',
      mediaIds: [upload.body.id],
      variants: [{ network: 'linkedin', locale: 'en', captionTemplate: 'New in {{link}}' }],
    });
    expect(created.status).toBe(201);

    for (const [locale, member, label] of [
      ['en-US', curator, 'Description (alt text)'],
      ['fi-FI', finn, 'Kuvaus (vaihtoehtoinen teksti)'],
    ] as const) {
      for (const viewport of ['phone', 'desktop'] as const) {
        const profile = await openPage({ locale, viewport });
        const { page } = profile;
        const wide = viewport === 'desktop';
        if (wide) await page.setViewportSize({ width: 1366, height: 900 });
        try {
          await signInByCookie(
            profile,
            server.baseUrl,
            member.email,
            TEST_PASSWORD,
            `/studio/packs/${created.body.id}`,
          );
          await page.getByRole('heading', { level: 1, name: 'Spring dresses' }).waitFor();
          expect(await loadedImage(page.getByTestId('media-thumbnail'))).toEqual({ alt: altText, width: 2 });
          expect(await page.getByRole('textbox', { name: label }).inputValue()).toBe(altText);
          expect(await horizontalOverflow(page)).toBe(0);
          await screenshot(page, `studio-media-${locale.slice(0, 2)}-${wide ? '1366' : '375'}`);
        } finally {
          // The profile goes back to the next test at its own size.
          if (wide) await page.setViewportSize({ width: 1280, height: 800 });
        }
      }
    }
  }, 120_000);

  test('live rule checks with the organisation’s rules, a stale save reloaded without loss, and a rejection with a comment', async () => {
    const { org, curator: author } = await ctx.newOrg('Rules');
    const reviewer = await ctx.newMember(org.id, {
      roles: ['curator'],
      name: 'Risto Reviewer',
      locale: 'fi',
    });
    // Disclosure required, one blocked term, and only LinkedIn and X enabled; four-eyes on.
    const admin = await ctx.signIn(await ctx.newMember(org.id, { roles: ['admin'] }));
    const loaded = (await admin.get('/api/organisation/settings')).body;
    const savedSettings = await admin.put('/api/organisation/settings').send({
      version: loaded.version,
      name: loaded.name,
      timezone: loaded.timezone,
      defaultLocale: loaded.defaultLocale,
      settings: {
        ...loaded.settings,
        disclosure: { hashtag: '#employee', required: true },
        blockedTerms: ['secret'],
        enabledNetworks: ['x', 'linkedin'],
        fourEyesApproval: true,
      },
    });
    expect(savedSettings.status).toBe(200);
    const authorApi = await ctx.signIn(author);
    const rules = (await authorApi.get('/api/organisation/sharing-rules')).body;
    const created = await authorApi.post('/api/packs').send({
      title: 'Autumn event',
      summary: 'Join us in October.',
      destinationUrl: 'https://example.com/autumn',
      hashtags: ['autumn'],
      audienceKinds: ['employee'],
      variants: [
        { network: 'linkedin', locale: 'en', captionTemplate: 'See you there {{link}} {{disclosure}}' },
        { network: 'x', locale: 'en', captionTemplate: 'Autumn event {{link}} {{disclosure}}' },
      ],
    });
    expect(created.status).toBe(201);
    const packPath = `/studio/packs/${created.body.id}`;

    // Curator A (the author): only the enabled networks are offered, and every rule is checked as typed.
    const profile = await openPage({ locale: 'en-US', viewport: 'desktop' });
    const { page } = profile;
    // The checks run in the page under the API's Content-Security-Policy (no unsafe-eval).
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|unsafe-eval/i.test(message.text())) cspViolations.push(message.text());
    });
    await signInByCookie(profile, server.baseUrl, author.email, TEST_PASSWORD, packPath);
    await page.getByRole('heading', { level: 1, name: 'Autumn event' }).waitFor();
    await page.getByRole('textbox', { name: 'Network', exact: true }).click();
    await page.getByRole('option', { name: 'LinkedIn', exact: true }).waitFor();
    const offered = await page.getByRole('option').allTextContents();
    expect(offered.sort()).toEqual(['LinkedIn', 'X']);
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'X · EN' }).click();
    const caption = page.getByRole('textbox', { name: 'Caption', exact: true });
    const checks = page.getByTestId('caption-checks');
    await checks.getByText('The caption passes every rule.').waitFor();
    await caption.fill('Autumn event, a secret treat {{link}}');
    await checks.getByText('Add the disclosure #employee.').waitFor();
    await checks.getByText('“secret” is not allowed by your organisation.').waitFor();
    expect(await page.getByRole('tab', { name: 'X · EN' }).getAttribute('data-active')).toBe('true');
    await page.getByLabel('has problems').first().waitFor();
    // The preview fills {{link}} with a sample tracked link of this platform.
    await page
      .getByTestId('caption-preview')
      .getByText(`Autumn event, a secret treat ${rules.linkBaseUrl}/r/Ab3dE9xK`)
      .waitFor();
    await screenshot(page, 'studio-live-rules');
    expect(cspViolations).toEqual([]);

    // Saving anyway: the API refuses, and its field errors are in words (the rule's own message).
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const errors = page.getByRole('alert').filter({ hasText: 'The pack was not saved.' });
    await errors.getByText('X · EN: Caption: Add the disclosure #employee.').waitFor();
    await errors.getByText('X · EN: Caption: “secret” is not allowed by your organisation.').waitFor();
    await screenshot(page, 'studio-save-field-errors');
    await caption.fill('Autumn event, a treat {{link}} {{disclosure}}');
    await checks.getByText('The caption passes every rule.').waitFor();

    // Four errors at once: each is marked on its own field, in words about that field.
    const later = new Date().getFullYear() + 1;
    const breakFields = async (target: Page, labels: Record<string, string>) => {
      await target.getByLabel(new RegExp(`^${labels.title}`)).fill('');
      await target.getByLabel(labels.link).fill('javascript:alert(1)');
      await target.getByLabel(labels.hashtags).fill('#autumn bad-tag!');
      await target.getByLabel(labels.publishAt).fill(`${later}-03-10T10:00:00`);
      await target.getByLabel(labels.expireAt).fill(`${later}-03-09T10:00:00`);
      await target.getByRole('button', { name: labels.save, exact: true }).click();
    };
    const restoreFields = async (target: Page, labels: Record<string, string>) => {
      await target.getByLabel(new RegExp(`^${labels.title}`)).fill('Autumn event');
      await target.getByLabel(labels.link).fill('https://example.com/autumn');
      await target.getByLabel(labels.hashtags).fill('#autumn');
      await target.getByLabel(labels.publishAt).fill('');
      await target.getByLabel(labels.expireAt).fill('');
    };
    const marked = async (target: Page, label: string | RegExp, message: string) => {
      const field = target.getByLabel(label);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        describedBy
          .split(' ')
          .filter(Boolean)
          .map((id) => target.locator(`[id="${id}"]`).textContent()),
      );
      expect(texts.join(' ')).toContain(message);
    };
    const en = {
      title: 'Title',
      link: 'Destination link',
      hashtags: 'Hashtags',
      publishAt: 'Publish at',
      expireAt: 'Expire at',
      save: 'Save',
    };
    await breakFields(page, en);
    const notSaved = page.getByRole('alert').filter({ hasText: 'The pack was not saved.' });
    await notSaved.getByText('Check the fields marked below.', { exact: false }).waitFor();
    await page.getByText('Give the pack a title.').first().waitFor();
    await marked(page, /^Title/, 'Give the pack a title.');
    await marked(page, 'Destination link', 'Use a web address that starts with https:// or http://');
    await marked(page, 'Hashtags', '“bad-tag!” is not a hashtag');
    await marked(page, 'Expire at', 'Set the expiry after the publish time');
    expect(await page.getByLabel('Publish at').getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(page, 'studio-marked-errors');
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, 'studio-marked-errors-1366');
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'studio-marked-errors-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await restoreFields(page, en);

    // Curator B, in Finnish on a phone, saves a new title in the meantime.
    const second = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, reviewer.email, packPath);
    await second.getByRole('heading', { level: 1, name: 'Autumn event' }).waitFor();
    const fi = {
      title: 'Otsikko',
      link: 'Kohdelinkki',
      hashtags: 'Aihetunnisteet',
      publishAt: 'Julkaisuaika',
      expireAt: 'Vanhenemisaika',
      save: 'Tallenna',
    };
    await breakFields(second, fi);
    await second.getByText('Anna paketille otsikko.').first().waitFor();
    await marked(second, /^Otsikko/, 'Anna paketille otsikko.');
    await marked(second, 'Kohdelinkki', 'Käytä verkko-osoitetta, joka alkaa https://');
    await marked(second, 'Aihetunnisteet', '”bad-tag!” ei kelpaa aihetunnisteeksi');
    await marked(second, 'Vanhenemisaika', 'Aseta vanhenemisaika julkaisuajan jälkeen');
    expect(await horizontalOverflow(second)).toBe(0);
    await screenshot(second, 'studio-marked-errors-fi-phone');
    await second.setViewportSize({ width: 1366, height: 900 });
    await screenshot(second, 'studio-marked-errors-fi-1366');
    await second.setViewportSize({ width: 375, height: 812 });
    await restoreFields(second, fi);
    await second.getByRole('tab', { name: 'X · EN' }).click();
    await second.getByRole('textbox', { name: 'Teksti', exact: true }).fill('Syystapahtuma {{link}}');
    await second.getByText('Lisää sidonnaisuuden ilmoitus #employee.').first().waitFor();
    await second.getByRole('button', { name: 'Tallenna', exact: true }).click();
    await second
      .getByRole('alert')
      .getByText('X · EN: Teksti: Lisää sidonnaisuuden ilmoitus #employee.')
      .waitFor();
    expect(await horizontalOverflow(second)).toBe(0);
    await screenshot(second, 'studio-field-errors-fi-phone');
    await second
      .getByRole('textbox', { name: 'Teksti', exact: true })
      .fill('Syystapahtuma {{link}} {{disclosure}}');
    await second.getByLabel(/^Otsikko/).fill('Autumn event in Tampere');
    await second.getByRole('button', { name: 'Tallenna', exact: true }).click();
    await second.getByText('Tallennettu.', { exact: true }).waitFor();

    // Curator A saves the version they loaded: 409, in words. Reloading brings the current pack
    // with A's own unsaved changes on top; the caption both changed keeps A's text and is named.
    await page.getByLabel('Summary').fill('Join us in October, bring a friend.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const stale = page.getByRole('alert').filter({ hasText: 'Someone else changed this pack' });
    await stale.waitFor();
    await screenshot(page, 'studio-stale-version');
    await stale.getByRole('button', { name: 'Reload the pack' }).click();
    await page.getByRole('heading', { level: 1, name: 'Autumn event in Tampere' }).waitFor();
    const mergedNote = page.getByRole('status').filter({ hasText: 'The current pack is loaded' });
    await mergedNote.getByText('Both you and someone else changed: X · EN. Your version is kept.').waitFor();
    expect(await page.getByLabel(/^Title/).inputValue()).toBe('Autumn event in Tampere');
    expect(await page.getByLabel('Summary').inputValue()).toBe('Join us in October, bring a friend.');
    expect(await caption.inputValue()).toBe('Autumn event, a treat {{link}} {{disclosure}}');
    expect(await stale.count()).toBe(0);
    await screenshot(page, 'studio-stale-reloaded');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const stored = (await authorApi.get(`/api/packs/${created.body.id}`)).body;
    expect(stored).toMatchObject({
      title: 'Autumn event in Tampere',
      summary: 'Join us in October, bring a friend.',
    });
    expect(stored.variants.find((v: { network: string }) => v.network === 'x').captionTemplate).toBe(
      'Autumn event, a treat {{link}} {{disclosure}}',
    );

    // Submitted; with four-eyes the author is offered neither Approve nor Reject, and told why.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('button', { name: 'Withdraw' }).waitFor();
    await statusIs(page, 'In review');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reject', exact: true }).count()).toBe(0);
    await page
      .getByTestId('unavailable-actions')
      .getByText(/^Not offered to you: Approve, Reject\. You wrote or edited this pack/)
      .waitFor();
    await screenshot(page, 'studio-author-not-offered');

    // Curator B edited the pack, so B is one of its authors too: no Approve or Reject, said why,
    // and B's edit is in the history.
    await second.reload();
    await second.getByRole('heading', { level: 1, name: 'Autumn event in Tampere' }).waitFor();
    await second
      .getByTestId('unavailable-actions')
      .getByText(/^Ei tarjolla sinulle: Hyväksy, Hylkää\./)
      .waitFor();
    expect(await second.getByRole('button', { name: 'Hylkää' }).count()).toBe(0);
    await second.getByText('Muokattu', { exact: true }).first().waitFor();
    await second
      .getByText(/ · Risto Reviewer$/)
      .first()
      .waitFor();
    expect(await horizontalOverflow(second)).toBe(0);
    await screenshot(second, 'studio-editor-not-offered-fi-phone');

    // Curator C, who wrote none of it, rejects; the dialog needs a comment, which then shows on the
    // pack's history.
    const third = await ctx.newMember(org.id, { roles: ['curator'], name: 'Ritva Third', locale: 'fi' });
    const thirdPage = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, third.email, packPath);
    await thirdPage.getByRole('heading', { level: 1, name: 'Autumn event in Tampere' }).waitFor();
    await thirdPage.getByRole('button', { name: 'Hyväksy' }).waitFor();
    await thirdPage.getByRole('button', { name: 'Hylkää' }).click();
    const dialog = thirdPage.getByRole('dialog', { name: 'Hylkää tämä paketti' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Hylkää' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/^Kommentti tekijöille/).fill('Lisää kuva tapahtumapaikasta, kiitos.');
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await thirdPage.getByText('“Lisää kuva tapahtumapaikasta, kiitos.”').waitFor();
    await thirdPage.getByText('Hylätty', { exact: true }).first().waitFor();
    expect(await horizontalOverflow(thirdPage)).toBe(0);
    await screenshot(thirdPage, 'studio-rejected-history-phone');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Autumn event in Tampere' }).waitFor();
    await statusIs(page, 'Draft');
    await page.getByText('“Lisää kuva tapahtumapaikasta, kiitos.”').waitFor();
    await page.getByText('Rejected', { exact: true }).waitFor();
    await screenshot(page, 'studio-rejected-history');
  }, 150_000);

  test('the caption counter is X’s own count of the preview and says the room it keeps for names', async () => {
    const { org, curator } = await ctx.newOrg('Counter');
    // Fans disclose in words, longer than the employees' hashtag: the preview is a fan's caption.
    await server.dataSource.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
      org.id,
      JSON.stringify({ disclosure: { required: true, employee: '#employee', fan: 'Kaupallinen yhteistyö' } }),
    ]);
    const curatorApi = await ctx.signIn(curator);
    const created = await curatorApi.post('/api/packs').send({
      title: 'Autumn event',
      summary: 'Join us in October.',
      destinationUrl: 'https://example.com/autumn',
      hashtags: ['autumn'],
      audienceKinds: ['employee', 'fan'],
      variants: [
        {
          network: 'x',
          locale: 'en',
          captionTemplate: `${'An evening to remember. '.repeat(6)}{{advocate.firstName}} will be there! {{link}} {{disclosure}}`,
        },
      ],
    });
    expect(created.status).toBe(201);
    // The interface follows the member's own language once signed in.
    const finn = await ctx.newMember(org.id, { roles: ['curator'], name: 'Kaisa Kuraattori', locale: 'fi' });
    const english = (n: number) => new RegExp(`^${n} / 280 characters`);
    const finnish = (n: number) => new RegExp(`^${n} / 280 merkkiä`);

    for (const [member, locale, viewport, words] of [
      [curator, 'en-US', 'desktop', english],
      [curator, 'en-US', 'phone', english],
      [finn, 'fi-FI', 'desktop', finnish],
      [finn, 'fi-FI', 'phone', finnish],
    ] as const) {
      const firstName = member.name.split(' ')[0]!;
      const page = await signedIn({ locale, viewport }, member.email, `/studio/packs/${created.body.id}`);
      await page.getByRole('heading', { level: 1, name: 'Autumn event' }).waitFor();
      await page.getByRole('tab', { name: 'X · EN' }).click();
      const counter = page.getByTestId('caption-counter');
      const reserved = counter.getByTestId('caption-reserved');
      await reserved.waitFor();

      // The preview is the caption a fan named like the curator posts, the tracked link at its real length.
      const preview = await page.getByTestId('caption-preview-text').innerText();
      expect(preview).toContain(`${firstName} will be there!`);
      expect(preview).toMatch(/\/r\/[0-9A-Za-z]{10} Kaupallinen yhteistyö$/);
      const xCount = twitterText.parseTweet(preview).weightedLength;
      expect(Number(await counter.getAttribute('data-length'))).toBe(xCount);
      expect(await counter.innerText()).toMatch(words(xCount));
      // The room kept for names: the longest name weighs 50 on X, the preview's name less.
      const kept = Number(await counter.getAttribute('data-reserved'));
      expect(kept).toBe(50 - twitterText.parseTweet(firstName).weightedLength);
      expect(await reserved.innerText()).toContain(`${kept}`);
      expect(await reserved.innerText()).toContain(`${xCount + kept} / 280`);
      expect(await counter.getAttribute('data-over')).toBe(xCount + kept > 280 ? 'true' : 'false');
      expect(await horizontalOverflow(page)).toBe(0);
      await counter.scrollIntoViewIfNeeded();
      await screenshot(page, `studio-counter-${locale.slice(0, 2)}-${viewport}`);
    }
  });

  test('a curator whose session ended signs in again in a dialog and the same draft is created; a pack that is not there is said so', async () => {
    const { curator } = await ctx.newOrg('Renewal');
    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, curator.email, '/login');
    await page.getByRole('heading', { level: 1, name: 'Studio', exact: true }).waitFor();
    await page.getByRole('link', { name: 'New pack' }).click();
    await page.getByRole('heading', { level: 1, name: 'New pack', exact: true }).waitFor();
    await page.getByLabel(/^Title/).fill('Written before the break');
    await page.getByLabel('Summary').fill('Nothing of this is lost.');

    // The session ends: both cookies are gone, so no silent refresh can save it.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Create draft' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    // Their own address, fixed; the focus waits in the password field, and stays in the dialog.
    expect(await dialog.getByLabel('Email', { exact: true }).inputValue()).toBe(curator.email);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    for (let tab = 0; tab < 6; tab += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(
        true,
      );
    }
    await screenshot(page, 'session-dialog-studio-en-desktop');

    await dialog.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The same request went again: the draft exists, with what was typed before.
    await page.waitForURL(/\/studio\/packs\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Written before the break' }).waitFor();
    await statusIs(page, 'Draft');
    const packs = await server.dataSource.query(
      `SELECT summary FROM packs WHERE organisation_id = $1 AND title = 'Written before the break'`,
      [curator.organisationId],
    );
    expect(packs).toEqual([{ summary: 'Nothing of this is lost.' }]);

    // A pack that does not exist, or an address that cannot name one, is a page that is not there.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      await page.goto(`${server.baseUrl}/studio/packs/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
      expect(await page.getByText('Check the marked fields', { exact: false }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      expect(await page.title()).toBe('Page not found · Heimo');
    }
    await page.getByRole('link', { name: 'Go to home' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
  }, 90_000);
});
