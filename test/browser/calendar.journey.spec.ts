import { addDays, localDateOf, moveToLocalDate } from '@heimo/domain';
import type { Page } from 'playwright-core';
import { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import {
  calendarRange,
  type CalendarView,
} from '../../apps/web/src/features/studio/components/calendar/calendarRange';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { horizontalOverflow, screenshot, smallTapTargets, useJourney } from './browser';

const { server, ctx, openPage } = useJourney();

const ZONE = 'Europe/Helsinki'; // the test organisations' zone

async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
}

/** 09:30 in Helsinki on `day`. */
const morningOf = (day: string) => moveToLocalDate(new Date('2026-01-01T07:30:00Z'), day, ZONE);

/**
 * `count` days from tomorrow when the view of today holds them all, else from a Tuesday of the next
 * view (a month's second week; the journey then steps on once): days ahead, in one view, whatever today is.
 */
function journeyDays(view: CalendarView, count: number): { days: string[]; stepOn: boolean } {
  const today = localDateOf(new Date(), ZONE);
  const shown = calendarRange(view, today);
  const fits = addDays(today, count) <= shown.to;
  const start = fits
    ? addDays(today, 1)
    : addDays(calendarRange(view, addDays(shown.to, 1)).from, view === 'week' ? 1 : 8);
  return { days: Array.from({ length: count }, (_, i) => addDays(start, i)), stepOn: !fits };
}

async function showDays(page: Page, stepOn: boolean, next: string, day: string): Promise<void> {
  if (stepOn) await page.getByRole('button', { name: next }).click();
  await page.locator(`li[data-day="${day}"]`).waitFor();
}

describe('calendar journey', () => {
  const publishAtOf = async (id: string) =>
    (await server.dataSource.getRepository(Pack).findOneByOrFail({ id })).publishAt!.toISOString();

  test('a curator drags a pack to another day, moves it with the keyboard, and meets a stale version', async () => {
    const { org, curator } = await ctx.newOrg('Calendar');
    const {
      days: [first, second, third],
      stepOn,
    } = journeyDays('month', 3) as { days: [string, string, string]; stepOn: boolean };
    const pack = await newPack(server.dataSource, org.id, {
      title: 'New office opens',
      status: 'approved',
      createdById: curator.id,
      publishAt: morningOf(first),
      variants: [{ network: 'linkedin' }, { network: 'x' }],
    });
    await newPack(server.dataSource, org.id, {
      title: 'Autumn results',
      status: 'published',
      createdById: curator.id,
      expireAt: morningOf(third),
    });

    const { page } = await openPage({ locale: 'en-US', viewport: 'desktop' });
    // Tall enough that the month needs no scrolling: in a scrolled page the journey's drag started on
    // the card below the one pressed (mousedown on one, dragstart on the other).
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.goto(`${server.baseUrl}/login`);
    await signIn(page, curator.email);
    await page.getByRole('heading', { level: 1, name: 'Studio', exact: true }).waitFor();
    // The calendar sits beside the studio in the shell's navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Content calendar' }).waitFor();
    await showDays(page, stepOn, 'Next month', first);
    const card = page.locator(`[data-entry="scheduled:${pack.id}"]`);
    await card.waitFor();
    expect(
      await page.locator(`li[data-day="${first}"]`).locator(`[data-entry="scheduled:${pack.id}"]`).count(),
    ).toBe(1);
    await screenshot(page, 'calendar-month-1366');

    // Dragged one day on: the publish time moves a day and keeps 09:30 in Helsinki.
    await card.dragTo(page.locator(`li[data-day="${second}"]`));
    await page.getByText('“New office opens” now publishes on', { exact: false }).waitFor();
    expect(await publishAtOf(pack.id)).toBe(morningOf(second).toISOString());
    await page.locator(`li[data-day="${second}"]`).locator(`[data-entry="scheduled:${pack.id}"]`).waitFor();
    await screenshot(page, 'calendar-dragged-1366');

    // With the keyboard: Move, a day later, Move.
    await page.getByRole('button', { name: 'Move “New office opens” (Publishes) to another day' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Move “New office opens”' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('New day').inputValue()).toBe(second);
    await dialog.getByRole('button', { name: 'A day later' }).focus();
    await page.keyboard.press('Enter');
    expect(await dialog.getByLabel('New day').inputValue()).toBe(third);
    await screenshot(page, 'calendar-move-dialog-1366');
    await dialog.getByRole('button', { name: 'Move', exact: true }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('“New office opens” now publishes on', { exact: false }).waitFor();
    expect(await publishAtOf(pack.id)).toBe(morningOf(third).toISOString());

    // Someone else saves the pack meanwhile: the calendar's move is refused, nothing changes, and it reloads.
    await server.dataSource.query('UPDATE packs SET version = version + 1 WHERE id = $1', [pack.id]);
    await page
      .locator(`li[data-day="${third}"]`)
      .locator(`[data-entry="scheduled:${pack.id}"]`)
      .dragTo(page.locator(`li[data-day="${first}"]`));
    const refused = page.getByRole('alert').filter({ hasText: '“New office opens” was not moved' });
    await refused.getByText('Someone else changed this pack meanwhile.', { exact: false }).waitFor();
    expect(await publishAtOf(pack.id)).toBe(morningOf(third).toISOString());
    await screenshot(page, 'calendar-stale-1366');
    // The reloaded calendar carries the new version: the same move now goes through.
    await page
      .locator(`li[data-day="${third}"]`)
      .locator(`[data-entry="scheduled:${pack.id}"]`)
      .dragTo(page.locator(`li[data-day="${first}"]`));
    await page.getByText('“New office opens” now publishes on', { exact: false }).waitFor();
    expect(await publishAtOf(pack.id)).toBe(morningOf(first).toISOString());
  });

  test('on a phone the week is a list of days, and a pack moves with its Move button', async () => {
    const { org } = await ctx.newOrg('Kalenteri');
    const curator = await ctx.newMember(org.id, {
      roles: ['curator'],
      name: 'Kaisa Kuraattori',
      locale: 'fi',
    });
    const {
      days: [first, later],
      stepOn,
    } = journeyDays('week', 2) as { days: [string, string]; stepOn: boolean };
    const pack = await newPack(server.dataSource, org.id, {
      title: 'Uusi toimisto',
      status: 'draft',
      createdById: curator.id,
      publishAt: morningOf(first),
    });
    const { page } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
    await page.goto(`${server.baseUrl}/login`);
    await signIn(page, curator.email);
    await page.getByRole('heading', { level: 1, name: 'Studio', exact: true }).waitFor();
    await page.goto(`${server.baseUrl}/studio/calendar`);
    await page.getByRole('heading', { level: 1, name: 'Sisältökalenteri' }).waitFor();
    await showDays(page, stepOn, 'Seuraava viikko', first);
    await page.locator(`[data-entry="scheduled:${pack.id}"]`).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTapTargets(page, 44)).toEqual([]);
    await screenshot(page, 'calendar-week-375');

    await page
      .getByRole('button', { name: 'Siirrä ”Uusi toimisto” (Julkaistaan) toiselle päivälle' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Siirrä ”Uusi toimisto”' });
    await dialog.getByLabel('Uusi päivä').fill(later);
    await screenshot(page, 'calendar-move-dialog-375');
    await dialog.getByRole('button', { name: 'Siirrä', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('”Uusi toimisto” julkaistaan nyt', { exact: false }).waitFor();
    expect(await publishAtOf(pack.id)).toBe(morningOf(later).toISOString());
    expect(await horizontalOverflow(page)).toBe(0);
  });
});
