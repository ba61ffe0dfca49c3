export type { LeaderboardRow, RankedLeaderboard, RankedRow } from './rank-leaderboard';
export { rankLeaderboard } from './rank-leaderboard';
export type { BoundedPeriod, Period, PeriodOptions, ResolvedPeriod, TimeRange } from './periods';
export { BOUNDED_PERIODS, PERIODS, isPeriod, isWithin, resolvePeriod } from './periods';
export type { RankableMember } from './ranked-members';
export { RANKED_ROLE, RANKED_STATUS, isRankedMember } from './ranked-members';
