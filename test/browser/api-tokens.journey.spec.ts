import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import { horizontalOverflow, type PageOptions, screenshot, smallTapTargets, useJourney } from './browser';

const { server, ctx, openPage } = useJourney();

async function signedIn(options: PageOptions, email: string, path: string): Promise<Page> {
  const { page } = await openPage(options);
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function fits(page: Page, phone: boolean): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (phone) expect(await smallTapTargets(page, 44)).toEqual([]);
}

/** What a reporting tool does: a GET with the token, the CSV read as text. */
async function pull(
  path: string,
  token: string,
): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('API tokens', () => {
  test('an admin creates a token, sees it once, a tool pulls a CSV with it, and the admin revokes it', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Raportti');
    const pack = await newPack(server.dataSource, org.id, { status: 'published', title: 'Launch' });
    await newShare(server.dataSource, advocate, pack, { network: 'linkedin', audienceSize: 120 });

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, admin.email, '/settings');
    // Settings → Integrations from the navigation.
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/integrations');
    const section = page.getByRole('region', { name: 'API tokens' });
    // The organisation's fixture token is listed (never its secret).
    await section.getByRole('listitem', { name: 'Fixture token' }).waitFor();

    // A name is required before anything is sent.
    await section.getByRole('button', { name: 'Create token' }).click();
    await section.getByText('Give the token a name.').waitFor();

    await section.getByRole('textbox', { name: 'Name' }).fill('Power BI weekly');
    await section.getByRole('checkbox', { name: /Packs/ }).check();
    await section.getByRole('button', { name: 'Create token' }).click();
    const field = section.getByRole('textbox', { name: 'Token' });
    await field.waitFor();
    const token = await field.inputValue();
    expect(token).toMatch(/^heimo_[A-Za-z0-9_-]{43}$/);
    await section.getByRole('button', { name: 'Copy token' }).waitFor();
    await screenshot(page, 'integrations-token-created-en-desktop');

    // The tool pulls the leaderboard CSV and a dashboard table with it.
    const board = await pull('/api/leaderboards.csv', token);
    expect(board.status).toBe(200);
    expect(board.type).toBe('text/csv; charset=utf-8');
    expect(board.text).toContain(advocate.name);
    const dashboard = await pull('/api/insights/dashboard.csv?table=advocates', token);
    expect(dashboard.status).toBe(200);
    // It may read only what its scopes allow.
    expect((await pull('/api/people', token)).status).toBe(403);

    // Shown once: after "done" and a reload, only the hint is left, and the use shows.
    await section.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    const row = page
      .getByRole('region', { name: 'API tokens' })
      .getByRole('listitem', { name: 'Power BI weekly' });
    await row.getByText('Active').waitFor();
    await row.getByText(/Last used/).waitFor();
    await row.getByText(`${token.slice(0, 10)}…`).waitFor();
    expect(await page.getByRole('textbox', { name: 'Token' }).count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “Power BI weekly”?' });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Revoked', { exact: true }).waitFor();
    await screenshot(page, 'integrations-token-revoked-en-desktop');
    const refused = await pull('/api/leaderboards.csv', token);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'auth.token_invalid' });
  });

  test('in Finnish, at both sizes', async () => {
    const { org } = await ctx.newOrg('Integraatio FI');
    const finn = await ctx.newMember(org.id, { name: 'Fiia Admin', roles: ['admin'], locale: 'fi' });
    for (const viewport of ['phone', 'desktop'] as const) {
      const page = await signedIn({ locale: 'fi-FI', viewport }, finn.email, '/settings/integrations');
      const section = page.getByRole('region', { name: 'API-tunnukset' });
      await section.getByRole('textbox', { name: 'Nimi' }).fill(`Looker ${viewport}`);
      await section.getByRole('button', { name: 'Luo tunnus' }).click();
      await section.getByRole('textbox', { name: 'Tunnus' }).waitFor();
      await section.getByRole('button', { name: 'Kopioi tunnus' }).waitFor();
      await section
        .getByRole('listitem', { name: `Looker ${viewport}` })
        .getByText('Voimassa')
        .waitFor();
      await fits(page, viewport === 'phone');
      await screenshot(page, `integrations-token-fi-${viewport}`);
    }
  });
});
