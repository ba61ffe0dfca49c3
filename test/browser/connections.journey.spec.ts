import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { collectJobId, verifyJobId } from '../../apps/api/src/modules/connections/jobs/connection-jobs';
import enApp from '../../apps/web/src/app/i18n/locales/en.json';
import fiApp from '../../apps/web/src/app/i18n/locales/fi.json';
import en from '../../apps/web/src/features/profile/locales/connections.en.json';
import fi from '../../apps/web/src/features/profile/locales/connections.fi.json';
import { TEST_PASSWORD } from '../support/context';
import { FakeBluesky } from '../support/fake-bluesky';
import { FakeMastodon } from '../support/fake-mastodon';
import { newFeedPack } from '../support/feed-packs';
import { freePort } from '../support/free-port';
import {
  horizontalOverflow,
  type PageOptions,
  screenshot,
  screenshotDir,
  signInByCookie,
  smallTapTargets,
  useJourney,
} from './browser';

/**
 * An advocate connects Bluesky (handle and app password, against the loopback PDS) and Mastodon (the
 * fake server approves at once and sends the browser back to the callback), sees the verified
 * follower counts, shares a pack on Bluesky from the feed, posts what the intent carried, and the
 * share is verified by the job that checks the account's posts.
 */
const bluesky = new FakeBluesky();
let mastodon: FakeMastodon;
// Heimo's own port is chosen first: the server sends the browser back to PUBLIC_URL's callback.
let port: number;
beforeAll(async () => {
  port = await freePort();
  await bluesky.start();
  mastodon = await FakeMastodon.start();
});
afterAll(async () => {
  await bluesky.stop();
  await mastodon.stop();
});

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: true,
  port,
  env: {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    OUTBOUND_ALLOWED_HOSTS: `${bluesky.host},${mastodon.host}`,
    BLUESKY_SERVICE_URL: bluesky.url,
  },
}));

const queue = () => server.app.get<Queue>(getQueueToken(QueueName.Connections));

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const verificationOf = async (shareId: string) =>
  (
    (await server.dataSource.query(
      `SELECT status, post_url AS "postUrl" FROM share_verifications WHERE share_id = $1`,
      [shareId],
    )) as { status: string; postUrl: string | null }[]
  )[0];

let seq = 0;

