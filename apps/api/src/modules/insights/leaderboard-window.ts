import { resolvePeriod, type Period } from '@heimo/domain';

export interface LeaderboardWindow {
  /** First day counted (`YYYY-MM-DD` in the zone); null for `all`. */
  readonly from: string | null;
  /** Today in the zone: the current period runs to date. */
  readonly to: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in the zone, as `YYYY-MM-DD` (the form of `daily_stats.day`). */
export function localDate(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The days of the current period to date in the organisation's zone. The rollups are kept per local
 * day, so the period's first instant (from `resolvePeriod`, the one rule for periods) becomes its
 * first local day.
 */
export function leaderboardWindow(period: Period, timeZone: string, now = new Date()): LeaderboardWindow {
  const resolved = resolvePeriod(period, { now, timeZone });
  return {
    from: resolved.current.start ? localDate(resolved.current.start, timeZone) : null,
    to: localDate(now, timeZone),
  };
}
