import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type request from 'supertest';
import { TEST_PASSWORD } from '../support/context';
import {
  expectCount,
  horizontalOverflow,
  type PageOptions,
  screenshot,
  signInByCookie,
  smallTapTargets,
  useJourney,
  type ViewportName,
} from './browser';

const { server, ctx, openPage } = useJourney();

/** Opens `path` signed in as `email` (through the API: the sign-in page is the shell journey's). */
async function signedIn(options: PageOptions, email: string, path: string): Promise<Page> {
  return signInByCookie(await openPage(options), server.baseUrl, email, TEST_PASSWORD, path);
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** No sideways scroll, and thumb-sized controls on a phone. */
async function checkFits(page: Page, viewport: ViewportName): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  if (viewport === 'phone') expect(await smallTapTargets(page, 44)).toEqual([]);
}

const policy = {
  kind: 'policy',
  title: { en: 'Social media policy', fi: 'Sosiaalisen median ohje' },
  body: {
    en: [
      '# Before you post',
      '',
      'Share **what is public**, never what is *private*.',
      '',
      '- Add the disclosure hashtag `#employee`.',
      '- Speak in your own voice.',
      '',
      '<script>document.title = "pwned"</script>',
    ].join('\n'),
    fi: '# Ennen kuin julkaiset\n\nJaa **julkista**, älä koskaan *yksityistä*.',
  },
  quiz: null,
  validityDays: 365,
  requiredFor: { kinds: ['employee'], teamIds: [] as string[] },
};

const course = {
  kind: 'course',
  title: { en: 'Private or public?', fi: 'Yksityistä vai julkista?' },
  body: {
    en: '# What you may share\n\n1. The blog and press releases are public.\n2. Roadmaps and salaries are not.',
    fi: '# Mitä saa jakaa\n\n1. Blogi ja tiedotteet ovat julkisia.\n2. Tiekartat ja palkat eivät ole.',
  },
  quiz: {
    passMark: 100,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        text: { en: 'May you share the product roadmap?', fi: 'Saako tuotteen tiekartan jakaa?' },
        options: [
          { id: 'yes', text: { en: 'Yes', fi: 'Kyllä' }, correct: false },
          { id: 'no', text: { en: 'No', fi: 'Ei' }, correct: true },
        ],
        explanation: {
          en: 'Roadmaps stay inside the company until it announces them.',
          fi: 'Tiekartat pysyvät yrityksen sisällä, kunnes se julkistaa ne.',
        },
      },
      {
        id: 'q2',
        kind: 'multiple',
        text: { en: 'Which are public?', fi: 'Mitkä ovat julkisia?' },
        options: [
          { id: 'blog', text: { en: 'The blog', fi: 'Blogi' }, correct: true },
          { id: 'press', text: { en: 'Press releases', fi: 'Tiedotteet' }, correct: true },
          { id: 'salary', text: { en: 'Salaries', fi: 'Palkat' }, correct: false },
        ],
      },
    ],
  },
  validityDays: 30,
  requiredFor: { kinds: ['employee'], teamIds: [] as string[] },
};

/** A curator drafts and publishes a module through the API, as the Studio would. */
async function publishModule(curator: request.Agent, body: object): Promise<{ id: string }> {
  const created = await curator.post('/api/training-modules').send(body);
  expect(created.status).toBe(201);
  const published = await curator
    .post(`/api/training-modules/${created.body.id}/publish`)
    .send({ material: true, revision: created.body.revision });
  expect(published.status).toBe(200);
  return { id: created.body.id as string };
}

function requireTraining(organisationId: string, moduleIds: string[]) {
  return server.dataSource.query(
    `UPDATE organisations SET settings = settings || jsonb_build_object('requiredTrainingModuleIds', $2::jsonb) WHERE id = $1`,
    [organisationId, JSON.stringify(moduleIds)],
  );
}

