import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { horizontalOverflow, type PageOptions, screenshot, smallTapTargets, useJourney } from './browser';

/** A receiver on loopback that answers 200 and keeps what it got. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiver: Server;
let port = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks, got it');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: true,
  env: { OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}`, NOTIFICATION_TICK_SECONDS: '0' },
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

describe('webhooks on Settings → Integrations', () => {
  test('an admin adds a webhook and a token, publishes a pack and sees the delivery in the log', async () => {
    const { org } = await ctx.newOrg('Koukku');
    const admin = await ctx.newMember(org.id, { roles: ['admin', 'curator'], name: 'Hilda Hook' });
    const pack = await newPack(server.dataSource, org.id, {
      title: 'Autumn launch',
      status: 'approved',
      createdById: admin.id,
    });

    // The fixture's switched-off endpoint goes: this organisation starts with none.
    await server.dataSource.query('DELETE FROM webhook_endpoints WHERE organisation_id = $1', [org.id]);
    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, admin.email);
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();

    // A refused address is said at its field.
    const url = page.getByLabel('Endpoint URL');
    await url.fill('http://hooks.example.com/heimo');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('Webhooks are sent over https only.').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');

    await url.fill(`http://127.0.0.1:${port}/heimo`);
    await page.getByLabel('Description (optional)').fill('CRM sync');
    await page.getByRole('checkbox', { name: /share\.created/ }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secretField = page.getByLabel('Signing secret', { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'integrations-webhook-secret-en-desktop');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('article', { name: 'CRM sync' }).waitFor();

    // A token for a reporting tool, on the same page: shown once, it reads packs.
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByRole('textbox', { name: 'Name' }).fill('Pack report');
    await tokens.getByRole('checkbox', { name: /Packs/ }).check();
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const tokenField = tokens.getByRole('textbox', { name: 'Token' });
    await tokenField.waitFor();
    const token = await tokenField.inputValue();
    expect(token).toMatch(/^heimo_/);
    await tokens.getByRole('button', { name: 'I have copied it' }).click();
    await tokens.getByRole('listitem', { name: 'Pack report' }).getByText('Active').waitFor();

    // The admin, a curator too, publishes the approved pack in the studio; the receiver verifies the delivery.
    await page.goto(`${server.baseUrl}/studio/packs/${pack.id}`);
    await page.getByRole('heading', { level: 1, name: 'Autumn launch' }).waitFor();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published', { exact: true }).first().waitFor();
    // The tool, with the token, sees it published.
    const read = await fetch(`${server.baseUrl}/api/packs/${pack.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { status: string }).status).toBe('published');

    await page.goto(`${server.baseUrl}/settings/integrations`);
    const card = page.getByRole('article', { name: 'CRM sync' });
    await card.getByRole('button', { name: 'Delivery log' }).click();
    const log = card.getByRole('list', { name: 'Delivery log' });
    await log.getByText('Delivered').waitFor({ timeout: 15_000 });
    await log.getByText('pack.published').waitFor();
    await log.getByText(/HTTP 200 · \d+ ms · 1 attempt/).waitFor();
    await log.getByText('thanks, got it').waitFor();
    expect(received).toHaveLength(1);
    const body = new Webhook(secret).verify(received[0]!.body, {
      'webhook-id': String(received[0]!.headers['webhook-id']),
      'webhook-timestamp': String(received[0]!.headers['webhook-timestamp']),
      'webhook-signature': String(received[0]!.headers['webhook-signature']),
    }) as { type: string; data: { packId: string } };
    expect(body).toMatchObject({ type: 'pack.published', data: { packId: pack.id } });
    await screenshot(page, 'integrations-webhook-log-en-desktop');

    // Sent again from the log: a second, freshly signed request.
    await log.getByRole('button', { name: 'Send again' }).click();
    await log.getByText(/HTTP 200 · \d+ ms · 2 attempts/).waitFor({ timeout: 15_000 });
    expect(received).toHaveLength(2);

    // At 375 px, in Finnish: nothing overflows.
    await server.dataSource.query(`UPDATE members SET locale = 'fi' WHERE id = $1`, [admin.id]);
    const phone = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, admin.email);
    await phone.goto(`${server.baseUrl}/settings/integrations`);
    await phone.getByRole('heading', { level: 1, name: 'Integraatiot' }).waitFor();
    const phoneCard = phone.getByRole('article', { name: 'CRM sync' });
    await phoneCard.getByRole('button', { name: 'Toimitusloki' }).click();
    await phoneCard.getByText('Toimitettu').first().waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
    // A checkbox's label toggles it: a label 44 px tall is the target (as on the other admin pages).
    const tallLabels = await phone.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
        .filter((box) => (box.labels?.[0]?.getBoundingClientRect().height ?? 0) >= 44)
        .map((box) => box.labels?.[0]?.textContent?.trim() ?? ''),
    );
    const small = await smallTapTargets(phone, 44);
    expect(
      small.filter((target) => !tallLabels.some((label) => target === `input "${label}" 20×20`)),
    ).toEqual([]);
    await screenshot(phone, 'integrations-webhook-log-fi-phone');
  });
});
