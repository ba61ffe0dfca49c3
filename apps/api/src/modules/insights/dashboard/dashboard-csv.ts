import { findNetwork, minorToAmountText } from '@heimo/domain';
import type { CsvValue } from '../../../infra/http/csv';
import type { DashboardTable } from './dto/dashboard-query.dto';
import type { DashboardDto } from './dto/dashboard.dto';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

/** What the teams and advocates tables call members in no team (the web's "No team"). */
export const NO_TEAM_LABEL = 'No team';

/**
 * One table of the dashboard as CSV: the JSON answer's rows, columns in English snake_case, in the
 * reader's terms — networks and teams by name (members in no team under {@link NO_TEAM_LABEL}), earned media value
 * in the currency's units (`1234.50`, `minorToAmountText`) beside a `currency` column.
 */
export function dashboardCsvTable(dashboard: DashboardDto, table: DashboardTable): CsvTable {
  const emv = (minor: number) => minorToAmountText(minor, dashboard.currency);
  const teamNames = new Map(dashboard.byTeam.map((r) => [r.teamId, r.name]));
  const teamName = (teamId: string | null) =>
    teamId === null ? NO_TEAM_LABEL : (teamNames.get(teamId) ?? null);
  switch (table) {
    case 'series':
      return {
        header: [
          'start',
          'shares',
          'reach',
          'clicks',
          'unique_clicks',
          'verified_reach',
          'engagement',
          'emv',
          'currency',
        ],
        rows: dashboard.series.map((r) => [
          r.start,
          r.shares,
          r.reach,
          r.clicks,
          r.uniqueClicks,
          r.verifiedReach,
          r.engagement,
          emv(r.emvMinor),
          dashboard.currency,
        ]),
      };
    case 'networks':
      return {
        header: [
          'network_id',
          'network',
          'shares',
          'reach',
          'clicks',
          'unique_clicks',
          'verified_reach',
          'engagement',
          'emv',
          'currency',
        ],
        rows: dashboard.byNetwork.map((r) => [
          r.network,
          findNetwork(r.network)?.label ?? r.network,
          r.shares,
          r.reach,
          r.clicks,
          r.uniqueClicks,
          r.verifiedReach,
          r.engagement,
          emv(r.emvMinor),
          dashboard.currency,
        ]),
      };
    case 'teams':
      return {
        header: [
          'team_id',
          'team',
          'members',
          'shares',
          'reach',
          'clicks',
          'unique_clicks',
          'verified_reach',
          'engagement',
          'points',
        ],
        rows: dashboard.byTeam.map((r) => [
          r.teamId,
          r.teamId === null ? NO_TEAM_LABEL : r.name,
          r.members,
          r.shares,
          r.reach,
          r.clicks,
          r.uniqueClicks,
          r.verifiedReach,
          r.engagement,
          r.points,
        ]),
      };
    case 'locales':
      return {
        header: ['locale', 'shares', 'reach', 'clicks', 'unique_clicks'],
        rows: dashboard.byLocale.map((r) => [r.locale, r.shares, r.reach, r.clicks, r.uniqueClicks]),
      };
    case 'packs':
      return {
        header: ['pack_id', 'title', 'shares', 'reach', 'clicks', 'unique_clicks'],
        rows: dashboard.topPacks.map((r) => [r.packId, r.title, r.shares, r.reach, r.clicks, r.uniqueClicks]),
      };
    case 'advocates':
      return {
        header: ['member_id', 'name', 'anonymous', 'team_id', 'team', 'points', 'reach', 'clicks', 'shares'],
        rows: dashboard.topAdvocates.map((r) => [
          r.memberId,
          r.name,
          r.anonymous,
          r.teamId,
          r.anonymous ? null : teamName(r.teamId),
          r.points,
          r.reach,
          r.clicks,
          r.shares,
        ]),
      };
    case 'anomalies':
      return {
        header: [
          'member_id',
          'name',
          'anonymous',
          'team_id',
          'team',
          'excluded_clicks',
          'exclusion_reason',
          'network_daily_limit',
          'flagged_shares',
          'flag_reason',
          'top_networks_share',
        ],
        rows: dashboard.anomalies.map((r) => [
          r.memberId,
          r.name,
          r.anonymous,
          r.teamId,
          r.anonymous ? null : teamName(r.teamId),
          r.excludedClicks,
          r.exclusionReason,
          r.networkDailyLimit,
          r.flaggedShares,
          r.flagReason,
          r.topNetworksShare,
        ]),
      };
  }
}
