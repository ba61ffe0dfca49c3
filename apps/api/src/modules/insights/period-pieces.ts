/** A calendar period of `period_stats` (`period_kind`, `period_start`). */
export interface PeriodPiece {
  readonly kind: 'year' | 'quarter' | 'month' | 'week';
  readonly start: string;
}

/** Days `from`–`to` as the period rows and the daily rows that add up to them, each day counted once. */
export interface DayPieces {
  readonly periods: readonly PeriodPiece[];
  /** Days not in a whole period: read from the daily rollups. */
  readonly days: readonly string[];
}

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the period of `kind` holding `day` (weeks from Monday, as `date_trunc`). */
export function periodStart(kind: PeriodPiece['kind'], day: string): string {
  const date = new Date(toMs(day));
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (kind) {
    case 'year':
      return toDay(Date.UTC(year, 0, 1));
    case 'quarter':
      return toDay(Date.UTC(year, month - (month % 3), 1));
    case 'month':
      return toDay(Date.UTC(year, month, 1));
    case 'week':
      return toDay(toMs(day) - ((date.getUTCDay() + 6) % 7) * DAY_MS);
  }
}

/** The last day of the period of `kind` that starts on `start`. */
function periodEnd(kind: PeriodPiece['kind'], start: string): string {
  const date = new Date(toMs(start));
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (kind) {
    case 'year':
      return toDay(Date.UTC(year + 1, 0, 1) - DAY_MS);
    case 'quarter':
      return toDay(Date.UTC(year, month + 3, 1) - DAY_MS);
    case 'month':
      return toDay(Date.UTC(year, month + 1, 1) - DAY_MS);
    case 'week':
      return toDay(toMs(start) + 6 * DAY_MS);
  }
}

const KINDS: readonly PeriodPiece['kind'][] = ['year', 'quarter', 'month', 'week'];

/**
 * Splits the days `from`–`to` into the largest whole calendar periods that lie within them and the
 * days left at the edges. A period that runs past `to` counts as whole when `to` is `today` or later:
 * the rollups hold no day after today, so the period to date is the period's row (as the boards read it).
 */
export function dayPieces(from: string, to: string, today: string): DayPieces {
  const periods: PeriodPiece[] = [];
  const days: string[] = [];
  const last = toMs(to);
  const openEnded = to >= today;
  let cursor = toMs(from);
  while (cursor <= last) {
    const day = toDay(cursor);
    const kind = KINDS.find(
      (k) => periodStart(k, day) === day && (openEnded || toMs(periodEnd(k, day)) <= last),
    );
    if (kind) {
      periods.push({ kind, start: day });
      cursor = toMs(periodEnd(kind, day)) + DAY_MS;
    } else {
      days.push(day);
      cursor += DAY_MS;
    }
  }
  return { periods, days };
}
