import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import {
  expectCount,
  horizontalOverflow,
  type PageOptions,
  screenshot,
  screenshotDir,
  smallTapTargets,
  useJourney,
  type ViewportName,
} from './browser';

const { server, ctx, openPage } = useJourney();

async function open(options: PageOptions, path: string): Promise<Page> {
  const { page } = await openPage(options);
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

/** Links the API hands out name its public URL; the journey follows their path on the test server. */
function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** Both journeys' pages, checked the same way: no sideways scroll, thumb-sized controls on a phone. */
async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
}

describe('people, organisations and access', () => {
  // Nine pages, each checked with axe-core as it is pictured: over a minute on two busy cores.
  test('an admin invites a curator who accepts, then opens the fan programme and a fan joins', async () => {
    const { org, admin } = await ctx.newOrg('Kettu');

    // The admin lands on People, their home.
    const adminPage = await open({ locale: 'en-US', viewport: 'desktop' }, '/login');
    await signIn(adminPage, admin.email, TEST_PASSWORD);
    await heading(adminPage, 'People');
    expect(new URL(adminPage.url()).pathname).toBe('/people');
    await adminPage.getByRole('row', { name: /Ada Admin/ }).waitFor();

    // Invite a curator; the link is shown once, with a copy button.
    await adminPage.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Email', { exact: true }).fill('cilla.curator@example.test');
    await dialog.getByRole('checkbox', { name: 'Advocate' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Curator' }).check();
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const ready = adminPage.getByRole('dialog', { name: 'Invitation ready' });
    const linkField = ready.getByLabel('Invitation link');
    await linkField.waitFor();
    const invitationLink = await linkField.inputValue();
    expect(invitationLink).toMatch(/\/invite\/[\w-]+$/);
    await ready.getByRole('button', { name: 'Copy link' }).click();
    await screenshot(adminPage, 'people-invitation-en-desktop');
    await ready.getByRole('button', { name: 'Done' }).click();
    await adminPage.getByRole('row', { name: /cilla\.curator@example\.test/ }).waitFor();
    expect(await adminPage.getByRole('row', { name: /cilla\.curator/ }).innerText()).toContain('Invited');

    // A second browser accepts the invitation and lands signed in as the curator.
    const inviteePage = await open({ locale: 'en-US', viewport: 'phone' }, pathOf(invitationLink));
    await heading(inviteePage, 'Join Kettu on Heimo');
    expect(
      await inviteePage.getByText('cilla.curator@example.test', { exact: false }).count(),
    ).toBeGreaterThan(0);
    await expectCount(inviteePage.getByText('at least 12 characters'), 1);
    await checkFits(inviteePage, 'phone');
    await screenshot(inviteePage, 'invitation-en-phone');
    await inviteePage.getByLabel('Your name').fill('Cilla Curator');
    await inviteePage.getByLabel('Choose a password', { exact: true }).fill('short');
    await inviteePage.getByRole('button', { name: 'Accept and sign in' }).click();
    await inviteePage.getByText('Use at least 12 characters.').waitFor();
    await inviteePage.getByLabel('Choose a password', { exact: true }).fill('password1234');
    await inviteePage.getByRole('button', { name: 'Accept and sign in' }).click();
    await inviteePage.getByRole('alert').filter({ hasText: 'too common' }).waitFor();
    await inviteePage.getByLabel('Choose a password', { exact: true }).fill('lantern-orchard-4711');
    await inviteePage.getByRole('button', { name: 'Accept and sign in' }).click();
    // A curator's home is the studio.
    await heading(inviteePage, 'Studio');
    expect(new URL(inviteePage.url()).pathname).toBe('/studio');
    await inviteePage.getByRole('button', { name: 'Account menu for Cilla Curator' }).click();
    expect(
      await inviteePage.getByRole('dialog', { name: 'Account menu for Cilla Curator' }).innerText(),
    ).toContain('Curator');

    // The link works once.
    const again = await open({ locale: 'en-US', viewport: 'desktop' }, pathOf(invitationLink));
    const used = again.getByText('This invitation has already been used', { exact: false });
    try {
      await used.waitFor({ timeout: 15_000 });
    } catch {
      // Seen once under full-suite load on 2 cores: keep what the page showed, then load it once more.
      await screenshot(again, 'invitation-reuse-first-load');
      console.warn(
        `invitation page on reuse showed: ${(await again.locator('body').innerText()).slice(0, 500)}`,
      );
      await again.reload();
      await used.waitFor({ timeout: 15_000 });
    }

    // The admin opens the fan programme in Settings and reads the join link.
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await heading(adminPage, 'Settings');
    await adminPage.getByText('Closed — the join link does not work.').waitFor();
    await adminPage.getByRole('button', { name: 'Open the fan programme' }).click();
    const joinField = adminPage.getByLabel('Join link');
    await joinField.waitFor();
    const joinLink = await joinField.inputValue();
    expect(joinLink).toMatch(/\/join\/[\w-]+$/);
    // The networks load beside the programme: wait for them (strict, so exactly one such box).
    await adminPage.getByRole('checkbox', { name: 'LinkedIn' }).waitFor();
    await screenshot(adminPage, 'settings-en-desktop');

    // Employees and fans disclose in their own words; a link is no disclosure, said at the field.
    const employeeDisclosure = adminPage.getByLabel('Employees’ disclosure');
    const fanDisclosure = adminPage.getByLabel('Fans’ disclosure');
    expect(await fanDisclosure.inputValue()).toBe('#ad');
    await employeeDisclosure.fill('#kettu_staff');
    await fanDisclosure.fill('see kettu.example.com');
    await adminPage.getByRole('button', { name: 'Save settings' }).click();
    await adminPage
      .getByText('Use a hashtag such as #ad, or a short text (at most 50 characters) without a link.')
      .waitFor();
    expect(await fanDisclosure.getAttribute('aria-invalid')).toBe('true');
    expect(await employeeDisclosure.getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(adminPage, 'settings-disclosure-error-en-desktop');
    await fanDisclosure.fill('Kaupallinen yhteistyö');
    await adminPage.getByRole('button', { name: 'Save settings' }).click();
    await adminPage.getByText('Settings saved.').waitFor();
    // Stored: a fresh load shows both.
    await adminPage.reload();
    await heading(adminPage, 'Settings');
    await adminPage.getByRole('checkbox', { name: 'LinkedIn' }).waitFor();
    expect(await employeeDisclosure.inputValue()).toBe('#kettu_staff');
    expect(await fanDisclosure.inputValue()).toBe('Kaupallinen yhteistyö');
    await screenshot(adminPage, 'settings-disclosures-en-desktop');

    // A third browser joins as a fan and lands on the advocate home.
    const fanPage = await open({ locale: 'en-US', viewport: 'phone' }, pathOf(joinLink));
    await heading(fanPage, 'Become a fan advocate of Kettu');
    await fanPage.getByLabel('Email', { exact: true }).fill('fia.fan@example.test');
    await fanPage.getByLabel('Your name').fill('Fia Fan');
    await fanPage.getByLabel('Choose a password', { exact: true }).fill('meadow-harbour-2026');
    await fanPage.getByRole('button', { name: 'Join', exact: true }).click();
    await heading(fanPage, 'Check your e-mail');
    await fanPage.getByText('We sent a message to fia.fan@example.test.').waitFor();
    await screenshot(fanPage, 'join-sent-en-phone');
    // The confirmation link, as queued for the e-mail (this journey runs no send worker).
    const [queued] = (await server.dataSource.query(
      `SELECT payload FROM notification_deliveries WHERE recipient = $1 AND kind = 'fan_signup_verify'`,
      ['fia.fan@example.test'],
    )) as { payload: { data: { verifyUrl: string } } }[];
    const confirmUrl = new URL(queued!.payload.data.verifyUrl);
    await fanPage.goto(`${server.baseUrl}${confirmUrl.pathname}${confirmUrl.search}`);
    await heading(fanPage, 'Feed');
    expect(new URL(fanPage.url()).pathname).toBe('/feed');

    // The same form with a member's address answers exactly as for a new one.
    const memberForm = await open({ locale: 'en-US', viewport: 'phone' }, pathOf(joinLink));
    await heading(memberForm, 'Become a fan advocate of Kettu');
    await memberForm.getByLabel('Email', { exact: true }).fill('fia.fan@example.test');
    await memberForm.getByLabel('Your name').fill('Fia Again');
    await memberForm.getByLabel('Choose a password', { exact: true }).fill('meadow-harbour-2027');
    await memberForm.getByRole('button', { name: 'Join', exact: true }).click();
    await heading(memberForm, 'Check your e-mail');
    await memberForm.getByText('We sent a message to fia.fan@example.test.').waitFor();

    // The admin sees both in People and the audit log.
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'People' })
      .click();
    await heading(adminPage, 'People');
    await adminPage.getByRole('row', { name: /Fia Fan/ }).waitFor();
    expect(await adminPage.getByRole('row', { name: /Cilla Curator/ }).innerText()).toContain('Active');
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await heading(adminPage, 'Audit log');
    await adminPage.getByText('Joined as a fan').first().waitFor();
    await screenshot(adminPage, 'audit-log-en-desktop');

    // A closed link says so in plain words.
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await adminPage.getByRole('button', { name: 'Close the fan programme' }).click();
    await adminPage.getByText('Closed — the join link does not work.').waitFor();
    const closed = await open({ locale: 'en-US', viewport: 'desktop' }, pathOf(joinLink));
    await closed.getByText('This join link is closed or no longer exists', { exact: false }).waitFor();
    expect(org.id).toBeTruthy();
  }, 120_000);

  test.each([
    {
      locale: 'en-US',
      lang: 'en',
      people: 'People',
      title: 'Audiences to confirm',
      confirm: 'Confirm the audience of Paavo Posti on X',
      done: 'Confirmed: Paavo Posti on X now counts',
      settings: 'Settings',
      cap: 'Credited shares per person per day',
      credit: 'Scoring',
    },
    {
      locale: 'fi-FI',
      lang: 'fi',
      people: 'Ihmiset',
      title: 'Vahvistettavat yleisöt',
      confirm: 'Vahvista käyttäjän Paavo Posti yleisö palvelussa X',
      done: 'Vahvistettu: Paavo Posti, X',
      settings: 'Asetukset',
      cap: 'Pisteytettyjä jakoja henkilöä kohden päivässä',
      credit: 'Pisteytys',
    },
  ] as const)(
    'an admin confirms a reported audience above the ceiling on People, and sees the scoring settings ($lang, phone)',
    async (expected) => {
      const { org } = await ctx.newOrg('Yleisö');
      const admin = await ctx.newMember(org.id, {
        roles: ['admin'],
        name: 'Aino Admin',
        locale: expected.lang,
      });
      const advocate = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Paavo Posti' });
      const made = await (
        await ctx.signIn(advocate)
      )
        .post('/api/me/profiles')
        .send({ network: 'x', handle: '@paavo', audienceSize: 2_000_000 });
      expect(made.body).toMatchObject({ audienceSize: 50_000, pendingAudienceSize: 2_000_000 });

      const page = await open({ locale: expected.locale, viewport: 'phone' }, '/login');
      await page.locator('input[name="email"]').fill(admin.email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await heading(page, expected.people);
      const panel = page.getByRole('region', { name: expected.title });
      await panel.getByTestId('pending-audience').waitFor();
      await checkFits(page, 'phone');
      await screenshot(page, `people-audiences-${expected.lang}-phone`);
      await panel.getByRole('button', { name: expected.confirm }).click();
      await panel.getByRole('status').filter({ hasText: expected.done }).waitFor();
      await expectCount(panel.getByTestId('pending-audience'), 0);
      await screenshot(page, `people-audiences-confirmed-${expected.lang}-phone`);
      const [profile] = await server.dataSource.query(
        'SELECT audience_size, pending_audience_size FROM social_profiles WHERE id = $1',
        [made.body.id],
      );
      expect(profile).toEqual({ audience_size: 2_000_000, pending_audience_size: null });

      await page.goto(`${server.baseUrl}/settings`);
      await heading(page, expected.settings);
      const cap = page.getByRole('textbox', { name: expected.cap });
      await cap.waitFor();
      expect(await cap.inputValue()).toBe('10');
      await cap.scrollIntoViewIfNeeded();
      // No sideways scroll (the page's network checkboxes are older than these fields and smaller than 44 px).
      expect(await horizontalOverflow(page)).toBe(0);
      await page
        .getByRole('region', { name: expected.credit })
        .screenshot({ path: `${screenshotDir}/settings-credit-${expected.lang}-phone.png` });
    },
    120_000,
  );

  test('an admin renames a team and is told, next to the field, when a name is taken', async () => {
    const { admin } = await ctx.newOrg('Teams');
    const page = await open({ locale: 'en-US', viewport: 'desktop' }, '/login');
    await signIn(page, admin.email, TEST_PASSWORD);
    await heading(page, 'People');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Teams' })
      .click();
    await heading(page, 'Teams');
    await page.getByLabel('New team name').fill('Sales');
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByText('There is already a team with this name.').waitFor();
    await page.getByLabel('New team name').fill('Marketing');
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByText('Marketing', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Rename Marketing' }).click();
    await page.getByRole('dialog').getByLabel('Team name').fill('Brand');
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Brand', { exact: true }).waitFor();
    await screenshot(page, 'teams-en-desktop');
  });

  test('the only active admin’s dialog says why their role, status and erasing are unavailable', async () => {
    const { org, admin } = await ctx.newOrg('Yksin');
    const page = await open({ locale: 'en-US', viewport: 'desktop' }, '/login');
    await signIn(page, admin.email, TEST_PASSWORD);
    await heading(page, 'People');
    await page.getByRole('button', { name: 'Edit Ada Admin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Ada Admin' });
    await dialog
      .getByRole('note', { name: 'The only active admin' })
      .getByText('Ada Admin is the organisation’s only active admin', { exact: false })
      .waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Admin' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'Status' }).isDisabled()).toBe(true);
    await dialog
      .getByRole('note', { name: 'Why erasing is unavailable' })
      .getByText('cannot be erased', { exact: false })
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Erase personal data…' }).count()).toBe(0);
    await screenshot(page, 'people-last-admin-en-desktop');

    // With a second active admin the controls come back.
    await ctx.newMember(org.id, { roles: ['admin'], name: 'Bea Backup' });
    await page.keyboard.press('Escape');
    await page.reload();
    await heading(page, 'People');
    await page.getByRole('button', { name: 'Edit Ada Admin' }).click();
    await dialog.getByRole('checkbox', { name: 'Admin' }).waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Admin' }).isDisabled()).toBe(false);
    expect(await dialog.getByRole('note', { name: 'The only active admin' }).count()).toBe(0);
  });

  const cases = (['en-US', 'fi-FI'] as const).flatMap((locale) =>
    (['phone', 'desktop'] as ViewportName[]).map((viewport) => ({ locale, viewport })),
  );
  const words = {
    'en-US': {
      lang: 'en',
      people: 'People',
      join: 'Become a fan advocate of Lumo',
      submit: 'Join',
    },
    'fi-FI': {
      lang: 'fi',
      people: 'Ihmiset',
      join: 'Ryhdy organisaation Lumo fanilähettilääksi',
      submit: 'Liity',
    },
  } as const;

  test.each(cases)(
    'People and the join page speak $locale and fit a $viewport',
    async ({ locale, viewport }) => {
      const expected = words[locale];
      const { org } = await ctx.newOrg('Lumo');
      // An admin who saved the language under test: it applies after sign-in.
      const admin = await ctx.newMember(org.id, {
        roles: ['admin'],
        name: 'Aino Admin',
        locale: expected.lang,
      });
      await ctx.newMember(org.id, { roles: ['advocate', 'leader'], name: 'Liisa Leader-Lähettiläs' });
      await ctx.newMember(org.id, { roles: ['advocate'], kind: 'fan', name: 'Frida Fan' });

      const page = await open({ locale, viewport }, '/login');
      await page.locator('input[name="email"]').fill(admin.email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await heading(page, expected.people);
      await page.locator('text=Frida Fan >> visible=true').first().waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(expected.lang);
      await checkFits(page, viewport);
      await screenshot(page, `people-${expected.lang}-${viewport}`);

      const programme = await page.evaluate(async () => {
        const response = await fetch('/api/organisation/fan-programme', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ open: true }),
        });
        return (await response.json()) as { joinUrl: string };
      });
      const join = await open({ locale, viewport }, pathOf(programme.joinUrl));
      await heading(join, expected.join);
      await expectCount(join.getByRole('button', { name: expected.submit, exact: true }), 1);
      await checkFits(join, viewport);
      await screenshot(join, `join-${expected.lang}-${viewport}`);
    },
  );
  const auditWords = {
    'en-US': {
      title: 'Audit log',
      team: 'Sales → Marketing',
      roles: 'Changed roles',
      erased: 'Erased member',
      signIns: 'Show sign-ins',
      signedIn: 'Signed in',
    },
    'fi-FI': {
      title: 'Tapahtumaloki',
      team: 'Sales → Marketing',
      roles: 'Muutti rooleja',
      erased: 'Poistettu jäsen',
      signIns: 'Näytä kirjautumiset',
      signedIn: 'Kirjautui sisään',
    },
  } as const;

  test.each(cases)(
    'the audit log names who did what to whom in $locale and fits a $viewport',
    async ({ locale, viewport }) => {
      const expected = words[locale];
      const said = auditWords[locale];
      const { org, team } = await ctx.newOrg('Loki');
      const admin = await ctx.newMember(org.id, {
        roles: ['admin'],
        name: 'Aino Admin',
        locale: expected.lang,
      });
      const moved = await ctx.newMember(org.id, { name: 'Tuuli Tiimi', teamId: team.id });
      const gone = await ctx.newMember(org.id, { name: 'Eero Erased' });
      const marketing = await ctx.newTeam(org.id, 'Marketing');
      const agent = await ctx.signIn(admin);
      await agent.patch(`/api/people/${moved.id}`).send({ version: 1, teamId: marketing.id }).expect(200);
      await agent
        .patch(`/api/people/${moved.id}`)
        .send({ version: 2, roles: ['advocate', 'curator'] })
        .expect(200);
      await agent
        .patch(`/api/people/${gone.id}`)
        .send({ version: 1, roles: ['advocate', 'leader'] })
        .expect(200);
      await agent.post(`/api/people/${gone.id}/erase`).expect(200);

      const page = await open({ locale, viewport }, '/login');
      await page.locator('input[name="email"]').fill(admin.email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await heading(page, expected.people);
      await page.goto(`${server.baseUrl}/audit-log`);
      await heading(page, said.title);
      const log = page.getByRole('main');
      await log.getByText(said.team).first().waitFor();
      const text = await log.innerText();
      // The actor and the subject by name and address, teams by name, the erased member only as erased.
      expect(text).toContain('Aino Admin');
      expect(text).toContain(admin.email);
      expect(text).toContain('Tuuli Tiimi');
      expect(text).toContain(moved.email);
      expect(text).toContain(said.erased);
      expect(text).toContain(said.roles);
      expect(text).not.toContain('Eero Erased');
      expect(text).not.toContain(gone.email);
      // No raw codes: no ids (the request id aside, kept for support), action names, JSON or field names.
      const plain = text.replace(/(Request|Pyyntö) [0-9a-f-]{36}/g, '');
      expect(plain).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(plain).not.toMatch(/roles_changed|team_changed|\["|to:|from:|teamId|advocate/);
      // Sign-ins are left out until asked for.
      expect(text).not.toContain(said.signedIn);
      await checkFits(page, viewport);
      await screenshot(page, `audit-log-${expected.lang}-${viewport}`);
      await page.getByRole('switch', { name: said.signIns }).check({ force: true });
      await log.getByText(said.signedIn, { exact: true }).first().waitFor();
    },
  );
});
