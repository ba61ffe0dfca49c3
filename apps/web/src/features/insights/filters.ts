// The filters of the insights pages live in the page's URL (shareable, kept on reload and Back); these
// read them back defensively (a hand-edited URL never reaches the API as a 400) and build the API's
// query strings, the same for the JSON a page shows and the CSV it offers.
import { isNetworkId, type NetworkId } from '@heimo/domain';
import {
  DASHBOARD_PERIODS,
  LEADERBOARD_METRICS,
  LEADERBOARD_PERIODS,
  MEMBER_KINDS,
  type DashboardPeriod,
  type DashboardTable,
  type LeaderboardMetric,
  type LeaderboardPeriod,
  type MemberKindFilter,
} from './types';

export interface DashboardFilters {
  period: DashboardPeriod;
  team: string | null;
  network: NetworkId | null;
  kind: MemberKindFilter | null;
}

export interface LeaderboardFilters {
  metric: LeaderboardMetric;
  period: LeaderboardPeriod;
  team: string | null;
  network: NetworkId | null;
  kind: MemberKindFilter | null;
}

/** The team leaderboard ranks every team: it has no team filter. */
export type TeamLeaderboardFilters = Omit<LeaderboardFilters, 'team'>;

/** The values a filter takes when the URL does not name one; the URL leaves them out. */
export const filterDefaults = { period: 'month', metric: 'points' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.find((candidate) => candidate === value) ?? null;
}

function uuid(value: string | null): string | null {
  return value !== null && UUID.test(value) ? value : null;
}

function network(value: string | null): NetworkId | null {
  return isNetworkId(value) ? value : null;
}

export function readDashboardFilters(params: URLSearchParams): DashboardFilters {
  return {
    period: oneOf(params.get('period'), DASHBOARD_PERIODS) ?? filterDefaults.period,
    team: uuid(params.get('team')),
    network: network(params.get('network')),
    kind: oneOf(params.get('kind'), MEMBER_KINDS),
  };
}

export function readLeaderboardFilters(params: URLSearchParams): LeaderboardFilters {
  return {
    metric: oneOf(params.get('metric'), LEADERBOARD_METRICS) ?? filterDefaults.metric,
    period: oneOf(params.get('period'), LEADERBOARD_PERIODS) ?? filterDefaults.period,
    team: uuid(params.get('team')),
    network: network(params.get('network')),
    kind: oneOf(params.get('kind'), MEMBER_KINDS),
  };
}

export function readTeamLeaderboardFilters(params: URLSearchParams): TeamLeaderboardFilters {
  const { team: _team, ...filters } = readLeaderboardFilters(params);
  return filters;
}

/** The filters that are set, as query parameters; "any" (null) is left out. */
export function filterQuery<F extends object>(filters: F): { [K in keyof F]?: NonNullable<F[K]> } {
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(filters)) if (value !== null) query[name] = value;
  return query as { [K in keyof F]?: NonNullable<F[K]> };
}

/**
 * The page's search parameters after one filter changes: set, or removed when it goes back to "any"
 * or its default, so the plainest view has the plainest URL. Other parameters are kept.
 */
export function withFilter(params: URLSearchParams, name: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  const fallback = (filterDefaults as Record<string, string | undefined>)[name];
  if (value === null || value === '' || value === fallback) next.delete(name);
  else next.set(name, value);
  return next;
}

/** An API address with the filters as its query string, for links the browser follows (CSV). */
export function hrefWithQuery(path: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export function dashboardCsvHref(table: DashboardTable, filters: DashboardFilters): string {
  return hrefWithQuery('/api/insights/dashboard.csv', { table, ...filterQuery(filters) });
}

export function leaderboardCsvHref(filters: LeaderboardFilters): string {
  return hrefWithQuery('/api/leaderboards.csv', filterQuery(filters));
}

export function teamLeaderboardCsvHref(filters: TeamLeaderboardFilters): string {
  return hrefWithQuery('/api/leaderboards/teams.csv', filterQuery(filters));
}
