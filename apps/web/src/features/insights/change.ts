// How a figure moved against the previous period, in words a tile can show: the direction, and
// whether there is anything to compare with at all.
import { sameDaysYearBefore } from '@heimo/domain';

export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Changes smaller than this show as 0 % (one decimal), so they read as unchanged, not as an arrow. */
const FLAT_BELOW = 0.0005;

/** The direction of a change; `none` when there was nothing before (no previous figure, or zero). */
export function trendOf(change: number | null): Trend {
  if (change === null || !Number.isFinite(change)) return 'none';
  if (Math.abs(change) < FLAT_BELOW) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** The Mantine colour of a trend: more of every figure is better, so up is green and down red. */
export const trendColor: Record<Trend, string> = {
  up: 'teal',
  down: 'red',
  flat: 'gray',
  none: 'gray',
};

/** How many days a window `from`…`to` (local days, both included) spans: the length both periods share. */
export function windowDays(from: string, to: string): number {
  const day = 24 * 3600 * 1000;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / day) + 1;
}

/**
 * What a window's figures are compared with: the same days of the previous year (a year to date,
 * `comparisonWindow` in `@heimo/domain`), or as many days just before.
 */
export function comparedWith(window: {
  from: string;
  to: string;
  previousFrom: string | null;
  previousTo: string | null;
}): { yearBefore: true } | { yearBefore: false; days: number } {
  const yearBefore = sameDaysYearBefore(window);
  if (window.previousFrom === yearBefore.from && window.previousTo === yearBefore.to)
    return { yearBefore: true };
  return { yearBefore: false, days: windowDays(window.from, window.to) };
}
