// The insights shapes the web reads. Leaderboards come from the generated document; the dashboard is
// written from the insights contract (issue #8) until its routes are in the committed OpenAPI document.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Leaderboard = Schemas['LeaderboardDto'];
export type LeaderboardEntry = Schemas['LeaderboardEntryDto'];
export type TeamLeaderboard = Schemas['TeamLeaderboardDto'];
export type TeamLeaderboardEntry = Schemas['TeamLeaderboardEntryDto'];

export const DASHBOARD_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export const LEADERBOARD_PERIODS = ['week', 'month', 'quarter', 'all'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export const LEADERBOARD_METRICS = ['points', 'reach', 'clicks', 'shares'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];

export const MEMBER_KINDS = ['employee', 'fan'] as const;
export type MemberKindFilter = (typeof MEMBER_KINDS)[number];

/** A figure of the window beside the same figure of the window before it. */
export interface Kpi {
  value: number | null;
  previous: number | null;
  /** (value − previous) / previous; null when previous is 0 or null. */
  change: number | null;
}

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

export interface InsightsWindow {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  timezone: string;
  granularity: Granularity;
}

export interface EmvRate {
  network: string;
  cpmMinor: number;
}

export interface SeriesPoint {
  start: string;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  emvMinor: number;
}

export interface NetworkRow {
  network: string;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  emvMinor: number;
}

export interface TeamRow {
  /** Null: the members in no team. */
  teamId: string | null;
  name: string | null;
  members: number;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
}

export interface LocaleRow {
  locale: string;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
}

export interface PackRow {
  packId: string;
  title: string;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
}

export interface AdvocateRow {
  memberId: string | null;
  name: string | null;
  anonymous: boolean;
  teamId: string | null;
  points: number;
  reach: number;
  clicks: number;
  shares: number;
}

export interface Dashboard {
  window: InsightsWindow;
  asOf: string;
  currency: string;
  kpis: Record<KpiKey, Kpi>;
  emv: { formula: string; rates: EmvRate[] };
  series: SeriesPoint[];
  byNetwork: NetworkRow[];
  byTeam: TeamRow[];
  byLocale: LocaleRow[];
  topPacks: PackRow[];
  topAdvocates: AdvocateRow[];
}

/** The tables the dashboard CSV export knows (`?table=`). */
export type DashboardTable = 'series' | 'networks' | 'teams' | 'locales' | 'packs' | 'advocates';