describe('training, profiles and compliance', () => {
  test('a new employee sees sharing locked, accepts the policy, fails the quiz once, passes, and may share', async () => {
    const { org, curator, team } = await ctx.newOrg('Tuli');
    const curatorAgent = await ctx.signIn(curator);
    const policyModule = await publishModule(curatorAgent, policy);
    const courseModule = await publishModule(curatorAgent, course);
    await requireTraining(org.id, [policyModule.id, courseModule.id]);
    const employee = await ctx.newMember(org.id, {
      roles: ['advocate'],
      name: 'Noora Newcomer',
      teamId: team.id,
    });

    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, employee.email, '/login');
    await heading(page, 'Feed');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Training' })
      .click();
    await heading(page, 'Training');

    // Sharing is locked, and the banner names both modules.
    const banner = page.getByRole('status').filter({ hasText: 'Sharing is locked' });
    await banner.waitFor();
    expect(await banner.getByRole('link').allInnerTexts()).toEqual([
      expect.stringContaining('Social media policy'),
      expect.stringContaining('Private or public?'),
    ]);
    expect(await banner.innerText()).toContain('Finish these 2 modules to unlock sharing');
    expect(await page.getByRole('listitem', { name: 'Social media policy' }).innerText()).toContain(
      'Not started',
    );
    await checkFits(page, 'phone');
    await screenshot(page, 'training-locked-en-phone');

    // The policy, rendered from Markdown; its script stays text.
    await banner.getByRole('link', { name: /Social media policy/ }).click();
    await heading(page, 'Social media policy');
    await page.getByRole('heading', { level: 2, name: 'Before you post' }).waitFor();
    expect(await page.locator('article strong').first().innerText()).toBe('what is public');
    expect(await page.locator('article li').allInnerTexts()).toEqual([
      'Add the disclosure hashtag #employee.',
      'Speak in your own voice.',
    ]);
    expect(await page.locator('article').innerText()).toContain('<script>');
    expect(await page.title()).toBe('Social media policy · Heimo');
    await checkFits(page, 'phone');
    await screenshot(page, 'training-policy-en-phone');
    await page.getByRole('button', { name: 'I accept' }).click();
    await page.getByText('You accepted version 1 on', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Back to training' }).click();
    await heading(page, 'Training');
    await page.getByText('Finish this module to unlock sharing', { exact: false }).waitFor();
    expect(await banner.getByRole('link').allInnerTexts()).toEqual([
      expect.stringContaining('Private or public?'),
    ]);

    // The course: every question needs an answer before anything is sent.
    await banner.getByRole('link', { name: /Private or public\?/ }).click();
    await heading(page, 'Private or public?');
    await page.getByRole('button', { name: 'Send answers' }).click();
    await expectCount(page.getByText('Answer this question.'), 2);
    await checkFits(page, 'phone');

    // One wrong answer: failed, with the score and the pass mark.
    await page.getByRole('radio', { name: 'Yes' }).click();
    await page.getByRole('checkbox', { name: 'The blog' }).click();
    await page.getByRole('checkbox', { name: 'Press releases' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    const result = page.getByRole('status').filter({ has: page.getByRole('heading', { level: 3 }) });
    await result.getByRole('heading', { name: 'Not passed yet' }).waitFor();
    expect(await result.innerText()).toContain('You scored 50%. The pass mark is 100%.');
    // Which question was wrong, with the module's explanation; the right one is not listed.
    const wrong = result.getByRole('region', { name: 'You got this question wrong:' });
    const listed = await wrong.getByRole('listitem').allInnerTexts();
    expect(listed.map((item) => item.replace(/\s+/g, ' ').trim())).toEqual([
      'May you share the product roadmap? Roadmaps stay inside the company until it announces them.',
    ]);
    await checkFits(page, 'phone');
    await screenshot(page, 'training-quiz-failed-en-phone');

    // Again, from a blank form, all right this time.
    await page.getByRole('button', { name: 'Try again' }).click();
    expect(await page.getByRole('radio', { name: 'Yes' }).getAttribute('aria-checked')).toBe('false');
    await page.getByRole('radio', { name: 'No' }).click();
    await page.getByRole('checkbox', { name: 'The blog' }).click();
    await page.getByRole('checkbox', { name: 'Press releases' }).click();
    await screenshot(page, 'training-quiz-en-phone');
    await page.getByRole('button', { name: 'Send answers' }).click();
    await result.getByRole('heading', { name: 'Passed' }).waitFor();
    expect(await result.innerText()).toContain('You scored 100%. The pass mark is 100%.');
    await screenshot(page, 'training-quiz-passed-en-phone');

    // Back on the training page, sharing is unlocked.
    await page.getByRole('link', { name: 'Back to training' }).click();
    await heading(page, 'Training');
    await page.getByRole('status').filter({ hasText: 'You are ready to share' }).waitFor();
    // The list may show what it cached for a moment while it refetches: wait for the fresh one.
    for (const title of ['Social media policy', 'Private or public?'])
      await page
        .getByRole('listitem', { name: title })
        .filter({ hasText: /Passed/ })
        .waitFor();
    await checkFits(page, 'phone');
    await screenshot(page, 'training-ready-en-phone');

    const readiness = await (await ctx.signIn(employee)).get('/api/me/readiness');
    expect(readiness.body).toEqual({ mayShare: true, blocking: [] });
  }, 180_000);

  test('an advocate adds, corrects and removes a profile on a phone, and reads audiences in Finnish', async () => {
    const { org } = await ctx.newOrg('Verkko');
    const member = await ctx.newMember(org.id, { roles: ['advocate'], name: 'Pia Profile' });

    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, member.email, '/profile');
    await heading(page, 'Profile');
    await page.getByText('No profiles yet', { exact: false }).waitFor();
    await checkFits(page, 'phone');

    // Told at once, next to the field, when the audience is not a whole number.
    await page.getByRole('button', { name: 'Add a profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a profile' });
    await dialog.getByLabel('Network', { exact: true }).click();
    await page.getByRole('option', { name: 'LinkedIn' }).click();
    await dialog.getByLabel('Handle or profile name').fill('@pia');
    await dialog.getByLabel('Followers or connections').fill('1.5');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.getByText('Enter a whole number, without decimals or letters.').waitFor();
    await dialog.getByLabel('Followers or connections').fill('3000000000');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.getByText('Enter a whole number from 0 to 2,000,000,000.').waitFor();
    await screenshot(page, 'profile-dialog-en-phone');
    await dialog.getByLabel('Followers or connections').fill('12,500');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('status').filter({ hasText: 'LinkedIn profile added.' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const linkedin = page.getByRole('listitem', { name: 'LinkedIn', exact: true });
    expect(await linkedin.innerText()).toContain('12,500 followers or connections');
    expect(await linkedin.innerText()).toContain('@pia');
    await checkFits(page, 'phone');
    await screenshot(page, 'profile-en-phone');

    // The API's word on a field shows next to it: a second profile on the same network is refused.
    const agent = await ctx.signIn(member);
    expect(
      (await agent.post('/api/me/profiles').send({ network: 'x', handle: '@pia_x', audienceSize: 7 })).status,
    ).toBe(201);
    await page.getByRole('button', { name: 'Edit the LinkedIn profile' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the LinkedIn profile' });
    await edit.getByLabel('Followers or connections').fill('13 000');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'LinkedIn profile saved.' }).waitFor();
    expect(await linkedin.innerText()).toContain('13,000 followers or connections');
    await page.getByRole('listitem', { name: 'X', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Remove the X profile' }).click();
    await page
      .getByRole('dialog', { name: 'Remove the X profile?' })
      .getByRole('button', { name: 'Remove profile' })
      .click();
    await page.getByRole('status').filter({ hasText: 'X profile removed.' }).waitFor();
    expect(await page.getByRole('listitem', { name: 'X', exact: true }).count()).toBe(0);

    // The same list in Finnish: numbers grouped the Finnish way.
    const finnish = await ctx.newMember(org.id, {
      roles: ['advocate'],
      name: 'Kaisa Käyttäjä',
      locale: 'fi',
    });
    await ctx.newProfile(finnish, { network: 'bluesky', handle: '@kaisa.bsky.social', audienceSize: 12_500 });
    const fiPage = await signedIn({ locale: 'fi-FI', viewport: 'phone' }, finnish.email, '/profile');
    await heading(fiPage, 'Profiili');
    const bluesky = fiPage.getByRole('listitem', { name: 'Bluesky', exact: true });
    expect(await bluesky.innerText()).toMatch(/12\s500 seuraajaa tai kontaktia/);
    await checkFits(fiPage, 'phone');
    await screenshot(fiPage, 'profile-fi-phone');

    // The language is a profile setting: switched here, it is saved and the page speaks it at once.
    const language = fiPage.getByRole('region', { name: 'Kieli' });
    await language.getByText('English', { exact: true }).click();
    await heading(fiPage, 'Profile');
    await fiPage.getByRole('region', { name: 'Language' }).getByText('Saved', { exact: false }).waitFor();
    expect((await (await ctx.signIn(finnish)).get('/api/me')).body.locale).toBe('en');
  }, 120_000);

  test('a curator reads compliance per team, who has lapsed, the module that blocks most, and downloads the CSV', async () => {
    const { org, curator, team, advocate } = await ctx.newOrg('Kompassi');
    const curatorAgent = await ctx.signIn(curator);
    const policyModule = await publishModule(curatorAgent, { ...policy, validityDays: 30 });
    const courseModule = await publishModule(curatorAgent, course);
    await requireTraining(org.id, [policyModule.id, courseModule.id]);
    const marketing = await ctx.newTeam(org.id, 'Marketing');
    const ready = await ctx.newMember(org.id, {
      roles: ['advocate'],
      name: 'Reija Ready',
      teamId: marketing.id,
    });
    const lapsed = await ctx.newMember(org.id, {
      roles: ['advocate'],
      name: 'Lauri Lapsed',
      teamId: team.id,
    });
    for (const member of [ready, lapsed]) {
      const agent = await ctx.signIn(member);
      expect((await agent.post(`/api/training/${policyModule.id}/accept`).send({ version: 1 })).status).toBe(
        200,
      );
      const attempt = await agent.post(`/api/training/${courseModule.id}/attempts`).send({
        answers: [
          { questionId: 'q1', optionIds: ['no'] },
          { questionId: 'q2', optionIds: ['blog', 'press'] },
        ],
      });
      expect(attempt.body.passed).toBe(true);
    }
    // Lauri accepted the policy 40 days ago: a 30-day pass has expired.
    await server.dataSource.query(
      `UPDATE training_completions SET completed_at = completed_at - interval '40 days' WHERE member_id = $1 AND module_id = $2`,
      [lapsed.id, policyModule.id],
    );

    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, curator.email, '/login');
    await heading(page, 'Studio');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Training modules' })
      .click();
    await heading(page, 'Training & compliance');

    // Overall: Reija of Aku, Reija and Lauri may share; the policy blocks both others.
    await page.getByText('1 of 3 may share').first().waitFor();
    const sales = page.getByRole('listitem', { name: 'Sales' });
    expect(await sales.innerText()).toContain('0 of 2 may share');
    expect(await sales.innerText()).toContain('Most blocking: Social media policy (2 people)');
    expect(await page.getByRole('listitem', { name: 'Marketing' }).innerText()).toContain('1 of 1 may share');
    await expectCount(page.getByText('Stops 2 people from sharing'), 1);
    const lapsedRow = page.getByRole('listitem').filter({ hasText: 'Lauri Lapsed' });
    expect(await lapsedRow.innerText()).toContain('Expired');
    expect(await lapsedRow.innerText()).toContain('Social media policy');
    expect(await page.getByRole('row', { name: /Social media policy/ }).innerText()).toMatch(
      /Social media policy\s+3\s+1\s+1\s+0\s+1\s+0\s+2/,
    );
    const catalogue = page.getByRole('region', { name: 'Training modules' });
    expect(await catalogue.getByRole('listitem').allInnerTexts()).toEqual([
      // The test context's own module: published, required of nobody.
      expect.stringMatching(/^Fixture module[\s\S]*no expiry[\s\S]*Policy\s+Edit$/),
      expect.stringMatching(
        /^Social media policy\s+Version 1, published .* · valid 30 days[\s\S]*Required\s+Edit$/,
      ),
      expect.stringMatching(
        /^Private or public\?[\s\S]*quiz, pass mark 100%[\s\S]*Course\s+Required\s+Edit$/,
      ),
    ]);
    await checkFits(page, 'desktop');
    await screenshot(page, 'compliance-en-desktop');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('heimo-training-compliance.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('Lauri Lapsed');
    expect(csv).toContain('expired');

    // Nothing breaks on a phone.
    const phone = await signedIn({ locale: 'en-US', viewport: 'phone' }, curator.email, '/training-modules');
    await heading(phone, 'Training & compliance');
    await phone.getByText('1 of 3 may share').first().waitFor();
    await checkFits(phone, 'phone');
    await screenshot(phone, 'compliance-en-phone');

    // An advocate is told the page is not for their role.
    const advocatePage = await signedIn(
      { locale: 'en-US', viewport: 'desktop' },
      advocate.email,
      '/training-modules',
    );
    await heading(advocatePage, 'You cannot open this page');
  }, 180_000);
});
