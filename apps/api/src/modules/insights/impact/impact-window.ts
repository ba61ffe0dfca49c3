import { PERIODS, addDays, comparisonWindow, mondayOf, type Period } from '@heimo/domain';
import { leaderboardWindow, localDate } from '../leaderboard-window';

/** My impact's periods are the leaderboards'. */
export const IMPACT_PERIODS = PERIODS;
export type ImpactPeriod = Period;
export const IMPACT_GRANULARITIES = ['day', 'week', 'month'] as const;
export type ImpactGranularity = (typeof IMPACT_GRANULARITIES)[number];

export interface ImpactWindow {
  /** First local day counted; null for `all`. */
  readonly from: string | null;
  /** Today in the organisation's zone. */
  readonly to: string;
  /** The days compared with (`comparisonWindow`); null for `all`. */
  readonly previousFrom: string | null;
  readonly previousTo: string | null;
  readonly granularity: ImpactGranularity;
}

/** Buckets of a series: a day each for a week or a month, a week for a quarter, a month beyond. */
const GRANULARITY: Readonly<Record<ImpactPeriod, ImpactGranularity>> = {
  week: 'day',
  month: 'day',
  quarter: 'week',
  year: 'month',
  all: 'month',
};

/**
 * The current period to date in the organisation's zone and the equal-length window just before it
 * (the first 23 days of November compare with the 23 days before). Week, month, quarter and year come from
 * the leaderboards' rule (`resolvePeriod`), so a member's rank here is the one the leaderboard shows.
 * The previous window is the dashboard's (`comparisonWindow`): a year to date compares with the same
 * days of the previous year.
 */
export function impactWindow(period: ImpactPeriod, timeZone: string, now = new Date()): ImpactWindow {
  const to = localDate(now, timeZone);
  const granularity = GRANULARITY[period];
  if (period === 'all') return { from: null, to, previousFrom: null, previousTo: null, granularity };
  const from = leaderboardWindow(period, timeZone, now).from;
  if (from === null) throw new Error(`period ${period} has no first day`);
  const previous = comparisonWindow({ from, to }, period);
  return { from, to, previousFrom: previous.from, previousTo: previous.to, granularity };
}

/**
 * The first day of the bucket holding `day`: the day itself, the Monday of its week or the first of
 * its month — never before `from`, so the first bucket is clipped to the window.
 */
export function bucketStart(day: string, granularity: ImpactGranularity, from: string): string {
  const start =
    granularity === 'week' ? mondayOf(day) : granularity === 'month' ? `${day.slice(0, 7)}-01` : day;
  return start < from ? from : start;
}

/** Every bucket's first day from `from` to `to`, in order (empty buckets included). */
export function bucketStarts(from: string, to: string, granularity: ImpactGranularity): string[] {
  const starts: string[] = [];
  let previous: string | null = null;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const start = bucketStart(day, granularity, from);
    if (start !== previous) starts.push(start);
    previous = start;
  }
  return starts;
}
