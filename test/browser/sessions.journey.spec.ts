import request from 'supertest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { horizontalOverflow, type PageOptions, screenshot, smallTapTargets, useJourney } from './browser';

const { server, ctx, openPage } = useJourney();

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Another sign-in of the member, from a browser the journey names. */
async function elsewhere(email: string, userAgent: string): Promise<request.Agent> {
  const agent = request.agent(server.baseUrl).set('User-Agent', userAgent);
  expect((await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD })).status).toBe(200);
  return agent;
}

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

describe('sessions', () => {
  test('a member lists their sessions, ends one and then all others', async () => {
    const { advocate } = await ctx.newOrg('Istunto');
    const laptop = await elsewhere(advocate.email, FIREFOX_LINUX);

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, advocate.email, '/profile');
    const section = page.getByRole('region', { name: 'Sessions' });
    await section.getByRole('listitem', { name: 'Firefox 128 on Linux' }).waitFor();
    const current = section.getByRole('listitem').filter({ hasText: 'This device' });
    await current.waitFor();
    expect(await current.getByRole('button').count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-sessions-en-desktop');

    await section.getByRole('button', { name: 'End session: Firefox 128 on Linux' }).click();
    await section.getByRole('status').filter({ hasText: 'The session was ended.' }).waitFor();
    await section.getByRole('listitem', { name: 'Firefox 128 on Linux' }).waitFor({ state: 'detached' });
    expect((await laptop.get('/api/me')).status).toBe(401);

    // Two more sign-ins elsewhere; a phone ends them both at once.
    const again = await elsewhere(advocate.email, FIREFOX_LINUX);
    const phoneAgent = await elsewhere(advocate.email, SAFARI_IPHONE);
    const phone = await signedIn({ locale: 'en-US', viewport: 'phone' }, advocate.email, '/profile');
    const phoneSection = phone.getByRole('region', { name: 'Sessions' });
    await phoneSection.getByRole('listitem', { name: 'Safari 17 on iOS 17.5' }).waitFor();
    await phoneSection.scrollIntoViewIfNeeded();
    await fits(phone, true);
    await screenshot(phone, 'profile-sessions-en-phone');
    await phoneSection.getByRole('button', { name: 'End all other sessions' }).click();
    await phoneSection.getByRole('status').filter({ hasText: 'Ended 3 other sessions.' }).waitFor();
    expect(await phoneSection.getByRole('listitem').count()).toBe(1);
    expect((await again.get('/api/me')).status).toBe(401);
    expect((await phoneAgent.get('/api/me')).status).toBe(401);
    // The desktop page's session was one of them: its next request signs it out.
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/login');
  });

  test('in Finnish, at both sizes', async () => {
    const { org } = await ctx.newOrg('Istunto FI');
    const finn = await ctx.newMember(org.id, { name: 'Fiia Fi', locale: 'fi' });
    await elsewhere(finn.email, SAFARI_IPHONE);
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await signedIn({ locale: 'fi-FI', viewport }, finn.email, '/profile');
      const section = page.getByRole('region', { name: 'Istunnot' });
      await section.getByRole('listitem', { name: 'Safari 17 – iOS 17.5' }).waitFor();
      await section.getByText('Tämä laite').waitFor();
      await section.getByRole('button', { name: 'Päätä kaikki muut istunnot' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      await fits(page, viewport === 'phone');
      await screenshot(page, `profile-sessions-fi-${viewport}`);
    }
  });

  test('an admin ends all of a person’s sessions from People', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Istunto Admin');
    const laptop = await elsewhere(advocate.email, FIREFOX_LINUX);
    const phone = await elsewhere(advocate.email, SAFARI_IPHONE);
    const finnAdmin = await ctx.newMember(org.id, { name: 'Aapo Admin', roles: ['admin'], locale: 'fi' });

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, admin.email, '/people');
    await page
      .getByRole('button', { name: `Edit ${advocate.name}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    const panel = dialog.getByRole('region', { name: 'Sessions' });
    await panel.getByRole('button', { name: 'End all sessions' }).click();
    await panel.getByRole('status').filter({ hasText: 'Ended 2 sessions.' }).waitFor();
    await screenshot(page, 'people-end-sessions-en-desktop');
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await phone.get('/api/me')).status).toBe(401);

    for (const viewport of ['phone', 'desktop'] as const) {
      const fi = await signedIn({ locale: 'fi-FI', viewport }, finnAdmin.email, '/people');
      await fi
        .getByRole('button', { name: `Muokkaa: ${advocate.name}` })
        .first()
        .click();
      const fiPanel = fi.getByRole('dialog').getByRole('region', { name: 'Istunnot' });
      await fiPanel.getByRole('button', { name: 'Päätä kaikki istunnot' }).click();
      await fiPanel
        .getByRole('status')
        .filter({ hasText: /istunto(a)? päätetty/ })
        .waitFor();
      if (viewport === 'phone') {
        // The panel's own button is thumb-sized (the dialog's checkboxes are the edit form's).
        const box = await fiPanel.getByRole('button').boundingBox();
        expect(box?.height).toBeGreaterThanOrEqual(44);
      }
      await screenshot(fi, `people-end-sessions-fi-${viewport}`);
    }
    // The English admin's phone view too.
    const enPhone = await signedIn({ locale: 'en-US', viewport: 'phone' }, admin.email, '/people');
    await enPhone
      .getByRole('button', { name: `Edit ${advocate.name}` })
      .first()
      .click();
    await enPhone.getByRole('dialog').getByRole('button', { name: 'End all sessions' }).waitFor();
    await screenshot(enPhone, 'people-end-sessions-en-phone');
  });
});
