import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/context';
import {
  horizontalOverflow,
  type PageOptions,
  screenshot,
  smallTapTargets,
  useJourney,
  type ViewportName,
} from './browser';

const { server, ctx, openPage } = useJourney();

/** A phone (375 px) or a laptop 1366 px wide. */
async function open(locale: PageOptions['locale'], viewport: ViewportName, path: string): Promise<Page> {
  const options: PageOptions = { locale, viewport };
  const { page } = await openPage(options);
  if (viewport === 'desktop') await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
}

function requireTraining(organisationId: string, moduleIds: string[]) {
  return server.dataSource.query(
    `UPDATE organisations SET settings = settings || jsonb_build_object('requiredTrainingModuleIds', $2::jsonb) WHERE id = $1`,
    [organisationId, JSON.stringify(moduleIds)],
  );
}

/** The curator's editor: fill one text field by its label. */
async function fill(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(text);
}

/** Saves the draft, then publishes it as a material change or a correction. */
async function publish(page: Page, change: 'Material change' | 'Correction' | null, version: number) {
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
  if (change) await page.getByRole('radio', { name: new RegExp(`^${change}`) }).check();
  await page.getByRole('button', { name: `Publish version ${version}` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Version ${version} is published.` })
    .waitFor();
}

describe('training authoring', () => {
  test('a curator writes a bilingual course with a quiz and publishes it; an advocate passes it and may share', async () => {
    const { org, curator } = await ctx.newOrg('Kide');
    const page = await open('en-US', 'desktop', '/login');
    await signIn(page, curator.email);
    await page.goto(`${server.baseUrl}/training-modules`);
    await heading(page, 'Training & compliance');
    await page.getByRole('link', { name: 'New module' }).first().click();
    await heading(page, 'New training module');

    // Nothing written yet: the shared rules mark what is missing, and nothing is sent.
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fix the marked fields' }).waitFor();
    expect(await page.getByText('This cannot be empty.').count()).toBeGreaterThan(0);

    // English and Finnish, with a Markdown body shown as advocates will read it.
    await page.getByRole('checkbox', { name: 'Finnish' }).check();
    await fill(page, 'Title (English)', 'Sharing safely');
    await fill(
      page,
      'Body in Markdown (English)',
      '# What you may share\n\nShare what is **public**, never what is *private*.\n\n- The blog\n- Press releases',
    );
    const live = page.getByLabel('Live preview');
    await live.getByRole('heading', { name: 'What you may share' }).waitFor();
    expect(await live.locator('strong').innerText()).toBe('public');
    await page.getByRole('tab', { name: 'Finnish' }).click();
    await fill(page, 'Title (Finnish)', 'Turvallinen jakaminen');
    await fill(
      page,
      'Body in Markdown (Finnish)',
      '# Mitä saa jakaa\n\nJaa **julkista**, älä koskaan *yksityistä*.',
    );
    await live.getByRole('heading', { name: 'Mitä saa jakaa' }).waitFor();

    // The quiz: one single-choice question with an explanation, one with several right answers.
    const first = page.getByRole('group', { name: 'Question 1', exact: true });
    await fill(page, 'Question (English)', 'May you share the product roadmap?');
    await fill(page, 'Question (Finnish)', 'Saako tuotteen tiekartan jakaa?');
    await first.getByLabel('Option 1 (English)').fill('Yes');
    await first.getByLabel('Option 1 (Finnish)').fill('Kyllä');
    await first.getByLabel('Option 2 (English)').fill('No');
    await first.getByLabel('Option 2 (Finnish)').fill('Ei');
    await first.getByRole('radio', { name: 'Option 2 is right' }).check();
    await first.getByLabel('Explanation (English)').fill('Roadmaps stay inside until announced.');
    await first
      .getByLabel('Explanation (Finnish)')
      .fill('Tiekartat pysyvät sisäisinä, kunnes ne julkistetaan.');
    await page.getByRole('button', { name: 'Add a question' }).click();
    const second = page.getByRole('group', { name: 'Question 2', exact: true });
    await second.getByText('Several right answers').click();
    await second.getByLabel('Question (English)').fill('Which are public?');
    await second.getByLabel('Question (Finnish)').fill('Mitkä ovat julkisia?');
    await second.getByLabel('Option 1 (English)').fill('The blog');
    await second.getByLabel('Option 1 (Finnish)').fill('Blogi');
    await second.getByLabel('Option 2 (English)').fill('Salaries');
    await second.getByLabel('Option 2 (Finnish)').fill('Palkat');
    await second.getByRole('button', { name: 'Add an option' }).click();
    await second.getByLabel('Option 3 (English)').fill('Press releases');
    await second.getByLabel('Option 3 (Finnish)').fill('Tiedotteet');
    await second.getByRole('checkbox', { name: 'Option 3 is right' }).check();
    await page.getByLabel('Pass mark').fill('100');
    await checkFits(page, 'desktop');
    await screenshot(page, 'authoring-editor-en-desktop');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/training-modules\/[0-9a-f-]{36}$/);
    await heading(page, 'Sharing safely');
    const moduleId = page.url().split('/').pop()!;

    // As an advocate would see it, in Finnish, the quiz scored in place.
    await page.getByText('Preview as an advocate').click();
    await page.getByText('Finnish', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Turvallinen jakaminen' }).waitFor();
    await page.getByRole('article').getByRole('heading', { name: 'Mitä saa jakaa' }).waitFor();
    await page.getByRole('radio', { name: 'Kyllä' }).click();
    await page.getByRole('checkbox', { name: 'Blogi' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('status').filter({ hasText: 'Not passed yet' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Not passed yet' }).innerText()).toContain(
      'Tiekartat pysyvät sisäisinä',
    );
    await checkFits(page, 'desktop');
    await screenshot(page, 'authoring-preview-fi-desktop');
    await page.getByText('Edit', { exact: true }).click();

    // The first version: everyone it applies to takes it.
    await page.getByText('The first version: everyone it applies to must take it.').waitFor();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 is published.' }).waitFor();
    await screenshot(page, 'authoring-published-en-desktop');
    await requireTraining(org.id, [moduleId]);

    // An employee in Finnish on a phone: locked, passes the quiz, ready to share.
    const employee = await ctx.newMember(org.id, { name: 'Eeva Employee', locale: 'fi' });
    const phone = await open('fi-FI', 'phone', '/login');
    await signIn(phone, employee.email);
    await phone.goto(`${server.baseUrl}/training`);
    await heading(phone, 'Koulutus');
    await phone.getByRole('status').filter({ hasText: 'Jakaminen on lukittu' }).waitFor();
    await phone
      .getByRole('link', { name: /Turvallinen jakaminen/ })
      .first()
      .click();
    await heading(phone, 'Turvallinen jakaminen');
    await phone.getByRole('radio', { name: 'Ei' }).click();
    await phone.getByRole('checkbox', { name: 'Blogi' }).click();
    await phone.getByRole('checkbox', { name: 'Tiedotteet' }).click();
    await phone.getByRole('button', { name: 'Lähetä vastaukset' }).click();
    await phone.getByRole('heading', { level: 3, name: 'Läpäisty' }).waitFor();
    await checkFits(phone, 'phone');
    await screenshot(phone, 'authoring-advocate-passed-fi-phone');
    await phone.goto(`${server.baseUrl}/training`);
    await phone.getByRole('status').filter({ hasText: 'Voit jakaa' }).waitFor();
    await checkFits(phone, 'phone');
    await screenshot(phone, 'authoring-advocate-ready-fi-phone');
  });

  test('a correction leaves the advocate passed; a material change sends them back', async () => {
    const { org, curator } = await ctx.newOrg('Routa');
    const curatorAgent = await ctx.signIn(curator);
    const created = await curatorAgent.post('/api/training-modules').send({
      kind: 'policy',
      title: { en: 'Social media policy' },
      body: { en: '# Before you post\n\nSpeak in your own voice. Add #employee.' },
      quiz: null,
      validityDays: null,
      requiredFor: { kinds: ['employee'], teamIds: [] },
    });
    expect(created.status).toBe(201);
    await curatorAgent
      .post(`/api/training-modules/${created.body.id}/publish`)
      .send({ material: true, revision: created.body.revision })
      .expect(200);
    await requireTraining(org.id, [created.body.id]);
    const employee = await ctx.newMember(org.id, { name: 'Aku Advocate' });
    await (
      await ctx.signIn(employee)
    )
      .post(`/api/training/${created.body.id}/accept`)
      .send({ version: 1 })
      .expect(200);

    // The curator, on a phone, fixes a typo and publishes it as a correction.
    const page = await open('en-US', 'phone', '/login');
    await signIn(page, curator.email);
    await page.goto(`${server.baseUrl}/training-modules/${created.body.id}`);
    await heading(page, 'Social media policy');
    await fill(
      page,
      'Body in Markdown (English)',
      '# Before you post\n\nSpeak in your own voice. Add the hashtag #employee.',
    );
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    await page.getByRole('radio', { name: /^Correction/ }).check();
    await checkFits(page, 'phone');
    await screenshot(page, 'authoring-correction-en-phone');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 is published.' }).waitFor();

    // The advocate is still passed and may share.
    const advocate = await open('en-US', 'desktop', '/login');
    await signIn(advocate, employee.email);
    await advocate.goto(`${server.baseUrl}/training`);
    await heading(advocate, 'Training');
    await advocate.getByRole('status').filter({ hasText: 'You are ready to share' }).waitFor();
    expect(await advocate.getByRole('listitem', { name: 'Social media policy' }).innerText()).toContain(
      'Passed',
    );
    await checkFits(advocate, 'desktop');
    await screenshot(advocate, 'authoring-after-correction-en-desktop');

    // A material change: new rules; the advocate must accept again before sharing.
    await fill(
      page,
      'Body in Markdown (English)',
      '# Before you post\n\nSpeak in your own voice. Add the hashtag #employee.\n\nNever post customer names.',
    );
    await publish(page, 'Material change', 3);
    await checkFits(page, 'phone');
    await screenshot(page, 'authoring-material-en-phone');
    await advocate.reload();
    await advocate.getByRole('status').filter({ hasText: 'Sharing is locked' }).waitFor();
    expect(await advocate.getByRole('listitem', { name: 'Social media policy' }).innerText()).toContain(
      'New version',
    );
    await checkFits(advocate, 'desktop');
    await screenshot(advocate, 'authoring-after-material-en-desktop');
  });

  test('a Finnish curator on a phone sees what to fix, in Finnish, before anything is sent', async () => {
    const { org } = await ctx.newOrg('Hanki');
    const curator = await ctx.newMember(org.id, {
      roles: ['curator'],
      name: 'Kaisa Kuraattori',
      locale: 'fi',
    });
    const page = await open('fi-FI', 'phone', '/login');
    await signIn(page, curator.email);
    await page.goto(`${server.baseUrl}/training-modules/new`);
    await heading(page, 'Uusi koulutusmoduuli');
    await page.getByLabel('Hyväksymisraja').fill('120');
    await page.getByRole('button', { name: 'Luo luonnos' }).click();
    await page.getByRole('alert').filter({ hasText: 'Korjaa merkityt kentät' }).waitFor();
    await page.getByText('Hyväksymisraja on kokonainen prosentti väliltä 1–100.').waitFor();
    expect(await page.getByText('Tämä ei voi olla tyhjä.').count()).toBeGreaterThan(0);
    await checkFits(page, 'phone');
    await screenshot(page, 'authoring-errors-fi-phone');
    // Nothing was written.
    expect(
      await server.dataSource.query(
        'SELECT count(*)::int AS n FROM training_modules WHERE organisation_id = $1',
        [org.id],
      ),
    ).toEqual([{ n: 1 }]);
  });
});
