import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../apps/api/src/modules/demo/demo-seed';
import { ClickIngestor } from '../../apps/api/src/modules/sharing/clicks/click-ingestor';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import {
  expectCount,
  horizontalOverflow,
  type PageOptions,
  screenshot,
  screenshotDir,
  signInByCookie,
  smallTapTargets,
  useJourney,
} from './browser';

// The demo organisation has 90 days of shares, clicks and rollups: the leader's figures are real sums.
const LEADER = 'leader@demo.heimo.test';
const ADVOCATE = 'advocate@demo.heimo.test';

const { server, openPage } = useJourney();

beforeAll(async () => {
  await seedDemo(server.dataSource);
  // A share made today, so the current week, month, quarter and year have figures even on their first day.
  const [advocate] = (await server.dataSource.query(
    'SELECT id, organisation_id AS "organisationId" FROM members WHERE email = $1',
    [ADVOCATE],
  )) as { id: string; organisationId: string }[];
  const [pack] = (await server.dataSource.query(
    `SELECT id, slug, destination_url AS "destinationUrl" FROM packs
      WHERE organisation_id = $1 AND status = 'published' ORDER BY published_at DESC LIMIT 1`,
    [advocate?.organisationId],
  )) as { id: string; slug: string; destinationUrl: string | null }[];
  const share = await newShare(server.dataSource, advocate!, pack!, {
    network: 'linkedin',
    audienceSize: 650,
  });
  // Its 22 visitors today came from two networks but two: 10 of them earn no points, and it is flagged.
  const network = () => randomBytes(8).toString('hex');
  const [a, b] = [network(), network()];
  await server.app.get(ClickIngestor).ingest(
    Array.from({ length: 22 }, (_, i) => ({
      id: randomUUID(),
      at: Date.now() - 60_000 + i,
      shareId: share.id,
      visitor: randomBytes(16).toString('hex'),
      previewReason: null,
      referrerHost: null,
      network: i < 10 ? a : i < 20 ? b : network(),
    })),
  );
}, 180_000);

/**
 * Opens `path` signed in (through the API: the sign-in page is the shell journey's); /login sends
 * someone signed in to their home, as after signing in there.
 */
async function signedIn(
  options: PageOptions,
  email: string,
  password = DEMO_PASSWORD,
  path = '/login',
): Promise<Page> {
  return signInByCookie(await openPage(options), server.baseUrl, email, password, path);
}

