/**
 * Self-reported audiences count only as far as they are believable. A reported size above the
 * organisation's ceiling, or more than twice the lowest size the profile counted within the last 30
 * days, waits for an admin's confirmation; until then the profile counts at its previous size (a new
 * profile at the ceiling, or its report if lower), never above the ceiling. A share snapshots the
 * counted size when it is made, so a later confirmation does not change earlier shares' reach.
 */

/** Per-profile ceiling when the organisation has set none. */
export const DEFAULT_AUDIENCE_CEILING = 50_000;
/** The setting's bounds; the upper one is the largest audience a profile may report. */
export const MIN_AUDIENCE_CEILING = 1;
export const MAX_AUDIENCE_CEILING = 2_000_000_000;
/** More than this many times the lowest size counted within the window waits for confirmation. */
export const AUDIENCE_GROWTH_FACTOR = 2;
export const AUDIENCE_GROWTH_WINDOW_DAYS = 30;

export const AUDIENCE_PENDING_REASONS = ['ceiling', 'growth'] as const;
export type AudiencePendingReason = (typeof AUDIENCE_PENDING_REASONS)[number];

export interface AudienceReport {
  /** The size the member reports now. */
  readonly reported: number;
  /** The size the profile counts now; null for a new profile. */
  readonly counted: number | null;
  /**
   * The lowest size the profile counted within the growth window (including the size in effect at
   * its start); null for a new profile.
   */
  readonly lowestRecent: number | null;
  readonly ceiling: number;
}

export type AudienceDecision =
  | { readonly counted: number; readonly pending: null }
  | {
      readonly counted: number;
      readonly pending: { readonly size: number; readonly reason: AudiencePendingReason };
    };

function size(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

/** What a reported audience counts as, and whether it waits for an admin's confirmation. */
export function decideAudience(report: AudienceReport): AudienceDecision {
  const reported = size(report.reported, 'reported');
  const ceiling = size(report.ceiling, 'ceiling');
  const previous = report.counted === null ? null : size(report.counted, 'counted');
  const lowest = report.lowestRecent === null ? null : size(report.lowestRecent, 'lowestRecent');
  let reason: AudiencePendingReason | null = null;
  if (reported > ceiling) reason = 'ceiling';
  else if (lowest !== null && reported > lowest * AUDIENCE_GROWTH_FACTOR) reason = 'growth';
  if (reason === null) return { counted: reported, pending: null };
  return {
    counted: Math.min(previous ?? ceiling, ceiling, reported),
    pending: { size: reported, reason },
  };
}
