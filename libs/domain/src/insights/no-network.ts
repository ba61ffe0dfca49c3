/**
 * The `network` of a rollup row (`daily_stats`) whose figures were not earned on a network: the
 * points for passing training. Every figure summed over networks (points, a member's impact, team
 * totals) counts these rows; a breakdown by network leaves them out, and no network filter (always a
 * registry id) matches them. Not a `NetworkId`: it is never offered, enabled or priced.
 */
export const NO_NETWORK = '';
