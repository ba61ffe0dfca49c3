import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import {
  horizontalOverflow,
  type PageOptions,
  screenshot,
  smallTapTargets,
  useJourney,
  type ViewportName,
} from './browser';

const { server, ctx, openPage } = useJourney();

/** Signs in; `wide` makes the desktop 1366 px, the common laptop width. */
async function signedIn(options: PageOptions, email: string, wide = false): Promise<Page> {
  const { page } = await openPage(options);
  if (wide) await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
  return page;
}

async function go(page: Page, path: string, title: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport !== 'phone') return;
  // A checkbox's label toggles it, as a radio's does: a label 44 px tall is the target.
  const tallLabels = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      .filter((box) => (box.labels?.[0]?.getBoundingClientRect().height ?? 0) >= 44)
      .map((box) => box.labels?.[0]?.textContent?.trim() ?? ''),
  );
  const small = await smallTapTargets(page, 44);
  expect(small.filter((target) => !tallLabels.some((label) => target === `input "${label}" 20×20`))).toEqual(
    [],
  );
}

/** The dashboard's earned media value as shown, spaces made plain. */
async function emvShown(page: Page): Promise<string> {
  await page.locator('main [aria-busy="true"]').first().waitFor({ state: 'detached' });
  return (await page.getByTestId('figure-value-emvMinor').innerText()).replace(/\s/g, ' ').trim();
}