async function journey(options: PageOptions, name: string): Promise<void> {
  const words = options.locale === 'fi-FI' ? fi : en;
  const n = ++seq;
  const made = await ctx.newOrg(`Connections ${n}`);
  // The app speaks the member's language.
  await server.dataSource.query('UPDATE members SET locale = $2 WHERE id = $1', [
    made.advocate.id,
    options.locale === 'fi-FI' ? 'fi' : 'en',
  ]);
  await newFeedPack(server.dataSource, made.org.id, {
    title: 'Launch day',
    destinationUrl: 'https://example.com/news/launch',
    variants: [{ network: 'bluesky', captionTemplate: 'Worth a read {{link}}' }],
  });
  const account = bluesky.addAccount(`aino${n}.bsky.test`, `app-pass-${n}`, 1234);
  mastodon.followers = 812;

  const opened = await openPage(options);
  const page = await signInByCookie(opened, server.baseUrl, made.advocate.email, TEST_PASSWORD, '/profile');
  const section = page.locator('section[aria-labelledby="connections-heading"]');
  await section.getByRole('heading', { name: words.title }).waitFor();
  // Partner-only networks are listed as not available, with no form.
  await section.getByRole('listitem', { name: 'LinkedIn' }).getByText(words.notAvailable).waitFor();
  if (options.viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
  await screenshot(page, `connections-empty-${name}`);

  // Bluesky: a wrong app password is refused in words, next to the field.
  const card = section.getByRole('listitem', { name: 'Bluesky' });
  await card.getByLabel(words.appPassword.identifier).fill(account.handle);
  await card.getByLabel(words.appPassword.password, { exact: true }).fill('wrong-password');
  await card
    .getByRole('button', { name: words.appPassword.connect.replace('{{network}}', 'Bluesky') })
    .click();
  await card.locator('.mantine-InputWrapper-error').first().waitFor();
  await screenshot(page, `connections-refused-${name}`);

  await card.getByLabel(words.appPassword.password, { exact: true }).fill(account.password);
  await card
    .getByRole('button', { name: words.appPassword.connect.replace('{{network}}', 'Bluesky') })
    .click();
  await card.getByTestId('verified-followers').waitFor();
  expect(await card.getByTestId('verified-followers').textContent()).toMatch(/1[\s,.\u00a0\u202f]?234/);

  // Mastodon: the server's address, then its authorisation, then back on /me/connections.
  const toot = section.getByRole('listitem', { name: 'Mastodon' });
  await toot.getByLabel(words.oauth.server).fill(mastodon.origin);
  await toot.getByRole('button', { name: words.oauth.connect }).click();
  await page.waitForURL(/\/me\/connections\?connected=mastodon$/);
  await page
    .locator('section[aria-labelledby="connections-heading"]')
    .getByRole('listitem', { name: 'Mastodon' })
    .getByTestId('verified-followers')
    .waitFor();
  await page.getByText(words.connectedNotice.replace('{{network}}', 'Mastodon')).waitFor();
  expect(await horizontalOverflow(page)).toBe(0);
  if (options.viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
  await screenshot(page, `connections-connected-${name}`);
  await page
    .locator('section[aria-labelledby="connections-heading"]')
    .screenshot({ path: `${screenshotDir}/connections-section-${name}.png` });

  // The profile made for Bluesky counts the followers, verified: the audience cannot be typed.
  const profiles = (await server.dataSource.query(
    `SELECT network, audience_size AS "audienceSize", audience_verified_at IS NOT NULL AS verified
       FROM social_profiles WHERE member_id = $1 AND network IN ('bluesky', 'mastodon') ORDER BY network`,
    [made.advocate.id],
  )) as { network: string; audienceSize: number; verified: boolean }[];
  expect(profiles).toEqual([
    { network: 'bluesky', audienceSize: 1234, verified: true },
    { network: 'mastodon', audienceSize: 812, verified: true },
  ]);

  // Share on Bluesky: the intent's tab is answered here, and the post it carried appears on the PDS.
  const intents: string[] = [];
  await opened.context.route('https://bsky.app/**', (route) => {
    intents.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Bluesky</title>' });
  });
  await page.goto(`${server.baseUrl}/feed`);
  const tab = opened.context.waitForEvent('page');
  await page
    .getByRole('button', { name: options.locale === 'fi-FI' ? 'Jaa: Bluesky' : 'Share on Bluesky' })
    .click();
  await (await tab).waitForLoadState();
  await eventually(async () => intents.length > 0);
  const text = new URL(intents[0]!).searchParams.get('text') ?? '';
  const link = /https?:\/\/\S+/.exec(text)?.[0] ?? '';
  const [share] = (await server.dataSource.query(
    `SELECT id, code FROM shares WHERE member_id = $1 AND network = 'bluesky'`,
    [made.advocate.id],
  )) as { id: string; code: string }[];
  expect(link.endsWith(share!.code)).toBe(true);
  expect(await verificationOf(share!.id)).toMatchObject({ status: 'pending' });
  const post = bluesky.addPost(account, { text, facetLink: link });

  // The first check (due 10 minutes after the share) runs now.
  const job = await queue().getJob(verifyJobId(share!.id, 0));
  expect(job).toBeDefined();
  await job!.promote();
  await eventually(async () => (await verificationOf(share!.id))?.status === 'verified');
  const postUrl = (await verificationOf(share!.id))!.postUrl!;
  expect(postUrl).toContain(post.uri.split('/').pop()!);

  // People respond; the first collection (due an hour after the post was found) runs now.
  post.likes = 7;
  post.reposts = 2;
  post.replies = 1;
  post.quotes = 1;
  let collect: Awaited<ReturnType<Queue['getJob']>>;
  await eventually(async () => {
    collect = await queue().getJob(collectJobId(share!.id, 0));
    return collect !== undefined;
  });
  await collect!.promote();
  await eventually(
    async () =>
      (
        (await server.dataSource.query('SELECT 1 FROM share_engagement_snapshots WHERE share_id = $1', [
          share!.id,
        ])) as unknown[]
      ).length > 0,
  );

  // My impact: the share is verified, linking to the post; its engagement counts in the figures.
  await page.goto(`${server.baseUrl}/impact`);
  const impact = options.locale === 'fi-FI' ? fiApp.impact : enApp.impact;
  const verified = page.getByRole('link', { name: impact.verification.verifiedLabel }).first();
  await verified.waitFor();
  expect(await verified.getAttribute('href')).toBe(postUrl);
  await page.getByTestId('share-engagement').first().waitFor();
  expect(await page.getByTestId('figure-value-engagement').textContent()).toBe('11');
  expect(await page.getByTestId('figure-value-verifiedReach').textContent()).toMatch(
    /1[\s,.\u00a0\u202f]?234/,
  );
  expect(await horizontalOverflow(page)).toBe(0);
  if (options.viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
  await screenshot(page, `connections-impact-${name}`);

  // The network refuses the stored session: the card says to connect again and offers the form.
  await server.dataSource.query(
    `UPDATE connected_accounts SET status = 'broken', broken_at = now(), credentials_sealed = NULL
      WHERE member_id = $1 AND network = 'bluesky'`,
    [made.advocate.id],
  );
  // Back from an authorisation that failed: the code in words.
  await page.goto(`${server.baseUrl}/me/connections?error=connection.oauth_state_invalid`);
  const again = page.locator('section[aria-labelledby="connections-heading"]');
  await again.getByText(errorsOf(options).oauth_state_invalid).waitFor();
  const broken = again.getByRole('listitem', { name: 'Bluesky' });
  await broken.getByText(words.brokenBody.replace('{{network}}', 'Bluesky')).waitFor();
  await broken.getByLabel(words.appPassword.identifier).waitFor();
  // Its last count is no longer called verified.
  expect(await broken.getByTestId('verified-followers').textContent()).not.toMatch(/verified|vahvistettu/);
  await screenshot(page, `connections-broken-${name}`);

  // Disconnecting Mastodon asks first, then the form is back and the audience is self-reported.
  const label = words.disconnectLabel.replace('{{network}}', 'Mastodon');
  await again.getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: words.disconnectTitle.replace('{{network}}', 'Mastodon') });
  await dialog.getByRole('button', { name: words.disconnectConfirm }).click();
  await page.getByText(words.disconnected.replace('{{network}}', 'Mastodon')).waitFor();
  await again.getByRole('listitem', { name: 'Mastodon' }).getByLabel(words.oauth.server).waitFor();
  const [mastodonProfile] = (await server.dataSource.query(
    `SELECT audience_verified_at FROM social_profiles WHERE member_id = $1 AND network = 'mastodon'`,
    [made.advocate.id],
  )) as { audience_verified_at: Date | null }[];
  expect(mastodonProfile!.audience_verified_at).toBeNull();
}

const errorsOf = (options: PageOptions) => (options.locale === 'fi-FI' ? fiApp : enApp).errors.connection;

describe('connected accounts', () => {
  it('on a phone, in English', async () => {
    await journey({ locale: 'en-US', viewport: 'phone' }, 'en-phone');
  }, 120_000);

  it('on a desktop, in Finnish', async () => {
    await journey({ locale: 'fi-FI', viewport: 'desktop' }, 'fi-desktop');
  }, 120_000);
});