async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** Waits for the page's skeletons to give way to figures. */
async function loaded(page: Page): Promise<void> {
  await page.locator('main [aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/** Intl puts (narrow) no-break spaces in Finnish numbers; compare them as plain spaces. */
function plain(text: string): string {
  return text.replace(/\s/g, ' ').trim();
}

async function figure(page: Page, id: string): Promise<string> {
  return plain(await page.getByTestId(`figure-value-${id}`).innerText());
}

interface DashboardAnswer {
  window: { from: string; to: string; previousFrom: string; previousTo: string };
  currency: string;
  kpis: Record<string, { value: number | null; change: number | null }>;
  series: unknown[];
  topPacks: { title: string }[];
}

/** The same answer the page shows, read with the page's own session. */
async function dashboardAnswer(page: Page, query: string): Promise<DashboardAnswer> {
  const response = await page.request.get(`${server.baseUrl}/api/insights/dashboard?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as DashboardAnswer;
}

async function downloadCsv(page: Page, name: string | RegExp): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).first().click(),
  ]);
  return readFile((await download.path())!, 'utf8');
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A full-page screenshot from the top, so the sticky header sits where it belongs. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Status badges whose text does not fit them (Mantine cuts it with "…"), by their text. */
function cutBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.mantine-Badge-root')]
      .filter((badge) => {
        const label = badge.querySelector<HTMLElement>('.mantine-Badge-label') ?? badge;
        return (
          badge.offsetParent !== null &&
          (label.scrollWidth > label.clientWidth || badge.scrollWidth > badge.clientWidth)
        );
      })
      .map((badge) => badge.innerText),
  );
}

/** How far the ranked figure's column (the sorted one) reaches past the right edge of the viewport. */
function rankedColumnPastViewport(page: Page): Promise<number> {
  return page.evaluate(() => {
    const cells = [
      ...document.querySelectorAll<HTMLElement>('th[aria-sort="descending"], td[data-ranked-figure="true"]'),
    ];
    if (cells.length === 0) throw new Error('no ranked column');
    return Math.max(...cells.map((cell) => cell.getBoundingClientRect().right)) - window.innerWidth;
  });
}

/** Signs a demo person in with their saved language set to `locale`. */
async function signedInAs(
  options: PageOptions,
  email: string,
  locale: 'en' | 'fi',
  path = '/login',
): Promise<Page> {
  await server.dataSource.query('UPDATE members SET locale = $2 WHERE email = $1', [email, locale]);
  return signedIn(options, email, DEMO_PASSWORD, path);
}

describe('insights', () => {
  test('a leader lands on the dashboard, reads and switches periods, ranks members and teams, downloads CSVs and reads it all in Finnish', async () => {
    const page = await signedInAs({ locale: 'en-US', viewport: 'desktop' }, LEADER, 'en');

    // Insights is the leader's home.
    await heading(page, 'Dashboard');
    expect(new URL(page.url()).pathname).toBe('/insights');
    await loaded(page);
    const month = await dashboardAnswer(page, 'period=month');
    const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    expect(month.kpis.reach?.value).toBeGreaterThan(0);
    expect(await figure(page, 'reach')).toBe(integer.format(month.kpis.reach?.value ?? 0));
    expect(await figure(page, 'clicks')).toBe(integer.format(month.kpis.clicks?.value ?? 0));
    expect(await figure(page, 'emvMinor')).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency: month.currency }).format(
        (month.kpis.emvMinor?.value ?? 0) / 100,
      ),
    );
    expect(await page.title()).toBe('Dashboard · Heimo');

    // Every figure explains itself; EMV with its formula and the rates.
    const emvInfo = page.getByRole('button', { name: 'What is Earned media value?' });
    await emvInfo.click();
    const emv = page.getByRole('note', { name: 'Earned media value' });
    await emv.waitFor();
    expect(await emv.innerText()).toContain('Σ reach / 1000 × CPM');
    await expectCount(emv.getByRole('row', { name: /LinkedIn/ }), 1);
    await screenshot(page, 'insights-emv-definition-en-desktop');
    await emvInfo.click();
    await emv.waitFor({ state: 'hidden' });

    // The charts, the tables and the window they cover.
    for (const name of ['Reach and clicks over time', 'By network', 'By team', 'Top packs', 'Top advocates'])
      await page.getByRole('region', { name }).waitFor();
    await expectCount(page.getByRole('img', { name: /Line chart of earned reach and clicks/ }), 1);
    await shot(page, 'insights-dashboard-en-desktop');

    // A chart's table alternative has one row per day of the window.
    const trend = page.getByRole('region', { name: 'Reach and clicks over time' });
    await trend.getByRole('button', { name: 'Show as table' }).click();
    expect(await trend.getByRole('table').locator('tbody tr').count()).toBe(month.series.length);

    // A period switch goes to the URL and to the figures.
    await choose(page, 'Period', 'This year');
    await page.waitForURL(/period=year/);
    const year = await dashboardAnswer(page, 'period=year');
    await page
      .getByTestId('figure-value-reach')
      .filter({ hasText: integer.format(year.kpis.reach?.value ?? 0) })
      .waitFor();
    expect(year.kpis.reach?.value ?? 0).toBeGreaterThanOrEqual(month.kpis.reach?.value ?? 0);
    // A year to date is compared with the same days of the previous year (not the 341 days before it).
    const thisYear = Number(year.window.to.slice(0, 4));
    expect(year.window.previousFrom).toBe(`${thisYear - 1}-01-01`);
    expect(year.window.previousTo).toBe(`${thisYear - 1}${year.window.to.slice(4)}`);
    await page
      .getByTestId('insights-window')
      .filter({ hasText: new RegExp(`compared with Jan 1.*${thisYear - 1}`) })
      .waitFor();

    // Each table downloads as CSV with the page's filters.
    const packsCsv = await downloadCsv(page, 'Download Top packs as CSV');
    expect(packsCsv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'pack_id,title,shares,reach,clicks,unique_clicks',
    );
    expect(packsCsv).toContain(year.topPacks[0]?.title ?? '');

    // The member leaderboard: the leader's own row is marked wherever it falls.
    await page
      .getByRole('navigation', { name: 'Insights pages' })
      .getByRole('link', { name: 'Leaderboards' })
      .click();
    await heading(page, 'Leaderboards');
    await loaded(page);
    expect(new URL(page.url()).search).toBe('?period=year');
    // Advocates only: the leader (no advocate role) reads the board without a row of her own, and
    // the admin and curator are not on it either.
    await page.getByRole('table').waitFor();
    const own = page.locator('tr[data-caller="true"]');
    await expectCount(own, 0);
    for (const name of ['Liisa Leader', 'Aada Admin', 'Kalle Curator'])
      expect(await page.getByRole('table').getByText(name).count()).toBe(0);
    await choose(page, 'Ranked by', 'Clicks');
    await page.waitForURL(/metric=clicks/);
    await page.getByRole('heading', { name: 'Members by Clicks' }).waitFor();
    const boardCsv = await downloadCsv(page, /Download Members by Clicks as CSV/);
    expect(boardCsv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'rank,position,name,team,shares,reach,clicks,unique_clicks,points',
    );
    expect(boardCsv).not.toContain('Liisa Leader');
    // The year to date, as on the dashboard.
    await choose(page, 'Period', 'This year');
    await page.waitForURL(/period=year/);
    await loaded(page);
    await shot(page, 'insights-leaderboards-en-desktop');

    // The team leaderboard, by total and per member.
    await page
      .getByRole('navigation', { name: 'Insights pages' })
      .getByRole('link', { name: 'Team leaderboard' })
      .click();
    await heading(page, 'Team leaderboard');
    await loaded(page);
    const ownTeam = page.locator('tr[data-callers-team="true"]');
    expect(await ownTeam.innerText()).toContain('Sales');
    expect(await ownTeam.innerText()).toContain('Your team');
    await page.getByText('Per member', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Rank (Total)' }).waitFor();
    const teamsCsv = await downloadCsv(page, /Download Teams by Clicks as CSV/);
    expect(teamsCsv).toContain('Sales');
    await shot(page, 'insights-teams-en-desktop');

    // In Finnish: the words, the numbers and the dates.
    await page.getByRole('button', { name: 'Account menu for Liisa Leader' }).click();
    await page.getByRole('dialog').getByText('Suomi', { exact: true }).click();
    await heading(page, 'Tiimien tulostaulu');
    await page.keyboard.press('Escape');
    await page
      .getByRole('navigation', { name: 'Analytiikan sivut' })
      .getByRole('link', { name: 'Koontinäkymä' })
      .click();
    await heading(page, 'Koontinäkymä');
    await loaded(page);
    const finnish = new Intl.NumberFormat('fi', { maximumFractionDigits: 0 });
    expect(await figure(page, 'reach')).toBe(plain(finnish.format(year.kpis.reach?.value ?? 0)));
    expect(plain(await page.getByTestId('insights-window').innerText())).toMatch(/verrattuna jaksoon/);
    expect(await page.getByRole('region', { name: 'Tavoittavuus ja klikkaukset ajan mittaan' }).count()).toBe(
      1,
    );
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'insights-dashboard-fi-desktop');
  }, 180_000);

  test('the insights pages fit a phone', async () => {
    const page = await signedInAs({ locale: 'en-US', viewport: 'phone' }, LEADER, 'en');
    await heading(page, 'Dashboard');
    await loaded(page);
    await page.getByRole('region', { name: 'By network' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'insights-dashboard-en-phone');

    // Wide tables scroll inside their own box, never the page.
    for (const [path, title, name] of [
      ['/insights/leaderboards', 'Leaderboards', 'insights-leaderboards-en-phone'],
      ['/insights/teams', 'Team leaderboard', 'insights-teams-en-phone'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await heading(page, title);
      await loaded(page);
      await page.getByRole('table').waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      await shot(page, name);
    }
  }, 120_000);

  test('leaders see the clicks to check per advocate with the reason, in English and Finnish on a phone', async () => {
    for (const locale of ['en', 'fi'] as const) {
      const page = await signedInAs({ locale: 'en-US', viewport: 'phone' }, LEADER, locale);
      await heading(page, locale === 'en' ? 'Dashboard' : 'Koontinäkymä');
      await loaded(page);
      const section = page.getByRole('region', {
        name: locale === 'en' ? 'Clicks to check' : 'Tarkistettavat klikkaukset',
      });
      const row = section.getByRole('row').filter({ hasText: 'Eero Employee' });
      await row.waitFor();
      await expect(row.innerText()).resolves.toMatch(
        locale === 'en'
          ? /10 clicks came from networks past their 5 visitors[\s\S]*1 share got up to 90\.9\s?% of its visitors from 2 networks/
          : /10 klikkausta tuli verkoista[\s\S]*1 jako sai jopa 90,9\s?% kävijöistään 2 verkosta/,
      );
      expect(await horizontalOverflow(page)).toBe(0);
      // The reasons and both figures are on screen: the table does not scroll inside its box either.
      const past = await section.evaluate(
        (box) =>
          box.querySelector('table')!.getBoundingClientRect().right - box.getBoundingClientRect().right,
      );
      expect({ locale, past: past <= 0 }).toEqual({ locale, past: true });
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: join(screenshotDir, `insights-anomalies-${locale}-phone.png`) });
      await page.close();
    }
    await server.dataSource.query('UPDATE members SET locale = $2 WHERE email = $1', [LEADER, 'en']);
  }, 120_000);

  test('on a phone the ranked figure is on screen, in English and Finnish', async () => {
    for (const locale of ['en', 'fi'] as const) {
      const page = await signedInAs({ locale: 'en-US', viewport: 'phone' }, LEADER, locale);
      await heading(page, locale === 'en' ? 'Dashboard' : 'Koontinäkymä');
      for (const metric of ['points', 'reach'] as const) {
        await page.goto(`${server.baseUrl}/insights/leaderboards?period=year&metric=${metric}`);
        await heading(page, locale === 'en' ? 'Leaderboards' : 'Tulostaulut');
        await loaded(page);
        await page.getByRole('table').waitFor();
        const past = await rankedColumnPastViewport(page);
        expect({ locale, metric, past, fits: past <= 0 }).toEqual({ locale, metric, past, fits: true });
        expect(await horizontalOverflow(page)).toBe(0);
      }
      await shot(page, `insights-leaderboards-ranked-${locale}-phone`);
      // The team board too: the figure the teams are ranked by, by total and per member.
      await page.goto(`${server.baseUrl}/insights/teams?period=year`);
      await heading(page, locale === 'en' ? 'Team leaderboard' : 'Tiimien tulostaulu');
      await loaded(page);
      await page.getByRole('table').waitFor();
      expect(await rankedColumnPastViewport(page)).toBeLessThanOrEqual(0);
      await page.getByText(locale === 'en' ? 'Per member' : 'Jäsentä kohden', { exact: true }).click();
      await page.locator('td[data-ranked-figure="true"]').first().waitFor();
      expect(await rankedColumnPastViewport(page)).toBeLessThanOrEqual(0);
      expect(await horizontalOverflow(page)).toBe(0);
      await shot(page, `insights-teams-ranked-${locale}-phone`);
    }
    await server.dataSource.query('UPDATE members SET locale = $2 WHERE email = $1', [LEADER, 'en']);
  }, 180_000);

  test('no status badge is cut, in English and Finnish, on a phone and a desktop', async () => {
    const pages = [
      ['admin@demo.heimo.test', '/people'],
      ['curator@demo.heimo.test', '/studio'],
      [ADVOCATE, '/training'],
    ] as const;
    const saved = (await server.dataSource.query(
      'SELECT email, locale FROM members WHERE email = ANY($1::text[])',
      [[...new Set(pages.map(([email]) => email))]],
    )) as { email: string; locale: string }[];
    for (const viewport of ['phone', 'desktop'] as const)
      for (const locale of ['en', 'fi'] as const)
        for (const [email, path] of pages) {
          const page = await signedInAs({ locale: 'en-US', viewport }, email, locale, path);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await loaded(page);
          // Pages lay out a table for wide screens and cards for phones: the visible badges count.
          await page.locator('.mantine-Badge-root:visible').first().waitFor();
          expect({ viewport, locale, path, cut: await cutBadges(page) }).toEqual({
            viewport,
            locale,
            path,
            cut: [],
          });
          if (viewport === 'phone') await shot(page, `badges${path.replace(/\//g, '-')}-${locale}-phone`);
        }
    for (const { email, locale } of saved)
      await server.dataSource.query('UPDATE members SET locale = $2 WHERE email = $1', [email, locale]);
  }, 300_000);

  test('My impact does not tell the number one to climb', async () => {
    const org = await new TestContext(server.dataSource, server.baseUrl).newOrg('Kärki');
    const pack = await newPack(server.dataSource, org.org.id, { status: 'published' });
    await newShare(server.dataSource, org.advocate, pack, { network: 'linkedin', audienceSize: 300 });
    const second = await new TestContext(server.dataSource, server.baseUrl).newMember(org.org.id, {
      name: 'Toka Toinen',
    });

    const first = await signedIn(
      { locale: 'en-US', viewport: 'phone' },
      org.advocate.email,
      TEST_PASSWORD,
      '/impact',
    );
    await heading(first, 'My impact');
    await loaded(first);
    expect(plain(await first.getByTestId('impact-rank').innerText())).toMatch(/^You are number 1 of 2$/);
    const action = plain(await first.getByTestId('impact-rank-action').innerText());
    expect(action).not.toMatch(/climb/i);
    expect(action).toBe('Share a pack to stay on top');
    await shot(first, 'impact-number-one-en-phone');

    // The one behind is still told to climb.
    const behind = await signedIn(
      { locale: 'en-US', viewport: 'phone' },
      second.email,
      TEST_PASSWORD,
      '/impact',
    );
    await heading(behind, 'My impact');
    await loaded(behind);
    expect(plain(await behind.getByTestId('impact-rank-action').innerText())).toBe('Share a pack to climb');
  }, 120_000);

  test('a leader of a new organisation is told what to do next, and a team that is gone in plain words', async () => {
    const { leader } = await new TestContext(server.dataSource, server.baseUrl).newOrg('Uusi');
    const page = await signedIn({ locale: 'en-US', viewport: 'desktop' }, leader.email, TEST_PASSWORD);
    await heading(page, 'Dashboard');
    await loaded(page);
    await page.getByText('No shares in this period yet').waitFor();
    expect(await page.getByRole('region', { name: 'Reach and clicks over time' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show this year' }).click();
    await page.waitForURL(/period=year/);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="insights-window"]')?.textContent?.startsWith('Jan 1'),
    );
    await shot(page, 'insights-dashboard-empty-en-desktop');

    await page.goto(`${server.baseUrl}/insights?team=00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').getByText('The dashboard could not be loaded').waitFor();
    // The filter the API refused is marked with its reason.
    expect(await page.getByRole('textbox', { name: 'Team' }).getAttribute('aria-invalid')).toBe('true');
    await page.getByText('This team no longer exists.').waitFor();
    await shot(page, 'insights-dashboard-team-gone-en-desktop');
  }, 120_000);

  test('an advocate reads My impact on a phone: rank, figures, trend and best shares, in Finnish', async () => {
    // The demo advocate saved Finnish.
    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, ADVOCATE, DEMO_PASSWORD, '/impact');
    await heading(page, 'Oma vaikutus');
    await loaded(page);

    const response = await page.request.get(`${server.baseUrl}/api/me/impact?period=month`);
    const impact = (await response.json()) as {
      rank: { rank: number; total: number };
      figures: Record<string, { value: number }>;
    };
    expect(plain(await page.getByTestId('impact-rank').innerText())).toBe(
      `Olet sijalla ${impact.rank.rank}/${impact.rank.total}`,
    );
    const finnish = new Intl.NumberFormat('fi', { maximumFractionDigits: 0 });
    expect(await figure(page, 'points')).toBe(plain(finnish.format(impact.figures.points?.value ?? 0)));
    await page.getByRole('region', { name: 'Jakosi', exact: true }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTapTargets(page, 44)).toEqual([]);
    await shot(page, 'impact-fi-phone');

    // A period switch redraws the figures.
    await page.getByText('Kaikki', { exact: true }).click();
    await page.waitForURL(/period=all/);
    await page.getByText('Koko ajalta').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'impact-fi-phone-all');
  }, 120_000);

  test('My impact on a desktop', async () => {
    const page = await signedIn(
      { locale: 'en-US', viewport: 'desktop' },
      'fan@demo.heimo.test',
      DEMO_PASSWORD,
      '/impact',
    );
    await heading(page, 'My impact');
    await loaded(page);
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'impact-en-desktop');
  }, 120_000);

  test('an advocate hides their name from leaderboards on a phone: others see an anonymous advocate, they still see their rank', async () => {
    // The demo advocate saved Finnish.
    const page = await signedIn({ locale: 'en-US', viewport: 'phone' }, ADVOCATE, DEMO_PASSWORD, '/profile');
    await heading(page, 'Profiili');
    await loaded(page);
    const section = page.getByRole('region', { name: 'Tulostaulut', exact: true });
    const showName = section.getByRole('switch', { name: 'Näytä nimeni tulostauluilla' });
    expect(await showName.isChecked()).toBe(true);

    // Saved as soon as it is switched.
    await showName.click();
    await section.getByRole('status').getByText('Tallennettu').waitFor();
    expect(await showName.isChecked()).toBe(false);
    const saved = await page.request.get(`${server.baseUrl}/api/me/leaderboard-preference`);
    expect(await saved.json()).toEqual({ optOut: true });
    expect(await horizontalOverflow(page)).toBe(0);
    await section.screenshot({ path: join(screenshotDir, 'profile-leaderboard-privacy-fi-phone.png') });

    // Still off after a reload.
    await page.reload();
    await heading(page, 'Profiili');
    await loaded(page);
    expect(await showName.isChecked()).toBe(false);

    // Others see an anonymous advocate, without name or team.
    const leader = await signedInAs(
      { locale: 'en-US', viewport: 'phone' },
      LEADER,
      'en',
      '/insights/leaderboards?period=all',
    );
    await heading(leader, 'Leaderboards');
    await loaded(leader);
    const board = leader.getByRole('table');
    await board.getByText('Anonymous advocate', { exact: true }).waitFor();
    expect(await board.getByText('Eero Employee').count()).toBe(0);

    // The advocate still sees their own rank, and that others see them anonymously.
    await page.goto(`${server.baseUrl}/impact`);
    await heading(page, 'Oma vaikutus');
    await loaded(page);
    const impact = (await (
      await page.request.get(`${server.baseUrl}/api/me/impact?period=month`)
    ).json()) as {
      rank: { rank: number; total: number; anonymous: boolean };
    };
    expect(impact.rank.anonymous).toBe(true);
    expect(plain(await page.getByTestId('impact-rank').innerText())).toBe(
      `Olet sijalla ${impact.rank.rank}/${impact.rank.total}`,
    );
    await page.getByText('Muut näkevät sinut nimettömänä lähettiläänä.').waitFor();

    // Back on the boards by name, so the other journeys meet the demo as seeded.
    const restored = await page.request.put(`${server.baseUrl}/api/me/leaderboard-preference`, {
      data: { optOut: false },
    });
    expect(restored.status()).toBe(200);
  }, 120_000);
});
