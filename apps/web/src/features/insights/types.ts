// The insights shapes the web reads, named from the generated OpenAPI document.
import { BOUNDED_PERIODS, PERIODS } from '@heimo/domain';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Leaderboard = Schemas['LeaderboardDto'];
export type LeaderboardEntry = Schemas['LeaderboardEntryDto'];
export type TeamLeaderboard = Schemas['TeamLeaderboardDto'];
export type TeamLeaderboardEntry = Schemas['TeamLeaderboardEntryDto'];

/** The periods are the API's, from the one rule in `@heimo/domain`: the dashboard has no "all time". */
export const DASHBOARD_PERIODS = BOUNDED_PERIODS;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export const LEADERBOARD_PERIODS = PERIODS;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export const LEADERBOARD_METRICS = ['points', 'reach', 'clicks', 'shares'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];

export const MEMBER_KINDS = ['employee', 'fan'] as const;
export type MemberKindFilter = (typeof MEMBER_KINDS)[number];

/** A figure of the window beside the same figure of the window before it. */
export type Kpi = Schemas['KpiDto'];

export const KPI_KEYS = [
  'activeAdvocates',
  'readyMembers',
  'shareRate',
  'shares',
  'reach',
  'clicks',
  'uniqueClicks',
  'clickThroughRate',
  'emvMinor',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type Granularity = 'day' | 'week' | 'month';

export type InsightsWindow = Schemas['DashboardWindowDto'];
export type EmvRate = Schemas['EmvRateDto'];
export type SeriesPoint = Schemas['SeriesBucketDto'];
export type NetworkRow = Schemas['NetworkFiguresDto'];
/** `teamId` null: the members in no team. */
export type TeamRow = Schemas['TeamFiguresDto'];
export type LocaleRow = Schemas['LocaleFiguresDto'];
export type PackRow = Schemas['PackFiguresDto'];
export type AdvocateRow = Schemas['DashboardAdvocateDto'];
export type AnomalyRow = Schemas['DashboardAnomalyDto'];
export type Dashboard = Schemas['DashboardDto'];

/** The tables the dashboard CSV export knows (`?table=`). */
export type DashboardTable =
  'series' | 'networks' | 'teams' | 'locales' | 'packs' | 'advocates' | 'anomalies';
