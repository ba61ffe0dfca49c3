import { addDays, daysInRange, mondayOf, sameDayYearBefore } from './calendar-days';

/** The longest window a dashboard reads: a year, leap day included. */
export const MAX_DASHBOARD_DAYS = 366;
/** Windows up to this many days are drawn per day by default, longer ones per week. */
export const MAX_DAILY_BUCKET_DAYS = 62;

export const GRANULARITIES = ['day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface DayWindow {
  readonly from: string;
  readonly to: string;
}

/**
 * The window a dashboard compares with: as many days, ending the day before `from`. A month to
 * date (23 days) is compared with the 23 days before it, so a comparison made early in a month is
 * not against a whole month.
 */
export function previousWindow({ from, to }: DayWindow): DayWindow {
  const previousTo = addDays(from, -1);
  return { from: addDays(previousTo, 1 - daysInRange(from, to)), to: previousTo };
}

/**
 * The same days of the previous year: 1 January–7 December compares with 1 January–7 December of
 * the year before (not with the as many days just before, which would start in late January). A
 * window ending on 29 February ends on 28 February the year before.
 */
export function sameDaysYearBefore({ from, to }: DayWindow): DayWindow {
  return { from: sameDayYearBefore(from), to: sameDayYearBefore(to) };
}

/**
 * What a period to date is compared with: a year to date with the same days of the previous year
 * (like for like), any other window with as many days just before it ({@link previousWindow}).
 */
export function comparisonWindow(window: DayWindow, period: string | null | undefined): DayWindow {
  return period === 'year' ? sameDaysYearBefore(window) : previousWindow(window);
}

export function defaultGranularity(window: DayWindow): Granularity {
  return daysInRange(window.from, window.to) <= MAX_DAILY_BUCKET_DAYS ? 'day' : 'week';
}

/** The first day of the bucket holding `day`: the day itself, or its week's Monday clipped to `from`. */
export function bucketStart(day: string, window: DayWindow, granularity: Granularity): string {
  if (granularity === 'day') return day;
  const monday = mondayOf(day);
  return monday < window.from ? window.from : monday;
}

/** Every bucket of the window in order, empty ones included, by their first day. */
export function bucketStarts(window: DayWindow, granularity: Granularity): string[] {
  const starts: string[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    const start = bucketStart(day, window, granularity);
    if (starts[starts.length - 1] !== start) starts.push(start);
  }
  return starts;
}
