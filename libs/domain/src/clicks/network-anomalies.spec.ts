import {
  DEFAULT_NETWORK_DAILY_LIMIT,
  exclusionForNetworkRank,
  isShareFlagged,
  SHARE_FLAG_RULE,
} from './network-anomalies';

describe('network anomalies', () => {
  it('excludes the unique visitors of a network beyond the daily limit, not those within it', () => {
    expect(exclusionForNetworkRank(1, DEFAULT_NETWORK_DAILY_LIMIT)).toBeNull();
    expect(exclusionForNetworkRank(5, 5)).toBeNull();
    expect(exclusionForNetworkRank(6, 5)).toBe('network_daily_limit');
  });

  it('flags a share-day of 20 or more visitors whose top two networks hold 80 % or more', () => {
    expect(SHARE_FLAG_RULE).toEqual({ minVisitors: 20, topNetworks: 2, minShare: 0.8 });
    expect(isShareFlagged([12, 4, 1, 1, 1, 1])).toBe(true); // 16 of 20
    expect(isShareFlagged([11, 4, 2, 1, 1, 1])).toBe(false); // 15 of 20
    expect(isShareFlagged([19])).toBe(false); // too few to judge
    expect(isShareFlagged([20])).toBe(true);
    expect(isShareFlagged(Array.from({ length: 30 }, () => 1))).toBe(false);
    expect(isShareFlagged([])).toBe(false);
  });
});
