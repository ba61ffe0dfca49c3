import type { CsvValue } from '../../../infra/http/csv';
import type { DashboardTable } from './dto/dashboard-query.dto';
import type { DashboardDto } from './dto/dashboard.dto';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

/** One table of the dashboard as CSV: the JSON answer's rows, columns in English snake_case. */
export function dashboardCsvTable(dashboard: DashboardDto, table: DashboardTable): CsvTable {
  switch (table) {
    case 'series':
      return {
        header: ['start', 'shares', 'reach', 'clicks', 'unique_clicks', 'emv_minor'],
        rows: dashboard.series.map((r) => [r.start, r.shares, r.reach, r.clicks, r.uniqueClicks, r.emvMinor]),
      };
    case 'networks':
      return {
        header: ['network', 'shares', 'reach', 'clicks', 'unique_clicks', 'emv_minor'],
        rows: dashboard.byNetwork.map((r) => [
          r.network,
          r.shares,
          r.reach,
          r.clicks,
          r.uniqueClicks,
          r.emvMinor,
        ]),
      };
    case 'teams':
      return {
        header: ['team_id', 'team', 'members', 'shares', 'reach', 'clicks', 'unique_clicks', 'points'],
        rows: dashboard.byTeam.map((r) => [
          r.teamId,
          r.name,
          r.members,
          r.shares,
          r.reach,
          r.clicks,
          r.uniqueClicks,
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
        header: ['member_id', 'name', 'anonymous', 'team_id', 'points', 'reach', 'clicks', 'shares'],
        rows: dashboard.topAdvocates.map((r) => [
          r.memberId,
          r.name,
          r.anonymous,
          r.teamId,
          r.points,
          r.reach,
          r.clicks,
          r.shares,
        ]),
      };
  }
}
