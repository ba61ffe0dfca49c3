import { isCalendarDay } from '../insights/calendar-days';

/** A calendar date without a zone. */
export interface WallDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading at `ms` in the zone, as if it were UTC, in milliseconds. */
export function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const utc = new Date(0);
  utc.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  utc.setUTCHours(
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
    ms - Math.floor(ms / 1000) * 1000,
  );
  return utc.getTime();
}

/** The zone's offset from UTC at `ms`, in milliseconds. */
export function offsetAt(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - ms;
}

export function dateInZone(ms: number, timeZone: string): WallDate {
  const wall = new Date(wallClockMs(ms, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function utcMidnight({ year, month, day }: WallDate): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

export function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(utcMidnight(date) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The instant whose wall-clock reading in the zone is `wall` (milliseconds, read as UTC). A reading
 * skipped by a DST change moves forward by the gap; a repeated one is its first occurrence.
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  // Offsets a day either side bracket any single transition near this reading.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // The reading does not exist: read it with the offset from before the change.
  return wall - before;
}

/**
 * The first instant of the local day in the zone. When midnight is skipped by a DST change the day
 * starts at the transition; when it repeats, at its first occurrence.
 */
export function startOfLocalDay(date: WallDate, timeZone: string): number {
  return instantOfWallClock(utcMidnight(date), timeZone);
}

/** A `YYYY-MM-DD` day as a date; throws a RangeError for anything else (`isCalendarDay` tells first). */
function parseDay(day: string): WallDate {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { year, month, day: date };
}

function formatDay({ year, month, day }: WallDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `YYYY-MM-DD` date of an instant in the zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return formatDay(dateInZone(instant.getTime(), timeZone));
}

/** The first instant of a `YYYY-MM-DD` day in the zone. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const parsed = parseDay(date);
  return new Date(startOfLocalDay(parsed, timeZone));
}

/**
 * `instant` moved to another day in the zone, keeping its time of day there: 09:30 in Helsinki
 * stays 09:30 in Helsinki across a DST change (a time the change skips moves forward by the gap).
 */
export function moveToLocalDate(instant: Date, date: string, timeZone: string): Date {
  const parsed = parseDay(date);
  const wall = wallClockMs(instant.getTime(), timeZone);
  const timeOfDay = wall - Math.floor(wall / DAY_MS) * DAY_MS;
  return new Date(instantOfWallClock(utcMidnight(parsed) + timeOfDay, timeZone));
}
