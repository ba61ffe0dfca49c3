import { randomBytes } from 'node:crypto';
import { MEDIA_STORAGE, type MediaStorage } from '../../apps/api/src/modules/media/storage/media-storage';
import enApp from '../../apps/web/src/app/i18n/locales/en.json';
import fiApp from '../../apps/web/src/app/i18n/locales/fi.json';
import en from '../../apps/web/src/features/feed/locales/postForMe.en.json';
import fi from '../../apps/web/src/features/feed/locales/postForMe.fi.json';
import { TEST_PASSWORD } from '../support/context';
import { FakeBluesky } from '../support/fake-bluesky';
import { newFeedPack } from '../support/feed-packs';
import {
  horizontalOverflow,
  type PageOptions,
  screenshot,
  signInByCookie,
  smallTapTargets,
  useJourney,
} from './browser';

/**
 * Post for me: the admin turns it on in Settings; an advocate with a connected Bluesky account has
 * Heimo post a pack now (the loopback PDS receives the caption with its link and the picture), and
 * schedules another for later, then cancels it.
 */
const bluesky = new FakeBluesky();
beforeAll(() => bluesky.start());
afterAll(() => bluesky.stop());

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: true,
  env: { OUTBOUND_ALLOWED_HOSTS: bluesky.host, BLUESKY_SERVICE_URL: bluesky.url },
}));

const PICTURE = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), randomBytes(200)]);

async function picture(organisationId: string): Promise<string> {
  const key = `${randomBytes(1).toString('hex')}/${randomBytes(16).toString('hex')}`;
  await server.app.get<MediaStorage>(MEDIA_STORAGE, { strict: false }).put(key, PICTURE);
  const [row] = (await server.dataSource.query(
    `INSERT INTO media_assets (organisation_id, kind, content_type, bytes, width, height, storage_key, original_name, alt_text)
     VALUES ($1, 'image', 'image/png', $2, 1200, 630, $3, 'launch.png', 'The new ferry at the quay') RETURNING id`,
    [organisationId, PICTURE.length, key],
  )) as { id: string }[];
  return row!.id;
}

/** A `datetime-local` value for the browser's own time (the journey's browser runs in this process's zone). */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

let seq = 0;

