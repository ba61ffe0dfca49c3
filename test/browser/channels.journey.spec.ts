import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { slackMessageIssues } from '@heimo/content';
import { TEST_PASSWORD } from '../support/context';
import { horizontalOverflow, screenshot, smallTapTargets, useJourney, type PageOptions } from './browser';

/** Slack's side, on loopback: keeps what it is sent. */
const received: unknown[] = [];
let receiver: Server;
let port = 0;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: false,
  env: { OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}` },
}));

async function signedIn(options: PageOptions, email: string): Promise<Page> {
  const { page } = await openPage(options);
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
  return page;
}

describe('Slack and Teams channels', () => {
  test('an admin adds a Slack channel, sends a test message and sees it go through (phone, English)', async () => {
    const { admin } = await ctx.newOrg('Kanava');
    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, admin.email);
    await page.goto(`${server.baseUrl}/settings`);
    await page
      .getByRole('main')
      .getByRole('link', { name: /Integrations/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Integrations', exact: true }).waitFor();
    // `ctx.newOrg` makes a paused fixture channel; the new one is added beside it.
    await page.getByRole('listitem', { name: 'Fixture channel' }).waitFor();

    await page.getByLabel('Channel name').fill('#news');
    // A URL that is not Slack's is refused at its field.
    await page.getByLabel('Webhook URL').fill('https://example.com/services/T0/B0/x');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByText('This is not a webhook address of the chosen service.').waitFor();
    await screenshot(page, 'channels-refused-en-375');

    await page
      .getByLabel('Webhook URL')
      .fill(`http://127.0.0.1:${port}/services/T0HEIMO/B0NEWS/secretToken42`);
    await page
      .getByRole('form', { name: 'Add a channel' })
      .getByLabel(/The week’s top advocates/)
      .check();
    await page.getByRole('button', { name: 'Add channel' }).click();
    const card = page.getByRole('listitem', { name: '#news' });
    await card.waitFor();
    await card.getByText(`http://127.0.0.1:${port}/…en42`).waitFor();
    expect(await page.content()).not.toContain('secretToken42');

    await card.getByRole('button', { name: 'Send a test message' }).click();
    await card.getByText('Test message sent').waitFor();
    await card.getByText(/Last post went through/).waitFor();
    expect(received).toHaveLength(1);
    expect(slackMessageIssues(received[0])).toEqual([]);
    expect(JSON.stringify(received[0])).toContain('#news');

    // Slack revoked the hook: the admin pastes the new one; a URL of another kind is refused.
    await card.getByRole('button', { name: 'Replace the URL' }).click();
    await card
      .getByLabel('New webhook URL')
      .fill(`http://127.0.0.1:${port}/workflows/1/triggers/manual/paths/invoke`);
    await card.getByRole('button', { name: 'Save the URL' }).click();
    await card
      .getByText('This is not a webhook address of the chosen service. Copy the whole URL it gives.')
      .waitFor();
    await card
      .getByLabel('New webhook URL')
      .fill(`http://127.0.0.1:${port}/services/T0HEIMO/B0NEWS/renewedHook7`);
    await card.getByRole('button', { name: 'Save the URL' }).click();
    await card.getByText(`http://127.0.0.1:${port}/…ook7`).waitFor();

    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'channels-tested-en-375');
    const small = await smallTapTargets(page, 44);
    // Checkboxes take their label's height as their target (as on the settings page).
    expect(small.filter((target) => !target.startsWith('input "'))).toEqual([]);
  });

  test('the page in Finnish on a desktop', async () => {
    const { org, admin } = await ctx.newOrg('Suomi');
    await server.dataSource.query(`UPDATE members SET locale = 'fi' WHERE id = $1`, [admin.id]);
    await server.dataSource.query(
      `INSERT INTO chat_channels (id, organisation_id, kind, name, url_sealed, url_hint, events, enabled, last_status, last_error, last_posted_at)
       VALUES (gen_random_uuid(), $1, 'teams', 'Uutiset', 'v1.fixture', 'https://prod-1.westeurope.logic.azure.com/…abcd',
               '{pack_published}', false, 'failed', 'The channel answered HTTP 404.', now())`,
      [org.id],
    );
    const page = await signedIn({ locale: 'fi-FI', viewport: 'desktop' }, admin.email);
    await page.goto(`${server.baseUrl}/settings/integrations`);
    await page.getByRole('heading', { level: 1, name: 'Integraatiot', exact: true }).waitFor();
    const card = page.getByRole('listitem', { name: 'Uutiset' });
    await card.getByText('Keskeytetty').waitFor();
    await card.getByText(/Viimeisin viesti epäonnistui/).waitFor();
    await page.getByText('Microsoft Teams').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'channels-fi-desktop');
  });
});
