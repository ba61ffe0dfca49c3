/** A figure of the window with the previous window's and the relative change between them. */
export interface Kpi {
  readonly value: number | null;
  readonly previous: number | null;
  /** `(value − previous) / previous`; null when there is nothing to compare with (previous 0 or null). */
  readonly change: number | null;
}

/** The relative change from `previous` to `value`; null when either is unknown or previous is 0. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

export function kpi(value: number | null, previous: number | null): Kpi {
  return { value, previous, change: relativeChange(value, previous) };
}

/** `numerator / denominator`, or null when the denominator is 0 (a rate of nothing is unknown, not 0). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
