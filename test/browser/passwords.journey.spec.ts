import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD } from '../support/context';
import { horizontalOverflow, type PageOptions, screenshot, smallTapTargets, useJourney } from './browser';

const NEW_PASSWORD = 'lantern-orchard-4711';
const NEWER_PASSWORD = 'quiet-harbour-lights-2048';

// The send worker runs so a queued e-mail reaches the outbox (DATA_DIR/outbox, no SMTP_URL).
const dataDir = mkdtempSync(join(tmpdir(), 'heimo-passwords-journey-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const { server, ctx, openPage } = useJourney({ web: true, workers: true, env: { DATA_DIR: dataDir } });

async function open(options: PageOptions, path: string): Promise<Page> {
  const { page } = await openPage(options);
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

async function checkPhone(page: Page): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  expect(await smallTapTargets(page, 44)).toEqual([]);
}

/** Waits until the worker has put the member's e-mail of this subject in the outbox. */
async function waitForOutbox(admin: request.Agent, recipient: string, subject: string): Promise<void> {
  for (let tries = 0; tries < 150; tries += 1) {
    const response = await admin.get('/api/notifications/deliveries');
    const items = response.body.items as { recipient: string; subject: string | null; inOutbox: boolean }[];
    if (items.some((d) => d.recipient === recipient && d.subject === subject && d.inOutbox)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no "${subject}" for ${recipient} in the outbox`);
}

const pathOf = (link: string) => new URL(link).pathname;

describe('passwords journey', () => {
  test('forgot password → e-mail in the outbox → reset → signed in; the old password and sessions no longer work', async () => {
    const { admin, advocate } = await ctx.newOrg('Salasana Oy');
    const oldSession = await ctx.signIn(advocate);
    const adminAgent = await ctx.signIn(admin);

    // The sign-in page links to the forgotten-password page.
    const phone = await open({ locale: 'en-US', viewport: 'phone' }, '/login');
    await phone.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(phone, 'Reset your password');
    await checkPhone(phone);
    await screenshot(phone, 'forgot-password-en-phone');
    await phone.getByLabel('Email', { exact: true }).fill(advocate.email);
    await phone.getByRole('button', { name: 'Send the link' }).click();
    await phone.getByText('Check your e-mail').waitFor();
    await screenshot(phone, 'forgot-password-sent-en-phone');

    // The e-mail reaches the outbox, where the admin reads it and its link.
    await waitForOutbox(adminAgent, advocate.email, 'Reset your Heimo password');
    const desk = await open({ locale: 'en-US', viewport: 'desktop' }, '/outbox');
    await signIn(desk, admin.email, TEST_PASSWORD);
    await heading(desk, 'Outbox');
    const row = desk.getByRole('listitem', { name: 'Reset your Heimo password' });
    await row.getByRole('button', { name: 'Open message: Reset your Heimo password' }).click();
    const frame = desk.frameLocator('iframe[title^="Email:"]');
    const link = await frame.getByRole('link', { name: 'Set a new password' }).getAttribute('href');
    expect(link).toMatch(/\/reset-password\/[\w-]{43}$/);

    // The member follows it, is held to the password rules, and lands signed in.
    await phone.goto(`${server.baseUrl}${pathOf(link!)}`);
    await heading(phone, 'Set a new password');
    await checkPhone(phone);
    await screenshot(phone, 'reset-password-en-phone');
    await phone.getByLabel('New password', { exact: true }).fill('short');
    await phone.getByRole('button', { name: 'Set the password and sign in' }).click();
    await phone.getByText('Use at least 12 characters.').waitFor();
    await phone.getByLabel('New password', { exact: true }).fill('password1234');
    await phone.getByRole('button', { name: 'Set the password and sign in' }).click();
    await phone.getByRole('alert').filter({ hasText: 'too common' }).waitFor();
    await phone.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await phone.getByRole('button', { name: 'Set the password and sign in' }).click();
    await phone.waitForURL((url) => !url.pathname.startsWith('/reset-password'));
    expect((await phone.request.get(`${server.baseUrl}/api/me`)).status()).toBe(200);

    // The old session and the old password no longer work; the new one does.
    expect((await oldSession.get('/api/me')).status).toBe(401);
    const login = (password: string) =>
      request(server.baseUrl).post('/api/auth/login').send({ email: advocate.email, password });
    expect((await login(TEST_PASSWORD)).status).toBe(401);
    expect((await login(NEW_PASSWORD)).status).toBe(200);

    // The link works once.
    const again = await open({ locale: 'en-US', viewport: 'desktop' }, pathOf(link!));
    await again.getByLabel('New password', { exact: true }).fill(NEWER_PASSWORD);
    await again.getByRole('button', { name: 'Set the password and sign in' }).click();
    await again.getByText('This link cannot be used').waitFor();
    await again.getByText('This password reset link has already been used.').waitFor();
    await again.getByRole('link', { name: 'Ask for a new link' }).waitFor();

    // In Finnish on a phone: the forgotten-password page and a forged link.
    const fi = await open({ locale: 'fi-FI', viewport: 'phone' }, '/forgot-password');
    await heading(fi, 'Vaihda salasanasi');
    await checkPhone(fi);
    await screenshot(fi, 'forgot-password-fi-phone');
    await fi.goto(`${server.baseUrl}/reset-password/${'A'.repeat(43)}`);
    await heading(fi, 'Aseta uusi salasana');
    await checkPhone(fi);
    await screenshot(fi, 'reset-password-fi-phone');
    await fi.getByLabel('Uusi salasana', { exact: true }).fill(NEWER_PASSWORD);
    await fi.getByRole('button', { name: 'Tallenna ja kirjaudu' }).click();
    await fi.getByText('Tämä salasanan vaihtolinkki ei kelpaa.').waitFor();
  });

  test('a member changes their password in the profile; an admin sends a reset link from People', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Turva Oy');
    const elsewhere = await ctx.signIn(advocate);

    // A member who reads Heimo in Finnish sees the section in Finnish on a phone.
    const fiMember = await ctx.newMember(org.id, { locale: 'fi', name: 'Fiia Fi' });
    const fi = await open({ locale: 'fi-FI', viewport: 'phone' }, '/login');
    await signIn(fi, fiMember.email, TEST_PASSWORD);
    await fi.waitForURL((url) => url.pathname !== '/login');
    await fi.goto(`${server.baseUrl}/profile`);
    const fiSection = fi.getByRole('region', { name: 'Tietoturva' });
    await fiSection.waitFor();
    await fiSection.getByRole('button', { name: 'Vaihda salasana' }).scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(fi)).toBe(0);
    await screenshot(fi, 'profile-security-fi-phone');

    const signedIn = await open({ locale: 'en-US', viewport: 'desktop' }, '/login');
    await signIn(signedIn, advocate.email, TEST_PASSWORD);
    await signedIn.waitForURL((url) => url.pathname !== '/login');
    await signedIn.goto(`${server.baseUrl}/profile`);
    const desk = signedIn;
    const section = desk.getByRole('region', { name: 'Security' });
    await section.getByLabel('Current password', { exact: true }).fill('not-my-password-at-all');
    await section.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await section.getByRole('button', { name: 'Change password' }).click();
    await section.getByText('The current password is wrong.').first().waitFor();
    await section.getByLabel('Current password', { exact: true }).fill(TEST_PASSWORD);
    await section.getByRole('button', { name: 'Change password' }).click();
    await section.getByText('Your password is changed.', { exact: false }).waitFor();
    await screenshot(desk, 'profile-security-en-desktop');
    expect((await desk.request.get(`${server.baseUrl}/api/me`)).status()).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);

    // The admin sends a reset link from the person's dialog in People.
    const people = await open({ locale: 'en-US', viewport: 'phone' }, '/people');
    await signIn(people, admin.email, TEST_PASSWORD);
    await heading(people, 'People');
    await people.getByRole('button', { name: `Edit ${advocate.name}` }).click();
    const dialog = people.getByRole('dialog', { name: `Edit ${advocate.name}` });
    await dialog.getByRole('button', { name: 'Send a password reset link' }).click();
    await dialog.getByText(`A reset link was sent to ${advocate.email}.`, { exact: false }).waitFor();
    await screenshot(people, 'people-password-reset-en-phone');
  });
});
