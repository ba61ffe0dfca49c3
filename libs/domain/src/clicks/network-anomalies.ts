/**
 * Click farming that unique visitors alone do not stop: many "visitors" of one share from one place.
 * A visitor's network is its /24 (IPv4) or /64 (IPv6), known only as a keyed hash under the day's
 * visitor key, so networks are compared within one UTC day.
 */

/** Why a stored click earns no points. */
export const CLICK_EXCLUSION_REASONS = ['network_daily_limit'] as const;
export type ClickExclusionReason = (typeof CLICK_EXCLUSION_REASONS)[number];

/** Why a share is flagged for a leader to look at. */
export const SHARE_FLAG_REASONS = ['few_networks'] as const;
export type ShareFlagReason = (typeof SHARE_FLAG_REASONS)[number];

/**
 * Unique visitors of one share from one network in a UTC day that earn points (CLICK_NETWORK_DAILY_LIMIT's
 * default). An office behind one address gets five people's points a share a day; the rest still
 * count as clicks and unique clicks.
 */
export const DEFAULT_NETWORK_DAILY_LIMIT = 5;

/**
 * Whether the `rank`-th unique visitor (from 1, in click-time order) of a share from one network on
 * one UTC day is excluded from points.
 */
export function exclusionForNetworkRank(rank: number, dailyLimit: number): ClickExclusionReason | null {
  return rank > dailyLimit ? 'network_daily_limit' : null;
}

/**
 * A share is flagged (`few_networks`) on a UTC day when it had at least `minVisitors` unique
 * visitors that day and its `topNetworks` largest networks held at least `minShare` of them.
 */
export const SHARE_FLAG_RULE = { minVisitors: 20, topNetworks: 2, minShare: 0.8 } as const;

export interface ShareFlagRule {
  readonly minVisitors: number;
  readonly topNetworks: number;
  readonly minShare: number;
}

/** The rule on one share-day: unique visitors per network (any order). */
export function isShareFlagged(
  visitorsPerNetwork: readonly number[],
  rule: ShareFlagRule = SHARE_FLAG_RULE,
): boolean {
  const total = visitorsPerNetwork.reduce((sum, n) => sum + n, 0);
  if (total < rule.minVisitors || total === 0) return false;
  const top = [...visitorsPerNetwork]
    .sort((a, b) => b - a)
    .slice(0, rule.topNetworks)
    .reduce((sum, n) => sum + n, 0);
  return top >= rule.minShare * total;
}