async function journey(options: PageOptions, name: string): Promise<void> {
  const finnish = options.locale === 'fi-FI';
  const words = finnish ? fi : en;
  const app = finnish ? fiApp : enApp;
  const network = 'Bluesky';
  const n = ++seq;
  const made = await ctx.newOrg(`Post for me ${n}`);
  const locale = finnish ? 'fi' : 'en';
  await server.dataSource.query('UPDATE members SET locale = $2 WHERE id = ANY($1)', [
    [made.admin.id, made.advocate.id],
    locale,
  ]);
  const media = await picture(made.org.id);
  for (const title of ['Launch day', 'Ferry timetable']) {
    await newFeedPack(server.dataSource, made.org.id, {
      title,
      destinationUrl: `https://example.com/news/${title.length}`,
      variants: [{ network: 'bluesky', captionTemplate: `${title}: worth a read {{link}}` }],
      mediaIds: [media],
    });
  }

  // The admin turns Post for me on in Settings.
  const adminOpened = await openPage(options);
  const admin = await signInByCookie(
    adminOpened,
    server.baseUrl,
    made.admin.email,
    TEST_PASSWORD,
    '/settings',
  );
  await admin.getByRole('heading', { level: 1, name: app.settings.title }).waitFor();
  const toggle = admin.getByRole('switch', { name: app.settings.postForMe });
  expect(await toggle.isChecked()).toBe(false);
  await toggle.check({ force: true });
  await admin.getByRole('radio', { name: app.settings.unverifiedRevoke }).check({ force: true });
  await admin.getByRole('button', { name: app.settings.save }).click();
  await admin.getByText(app.settings.saved).waitFor();
  await admin.locator('#settings-connections').scrollIntoViewIfNeeded();
  expect(await horizontalOverflow(admin)).toBe(0);
  await screenshot(admin, `post-for-me-settings-${name}`);
  const [{ settings }] = (await server.dataSource.query('SELECT settings FROM organisations WHERE id = $1', [
    made.org.id,
  ])) as [{ settings: { postForMe: boolean; unverifiedSharePolicy: string } }];
  expect(settings).toMatchObject({ postForMe: true, unverifiedSharePolicy: 'revoke' });

  // The advocate connects Bluesky through the API.
  const account = bluesky.addAccount(`poster${n}.bsky.test`, `app-pass-${n}`, 321);
  const opened = await openPage(options);
  const page = await signInByCookie(opened, server.baseUrl, made.advocate.email, TEST_PASSWORD, '/feed');
  const connected = await opened.context.request.post(`${server.baseUrl}/api/me/connections/bluesky`, {
    data: { identifier: account.handle, appPassword: account.password },
  });
  expect(connected.status()).toBe(201);
  await page.reload();

  // Post now: the PDS receives the caption with its link and the picture; the card shows Posted.
  const cards = page.locator('[data-testid="post-for-me"]');
  await cards.first().waitFor();
  expect(await cards.count()).toBe(2);
  const first = cards.first();
  const before = bluesky.posts.length;
  const blobsBefore = bluesky.blobs.length;
  await first.getByRole('button', { name: words.now }).last().click();
  const postedTitle = words.posted.replace('{{network}}', network);
  await first.getByText(postedTitle).waitFor({ timeout: 20_000 });
  expect(bluesky.posts.length).toBe(before + 1);
  const post = bluesky.posts[before]!;
  const [share] = (await server.dataSource.query(
    `SELECT s.code, s.text FROM shares s JOIN share_posts sp ON sp.share_id = s.id WHERE s.member_id = $1`,
    [made.advocate.id],
  )) as { code: string; text: string }[];
  expect(post.record.text).toBe(share!.text);
  expect(String(post.record.text)).toContain(`/r/${share!.code}`);
  expect(Buffer.compare(bluesky.blobs[blobsBefore]!.bytes, PICTURE)).toBe(0);
  const link = first.getByRole('link', { name: words.open });
  expect(await link.getAttribute('href')).toBe(
    `https://bsky.app/profile/${account.handle}/post/${post.uri.split('/').pop()}`,
  );
  expect(await horizontalOverflow(page)).toBe(0);
  if (options.viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
  await first.scrollIntoViewIfNeeded();
  await screenshot(page, `post-for-me-posted-${name}`);

  // Schedule the other for tomorrow: a time in the past is refused at the field first.
  const second = cards.nth(1);
  await second.getByText(words.later).click();
  const when = second.getByLabel(words.when);
  await when.fill(localInput(new Date(Date.now() - 3 * 3600_000)));
  await second.getByRole('button', { name: words.schedule }).click();
  await second.getByText(words.problems.at_past).waitFor();
  // Refused before anything was sent: no share was made for it.
  const shares = async () =>
    (
      (await server.dataSource.query('SELECT count(*)::int AS n FROM shares WHERE member_id = $1', [
        made.advocate.id,
      ])) as { n: number }[]
    )[0]!.n;
  expect(await shares()).toBe(1);
  await screenshot(page, `post-for-me-past-${name}`);
  const at = new Date(Date.now() + 24 * 3600_000);
  at.setSeconds(0, 0);
  await when.fill(localInput(at));
  await second.getByRole('button', { name: words.schedule }).click();
  await second.getByRole('button', { name: words.cancel }).waitFor();
  const [job] = (await server.dataSource.query(
    `SELECT sp.status, sp.scheduled_at AS "scheduledAt" FROM share_posts sp JOIN shares s ON s.id = sp.share_id
      WHERE s.member_id = $1 AND sp.status = 'scheduled'`,
    [made.advocate.id],
  )) as { status: string; scheduledAt: Date }[];
  expect(new Date(job!.scheduledAt).getTime()).toBe(at.getTime());
  await second.scrollIntoViewIfNeeded();
  await screenshot(page, `post-for-me-scheduled-${name}`);

  // My impact (in another tab) lists both with their post state.
  const impact = await opened.context.newPage();
  await impact.goto(`${server.baseUrl}/impact`);
  await impact.getByText(app.impact.post.posted).first().waitFor();
  const scheduledWords = app.impact.post.scheduled.replace('{{date}}', '');
  await impact.getByText(scheduledWords.trim(), { exact: false }).first().waitFor();
  await screenshot(impact, `post-for-me-impact-${name}`);
  await impact.close();

  // Cancel it on the card: the job is cancelled and nothing more is posted.
  await second.getByRole('button', { name: words.cancel }).click();
  await second.getByText(words.cancelled).waitFor();
  const [cancelled] = (await server.dataSource.query(
    `SELECT sp.status FROM share_posts sp JOIN shares s ON s.id = sp.share_id
      WHERE s.member_id = $1 ORDER BY sp.scheduled_at DESC LIMIT 1`,
    [made.advocate.id],
  )) as { status: string }[];
  expect(cancelled).toEqual({ status: 'cancelled' });
  expect(bluesky.posts.length).toBe(before + 1);
  await screenshot(page, `post-for-me-cancelled-${name}`);
}

describe('post for me', () => {
  test('an advocate on a phone has Heimo post now, and schedules and cancels another (en)', async () => {
    await journey({ locale: 'en-US', viewport: 'phone' }, 'en-phone');
  });

  test('the same in Finnish on a desktop', async () => {
    await journey({ locale: 'fi-FI', viewport: 'desktop' }, 'fi-desktop');
  });
});