describe('settings, people and audit for admins', () => {
  test('an admin edits earned-media rates and sees the dashboard’s EMV follow', async () => {
    const { org, advocate } = await ctx.newOrg('Arvo');
    const admin = await ctx.newMember(org.id, { roles: ['admin', 'leader'], name: 'Aino Admin' });
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    await newShare(server.dataSource, advocate, pack, { network: 'linkedin', audienceSize: 2000 });

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, admin.email, true);
    // LinkedIn's default CPM is 30.00 EUR: 2,000 reached are worth 60.00 EUR.
    await go(page, '/insights', 'Dashboard');
    expect(await emvShown(page)).toBe('€60.00');

    await go(page, '/settings', 'Settings');
    const linkedin = page.getByLabel('LinkedIn CPM');
    expect(await linkedin.inputValue()).toBe('30');
    // A rate finer than the currency's cents is refused at its field, before anything is sent.
    await linkedin.fill('45.005');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Too many decimals for EUR: at most 2.').waitFor();
    await page.getByText('Check the field marked in red.').waitFor();
    expect(await linkedin.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('region', { name: 'Earned media value' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-earned-media-error-en-1366');
    await linkedin.fill('45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await screenshot(page, 'settings-earned-media-en-1366');

    await go(page, '/insights', 'Dashboard');
    expect(await emvShown(page)).toBe('€90.00');
    await screenshot(page, 'dashboard-emv-after-rates-en-1366');
    const [{ settings }] = (await server.dataSource.query(
      'SELECT settings FROM organisations WHERE id = $1',
      [org.id],
    )) as { settings: { earnedMedia: { rates: { network: string; cpmMinor: number }[] } } }[];
    expect(settings.earnedMedia.rates).toContainEqual({ network: 'linkedin', cpmMinor: 4500 });
  });

  test('an admin filters People by kind and erases a member after typing their name', async () => {
    const { org, admin } = await ctx.newOrg('Poisto');
    const gone = await ctx.newMember(org.id, { name: 'Eero Esimerkki' });
    await ctx.newMember(org.id, { roles: ['advocate'], kind: 'fan', name: 'Frida Fan' });

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, admin.email, true);
    await go(page, '/people', 'People');
    await page.getByRole('row', { name: /Eero Esimerkki/ }).waitFor();
    await page.getByRole('textbox', { name: 'Kind', exact: true }).click();
    await page.getByRole('option', { name: 'Fan', exact: true }).click();
    await page.getByRole('row', { name: /Eero Esimerkki/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Frida Fan/ }).waitFor();
    expect(await page.getByRole('row', { name: /Ada Admin/ }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Kind', exact: true }).click();
    await page.getByRole('option', { name: 'Employee', exact: true }).click();
    await page.getByRole('row', { name: /Eero Esimerkki/ }).waitFor();
    expect(await page.getByRole('row', { name: /Frida Fan/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Edit Eero Esimerkki' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Eero Esimerkki' });
    await dialog.getByRole('button', { name: 'Erase personal data…' }).click();
    const typed = dialog.getByLabel('Type Eero Esimerkki to confirm');
    const erase = dialog.getByRole('button', { name: 'Erase Eero Esimerkki' });
    await typed.fill('Eero');
    expect(await erase.isDisabled()).toBe(true);
    await typed.fill('eero esimerkki');
    expect(await erase.isEnabled()).toBe(true);
    await screenshot(page, 'people-erase-confirm-en-1366');
    await erase.click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Erased member/ }).waitFor();
    expect(await page.getByRole('row', { name: /Eero Esimerkki/ }).count()).toBe(0);
    const [row] = (await server.dataSource.query('SELECT name, email, status FROM members WHERE id = $1', [
      gone.id,
    ])) as { name: string; email: string; status: string }[];
    expect(row).toEqual({ name: 'Erased member', email: `erased-${gone.id}@invalid`, status: 'deactivated' });
  });

  test('an admin filters the audit log by who did it and by action', async () => {
    const { org, admin } = await ctx.newOrg('Suodatin');
    const other = await ctx.newMember(org.id, { roles: ['admin'], name: 'Olli Otheradmin' });
    const moved = await ctx.newMember(org.id, { name: 'Maija Moved' });
    const renamed = await ctx.newMember(org.id, { name: 'Reko Roles' });
    const otherAgent = await ctx.signIn(other);
    await otherAgent
      .patch(`/api/people/${moved.id}`)
      .send({ version: 1, roles: ['advocate', 'leader'] })
      .expect(200);
    const adminAgent = await ctx.signIn(admin);
    await adminAgent
      .patch(`/api/people/${renamed.id}`)
      .send({ version: 1, roles: ['advocate', 'curator'] })
      .expect(200);
    await adminAgent.post('/api/teams').send({ name: 'Filtered team' }).expect(201);

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, admin.email, true);
    await go(page, '/audit-log', 'Audit log');
    const log = page.getByRole('main');
    await log.getByText('Maija Moved').first().waitFor();
    await log.getByText('Reko Roles').first().waitFor();

    const who = page.getByRole('textbox', { name: 'Who', exact: true });
    await who.fill('Olli');
    await page.getByRole('option', { name: `Olli Otheradmin (${other.email})` }).click();
    await log.getByText('Reko Roles').first().waitFor({ state: 'detached' });
    // The filtered list replaces the whole one: read it once it is there, not while it loads.
    await log.getByText('Maija Moved').first().waitFor();
    const text = await log.innerText();
    expect(text).toContain('Maija Moved');
    expect(text).not.toContain('Filtered team');
    await screenshot(page, 'audit-by-actor-en-1366');

    // Who and what together: the other admin created no team.
    await page.getByRole('textbox', { name: 'Action', exact: true }).click();
    await page.getByRole('option', { name: 'Created a team', exact: true }).click();
    await log.getByText('Nothing matches these filters.').waitFor();
  });

  const cases = [
    { locale: 'fi-FI', viewport: 'phone' },
    { locale: 'en-US', viewport: 'phone' },
  ] as const;
  const words = {
    'fi-FI': {
      settings: 'Asetukset',
      emv: 'Ansaitun median arvo',
      rate: 'LinkedIn: CPM',
      tooFine: '1,005',
      rateError: 'Liikaa desimaaleja valuutalle EUR: enintään 2.',
      people: 'Ihmiset',
      edit: 'Muokkaa: Aino Admin',
      lastAdmin: 'ainoa aktiivinen ylläpitäjä',
      audit: 'Tapahtumaloki',
      who: 'Kuka',
    },
    'en-US': {
      settings: 'Settings',
      emv: 'Earned media value',
      rate: 'LinkedIn CPM',
      tooFine: '1.005',
      rateError: 'Too many decimals for EUR: at most 2.',
      people: 'People',
      edit: 'Edit Aino Admin',
      lastAdmin: 'only active admin',
      audit: 'Audit log',
      who: 'Who',
    },
  } as const;

  test.each(cases)(
    'settings, people and the audit log speak $locale and fit a $viewport',
    async ({ locale, viewport }) => {
      const said = words[locale];
      const lang = locale === 'fi-FI' ? 'fi' : 'en';
      const { org } = await ctx.newOrg('Mitta');
      const admin = await ctx.newMember(org.id, { roles: ['admin'], name: 'Aino Admin', locale: lang });
      // The fixture's own admin steps down: Aino is the only active admin.
      await server.dataSource.query(
        `UPDATE members SET status = 'deactivated' WHERE organisation_id = $1 AND id <> $2 AND 'admin' = ANY(roles)`,
        [org.id, admin.id],
      );
      const page = await signedIn({ locale, viewport }, admin.email);

      await go(page, '/settings', said.settings);
      const rate = page.getByLabel(said.rate);
      await rate.fill(said.tooFine);
      await page.locator('button[type="submit"]').last().click();
      await page.getByText(said.rateError).waitFor();
      await page.getByRole('region', { name: said.emv }).scrollIntoViewIfNeeded();
      await checkFits(page, viewport);
      await screenshot(page, `settings-earned-media-${lang}-${viewport}`);

      await go(page, '/people', said.people);
      await page.getByRole('button', { name: said.edit }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(said.lastAdmin, { exact: false }).first().waitFor();
      await checkFits(page, viewport);
      await screenshot(page, `people-last-admin-${lang}-${viewport}`);
      await page.keyboard.press('Escape');

      await go(page, '/audit-log', said.audit);
      await page.getByRole('textbox', { name: said.who, exact: true }).waitFor();
      await checkFits(page, viewport);
      await screenshot(page, `audit-filters-${lang}-${viewport}`);
    },
  );
});
