import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import { waitFor } from '../support/wait';
import { horizontalOverflow, type PageOptions, screenshot, smallTapTargets, useJourney } from './browser';

const { server, ctx, openPage } = useJourney();

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

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

async function fits(page: Page): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  expect(await smallTapTargets(page, 44)).toEqual([]);
}

/** What the identity provider does: a SCIM request with the token. */
async function provider(baseUrl: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id: string } };
}

describe('Provisioning', () => {
  test('on a phone, an admin copies the SCIM URL and a token, the provider provisions, and a group is linked to a team', async () => {
    const { org, admin, team } = await ctx.newOrg('Provisio');
    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, admin.email, '/settings');
    await page.getByRole('link', { name: /Provisioning/ }).click();
    await page.waitForURL((url) => url.pathname === '/settings/provisioning');
    const url = await page.getByRole('textbox', { name: 'SCIM base URL' }).inputValue();
    expect(url).toBe(`${server.baseUrl}/scim/v2`);

    const tokens = page.getByRole('region', { name: 'SCIM tokens' });
    await tokens.getByRole('button', { name: 'Create SCIM token' }).click();
    await tokens.getByText('Give the token a name.').waitFor();
    await tokens.getByRole('textbox', { name: 'Name' }).fill('Microsoft Entra ID');
    await tokens.getByRole('button', { name: 'Create SCIM token' }).click();
    const field = tokens.getByRole('textbox', { name: 'Token' });
    await field.waitFor();
    const token = await field.inputValue();
    expect(token).toMatch(/^heimo_[A-Za-z0-9_-]{43}$/);
    await fits(page);
    await screenshot(page, 'provisioning-token-created-en-phone');
    await tokens.getByRole('button', { name: 'I have copied it' }).click();

    // The provider sends a user and a group with them in it.
    const user = await provider(url, '/Users', token, {
      schemas: [USER],
      userName: 'pia.provisioned@provisio.example',
      displayName: 'Pia Provisioned',
    });
    expect(user.status).toBe(201);
    const group = await provider(url, '/Groups', token, {
      schemas: [GROUP],
      displayName: 'Entra Sales',
      members: [{ value: user.body.id }],
    });
    expect(group.status).toBe(201);

    await page.reload();
    const groups = page.getByRole('region', { name: 'Groups and teams' });
    await groups.getByText('1 member').waitFor();
    await groups.getByRole('textbox', { name: 'Team of Entra Sales' }).click();
    await page.getByRole('option', { name: team.name, exact: true }).click();
    const teamOf = async () =>
      (
        (await server.dataSource.query(
          'SELECT team_id FROM members WHERE organisation_id = $1 AND email = $2',
          [org.id, 'pia.provisioned@provisio.example'],
        )) as { team_id: string | null }[]
      )[0]?.team_id;
    expect(await waitFor(teamOf, (teamId) => teamId === team.id)).toBe(team.id);
    await page
      .getByRole('region', { name: 'SCIM tokens' })
      .getByText(/Last used/)
      .waitFor();
    await fits(page);
    await screenshot(page, 'provisioning-linked-en-phone');

    // People shows who the provider keeps.
    await page.goto(`${server.baseUrl}/people`);
    const card = page.getByRole('listitem').filter({ hasText: 'Pia Provisioned' });
    await card.getByText('Provisioned (SCIM)').waitFor();
    await card.getByText(team.name).waitFor();
    // Their status is the provider's: the dialog says so and does not offer it.
    await card.getByRole('button', { name: 'Edit Pia Provisioned' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Kept by your identity provider: change the status there.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Status' }).isDisabled()).toBe(true);
    await fits(page);
    await screenshot(page, 'provisioning-managed-person-en-phone');
  });

  test('in Finnish on a phone', async () => {
    const { org } = await ctx.newOrg('Provisio FI');
    const finn = await ctx.newMember(org.id, { name: 'Fiia Admin', roles: ['admin'], locale: 'fi' });
    const page = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, finn.email, '/settings/provisioning');
    await page.getByRole('textbox', { name: 'SCIM-perusosoite' }).waitFor();
    const tokens = page.getByRole('region', { name: 'SCIM-tunnisteet' });
    await tokens.getByRole('textbox', { name: 'Nimi' }).fill('Okta');
    await tokens.getByRole('button', { name: 'Luo SCIM-tunniste' }).click();
    await tokens.getByRole('textbox', { name: 'Tunniste' }).waitFor();
    await tokens.getByRole('listitem', { name: 'Okta' }).getByText('Voimassa').waitFor();
    // The organisation's fixture group, not linked yet.
    await page
      .getByRole('region', { name: 'Ryhmät ja tiimit' })
      .getByText('Fixture group', { exact: true })
      .waitFor();
    expect(await page.getByRole('textbox', { name: 'Ryhmän Fixture group tiimi' }).inputValue()).toBe(
      'Ei liitetty',
    );
    await fits(page);
    await screenshot(page, 'provisioning-fi-phone');
    // A team may be made from the group: named after it and linked.
    await page.getByRole('button', { name: 'Luo tiimi ”Fixture group”' }).click();
    await page.getByRole('button', { name: 'Luo tiimi ”Fixture group”' }).waitFor({ state: 'detached' });
    // The button goes as soon as the team is made; the link shows once the groups are read again.
    const linked = page.getByRole('textbox', { name: 'Ryhmän Fixture group tiimi' });
    expect(
      await waitFor(
        () => linked.inputValue(),
        (value) => value === 'Fixture group',
      ),
    ).toBe('Fixture group');
  });
});
