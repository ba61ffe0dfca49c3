/**
 * Which shares earn credit: share points and reach on the leaderboards and dashboards. Written once
 * here for the share command, the rollups, the recount and the web's share card.
 *
 * - A member's FIRST credited share of a pack on a network earns the share points and its audience
 *   as reach. Later shares of the same pack on the same network are stored, their links work and
 *   their clicks count, but they add no share points and no reach (`repeat`).
 * - At most `dailyCap` credited shares per member per day, the day in the organisation's time zone.
 *   A share beyond it still goes out but earns nothing (`daily_cap`): no share points, no reach and
 *   no click points. The pack can be shared for credit again from the next local day.
 * - Click points are capped per (member, pack, network), not per share: twenty links to one pack on
 *   one network share one cap ({@link CLICK_POINTS_CAP_SCOPE}).
 */

/** Why a share earned no credit. Stored on the share; the web translates it. */
export const UNCREDITED_REASONS = ['repeat', 'daily_cap'] as const;
export type UncreditedReason = (typeof UNCREDITED_REASONS)[number];

export function isUncreditedReason(value: unknown): value is UncreditedReason {
  return typeof value === 'string' && (UNCREDITED_REASONS as readonly string[]).includes(value);
}

/** Credited shares per member per local day when the organisation has set none. */
export const DEFAULT_DAILY_CREDITED_SHARES = 10;
/** The setting's bounds: at least one credited share a day, and no more than anyone could make by hand. */
export const MIN_DAILY_CREDITED_SHARES = 1;
export const MAX_DAILY_CREDITED_SHARES = 1000;

/** Click points are capped over all the shares of one member of one pack on one network. */
export const CLICK_POINTS_CAP_SCOPE = ['member', 'pack', 'network'] as const;

export interface ShareCreditContext {
  /** The member has a credited share of this pack on this network already. */
  readonly creditedBefore: boolean;
  /** The member's credited shares on the share's local day so far. */
  readonly creditedToday: number;
  /** The organisation's daily cap on credited shares per member. */
  readonly dailyCap: number;
}

export type ShareCredit =
  | { readonly credited: true; readonly uncreditedReason: null }
  | { readonly credited: false; readonly uncreditedReason: UncreditedReason };

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

/** Whether a new share earns credit, and why not; a repeat is named before the daily cap. */
export function decideShareCredit(context: ShareCreditContext): ShareCredit {
  const today = count(context.creditedToday, 'creditedToday');
  const cap = count(context.dailyCap, 'dailyCap');
  if (context.creditedBefore) return { credited: false, uncreditedReason: 'repeat' };
  if (today >= cap) return { credited: false, uncreditedReason: 'daily_cap' };
  return { credited: true, uncreditedReason: null };
}

/** What a share adds to the rollups: a credited one its share points and audience, any other nothing. */
export function shareCreditEffects(
  credit: Pick<ShareCredit, 'credited'>,
  share: { readonly audienceSize: number; readonly sharePoints: number },
): { readonly shares: number; readonly reach: number; readonly points: number } {
  if (!credit.credited) return { shares: 0, reach: 0, points: 0 };
  return {
    shares: 1,
    reach: count(share.audienceSize, 'audienceSize'),
    points: count(share.sharePoints, 'sharePoints'),
  };
}

/** Whether unique clicks on the share's link earn click points (under the (member, pack, network) cap). */
export function earnsClickPoints(uncreditedReason: UncreditedReason | null): boolean {
  return uncreditedReason !== 'daily_cap';
}

/** What the share card tells the member before they share a pack on a network. */
export type ShareCreditOutlook =
  | { readonly willCredit: true }
  | { readonly willCredit: false; readonly reason: 'repeat' }
  | { readonly willCredit: false; readonly reason: 'daily_cap'; readonly creditResumesAt: string };

/**
 * The outlook of the next share of a pack on a network, from what the feed knows: whether the member
 * has a credited share of it, their credited shares today, the cap and the start of the next local day
 * (ISO 8601), when crediting starts again.
 */
export function shareCreditOutlook(
  context: ShareCreditContext & { readonly nextDayStartsAt: string },
): ShareCreditOutlook {
  const credit = decideShareCredit(context);
  if (credit.credited) return { willCredit: true };
  if (credit.uncreditedReason === 'repeat') return { willCredit: false, reason: 'repeat' };
  return { willCredit: false, reason: 'daily_cap', creditResumesAt: context.nextDayStartsAt };
}
