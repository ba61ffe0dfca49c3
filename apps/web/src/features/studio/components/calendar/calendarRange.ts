import { addDays, mondayOf } from '@heimo/domain';

export const CALENDAR_VIEWS = ['month', 'week'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export interface CalendarRange {
  readonly from: string;
  readonly to: string;
  /** Every day from `from` to `to`, Monday first. */
  readonly days: readonly string[];
}

function firstOfMonth(day: string, months = 0): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/**
 * The days a view of `anchor` shows: its Monday-to-Sunday week, or the whole weeks covering its
 * month (at most 42 days, within what `GET /api/packs/calendar` takes).
 */
export function calendarRange(view: CalendarView, anchor: string): CalendarRange {
  const from = view === 'week' ? mondayOf(anchor) : mondayOf(firstOfMonth(anchor));
  const to = view === 'week' ? addDays(from, 6) : addDays(mondayOf(addDays(firstOfMonth(anchor, 1), -1)), 6);
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return { from, to, days };
}

/** The anchor `step` weeks or months on (back when negative); a month keeps to its first day. */
export function shiftAnchor(view: CalendarView, anchor: string, step: number): string {
  return view === 'week' ? addDays(anchor, 7 * step) : firstOfMonth(anchor, step);
}

/** Whether `day` lies in the month of `anchor` (a month view dims the days around it). */
export function inMonthOf(anchor: string, day: string): boolean {
  return day.slice(0, 7) === anchor.slice(0, 7);
}
