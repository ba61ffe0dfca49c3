/**
 * Calendar days as `YYYY-MM-DD` strings, the form the rollups keep (`daily_stats.day` is the local
 * day in the organisation's time zone). Day arithmetic on the date alone needs no time zone.
 */
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMs(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD` (so `2026-02-30` is not one). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  const ms = toUtcMs(value);
  return !Number.isNaN(ms) && fromUtcMs(ms) === value;
}

export function addDays(day: string, days: number): string {
  return fromUtcMs(toUtcMs(day) + days * DAY_MS);
}

/** Days from `from` to `to`, both counted (1 when they are the same day; 0 or less when `to` is earlier). */
export function daysInRange(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1;
}

/** The Monday of the ISO week the day is in. */
export function mondayOf(day: string): string {
  const weekday = new Date(toUtcMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The same calendar day a year earlier; 29 February, which the year before lacks, becomes
 * 28 February.
 */
export function sameDayYearBefore(day: string): string {
  const match = DAY_PATTERN.exec(day);
  if (!match || !isCalendarDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  const year = String(Number(match[1]) - 1).padStart(4, '0');
  const candidate = `${year}-${match[2]}-${match[3]}`;
  return isCalendarDay(candidate) ? candidate : `${year}-${match[2]}-28`;
}
