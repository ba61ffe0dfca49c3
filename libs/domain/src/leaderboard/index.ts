export type { LeaderboardRow, RankedLeaderboard, RankedRow } from './rank-leaderboard';
export { rankLeaderboard } from './rank-leaderboard';
export type { Period, PeriodOptions, ResolvedPeriod, TimeRange } from './periods';
export { PERIODS, isPeriod, isTimeZone, isWithin, resolvePeriod } from './periods';
