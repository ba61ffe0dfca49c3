import { isTimeZone } from '../time-zones/time-zone';
import {
  addDays,
  dateInZone,
  startOfLocalDay,
  utcMidnight,
  type WallDate as WallTime,
} from '../time-zones/wall-clock';

/** The calendar periods to date: the current week, month, quarter or year. */
export const BOUNDED_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type BoundedPeriod = (typeof BOUNDED_PERIODS)[number];
/** The periods of leaderboards and My impact: a calendar period, or all time. */
export const PERIODS = [...BOUNDED_PERIODS, 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** A half-open interval [start, end); null means unbounded on that side. */
export interface TimeRange {
  readonly start: Date | null;
  readonly end: Date | null;
}

export interface ResolvedPeriod {
  readonly period: Period;
  readonly timeZone: string;
  readonly current: TimeRange;
  /** The period just before `current`, for comparisons; null for `all`. */
  readonly previous: TimeRange | null;
}

export interface PeriodOptions {
  readonly now: Date;
  /** IANA time zone, e.g. `Europe/Helsinki`; the organisation's or the member's. */
  readonly timeZone: string;
  /** First day of the week, 0 = Sunday … 6 = Saturday; defaults to 1 (Monday, ISO 8601). */
  readonly weekStartsOn?: number;
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value);
}

function addMonths({ year, month }: WallTime, months: number): WallTime {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

function range(start: WallTime, end: WallTime, timeZone: string): TimeRange {
  return { start: new Date(startOfLocalDay(start, timeZone)), end: new Date(startOfLocalDay(end, timeZone)) };
}

/**
 * The period containing `now` in the zone as [start, end), and the period before it.
 * Weeks start on `weekStartsOn` (Monday by default); quarters start in January, April, July and
 * October; years on 1 January; `all` is unbounded and has no previous period. Throws a RangeError for an unknown zone.
 */
export function resolvePeriod(period: Period, options: PeriodOptions): ResolvedPeriod {
  const { now, timeZone } = options;
  if (!isTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is an invalid date');
  const today = dateInZone(now.getTime(), timeZone);

  switch (period) {
    case 'all':
      return { period, timeZone, current: { start: null, end: null }, previous: null };
    case 'week': {
      const weekStartsOn = options.weekStartsOn ?? 1;
      if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
        throw new RangeError('weekStartsOn must be an integer from 0 to 6');
      }
      const weekday = new Date(utcMidnight(today)).getUTCDay();
      const start = addDays(today, -((weekday - weekStartsOn + 7) % 7));
      return {
        period,
        timeZone,
        current: range(start, addDays(start, 7), timeZone),
        previous: range(addDays(start, -7), start, timeZone),
      };
    }
    case 'month': {
      const start = { year: today.year, month: today.month, day: 1 };
      return {
        period,
        timeZone,
        current: range(start, addMonths(start, 1), timeZone),
        previous: range(addMonths(start, -1), start, timeZone),
      };
    }
    case 'quarter': {
      const start = { year: today.year, month: today.month - ((today.month - 1) % 3), day: 1 };
      return {
        period,
        timeZone,
        current: range(start, addMonths(start, 3), timeZone),
        previous: range(addMonths(start, -3), start, timeZone),
      };
    }
    case 'year': {
      const start = { year: today.year, month: 1, day: 1 };
      return {
        period,
        timeZone,
        current: range(start, addMonths(start, 12), timeZone),
        previous: range(addMonths(start, -12), start, timeZone),
      };
    }
    default:
      throw new RangeError(`Unknown period: ${String(period)}`);
  }
}

/** True when `instant` falls in [start, end). */
export function isWithin(instant: Date, range: TimeRange): boolean {
  const t = instant.getTime();
  return (
    (range.start === null || t >= range.start.getTime()) && (range.end === null || t < range.end.getTime())
  );
}
