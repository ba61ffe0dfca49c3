import {
  bucketStart,
  bucketStarts,
  earnedMediaValue,
  kpi,
  NO_NETWORK,
  ratio,
  SHARE_FLAG_RULE,
  type CpmRates,
  type NetworkId,
} from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { NotFoundError } from '../../../infra/http/app-error';
import type { Caller } from '../../../infra/http/caller';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import { loadPublishedModules } from '../../training/training-catalogue';
import { BoardCache } from '../board-cache';
import { UnknownTeamFilterError } from '../insights.errors';
import { localDate } from '../leaderboard-window';
import { LeaderboardsRepository, type MemberRankRow } from '../leaderboards.repository';
import { DashboardCache } from './dashboard-cache';
import {
  DashboardRepository,
  type AnomalyRow,
  type DashboardFilter,
  type FigureRow,
  type GateRule,
  type TeamFigureRow,
} from './dashboard.repository';
import { dashboardWindow, type ResolvedDashboardWindow } from './dashboard-window';
import type { DashboardQueryDto } from './dto/dashboard-query.dto';
import type {
  DashboardAdvocateDto,
  DashboardAnomalyDto,
  DashboardDto,
  LocaleFiguresDto,
  NetworkFiguresDto,
  PackFiguresDto,
  SeriesBucketDto,
  TeamFiguresDto,
} from './dto/dashboard.dto';

/** How many packs and advocates the dashboard lists. */
export const DASHBOARD_TOP = 10;
/** How many members with excluded clicks or flagged shares it lists. */
export const DASHBOARD_ANOMALIES = 50;
export const EMV_FORMULA = 'Σ reach / 1000 × CPM';

interface Sums {
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
  verifiedReach: number;
  engagement: number;
}

/** The dashboard as read, before the caller's view of opted-out members (so one read serves every leader). */
interface ReadDashboard extends Omit<DashboardDto, 'topAdvocates' | 'anomalies'> {
  readonly advocates: readonly Omit<MemberRankRow, 'total'>[];
  readonly anomalyRows: readonly AnomalyRow[];
}

const zero = (): Sums => ({
  shares: 0,
  reach: 0,
  clicks: 0,
  uniqueClicks: 0,
  points: 0,
  verifiedReach: 0,
  engagement: 0,
});

function add(into: Sums, row: Sums): void {
  into.shares += row.shares;
  into.reach += row.reach;
  into.clicks += row.clicks;
  into.uniqueClicks += row.uniqueClicks;
  into.points += row.points;
  into.verifiedReach += row.verifiedReach;
  into.engagement += row.engagement;
}

/** Earned media value of some rollup rows: each row's reach at its network's CPM, one rounding (`earnedMediaValue`). */
function emvOf(rows: readonly Pick<FigureRow, 'network' | 'reach'>[], cpm: CpmRates): number {
  return earnedMediaValue(
    rows.map((row) => ({ networkId: row.network, reach: row.reach })),
    cpm,
  );
}

const byReachThen =
  <T extends { reach: number }>(key: (row: T) => string) =>
  (a: T, b: T) =>
    b.reach - a.reach || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * The leader dashboard: KPIs against the previous window, a series, and breakdowns by network, team,
 * locale, pack and advocate, all from the rollups. Small organisations are read on every request;
 * large ones (as the leaderboards judge size) are kept for 30 seconds per filter combination.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DashboardRepository,
    private readonly leaderboards: LeaderboardsRepository,
    private readonly boards: BoardCache,
    private readonly cache: DashboardCache,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'CLICK_NETWORK_DAILY_LIMIT'>,
  ) {}

  async dashboard(
    caller: Pick<Caller, 'organisationId' | 'memberId'>,
    query: DashboardQueryDto,
  ): Promise<DashboardDto> {
    const organisation = await this.repository.organisation(caller.organisationId);
    if (!organisation) throw new NotFoundError('organisation.not_found', 'The organisation does not exist.');
    const window = dashboardWindow(query, organisation.timezone);
    const teamId = query.team ?? null;
    if (teamId && (await this.repository.teams(caller.organisationId, teamId)).length === 0)
      throw new UnknownTeamFilterError();
    const filter: DashboardFilter = {
      organisationId: caller.organisationId,
      from: window.from,
      to: window.to,
      previousFrom: window.previousFrom,
      network: query.network ?? null,
      teamId,
      kind: query.kind ?? null,
    };
    const read = () => this.read(filter, window, organisation.settings, caller.memberId);
    const dashboard = (await this.boards.isLarge(caller.organisationId))
      ? await this.cache.get(
          caller.organisationId,
          JSON.stringify([filter, window.granularity, window.timezone]),
          read,
        )
      : await read();
    const { advocates, anomalyRows, ...rest } = dashboard;
    return {
      ...rest,
      topAdvocates: advocates.map((row) => toAdvocate(row, caller.memberId)),
      anomalies: anomalyRows.map((row) =>
        toAnomaly(row, caller.memberId, this.config.CLICK_NETWORK_DAILY_LIMIT),
      ),
    };
  }

  private async read(
    filter: DashboardFilter,
    window: ResolvedDashboardWindow,
    storedSettings: unknown,
    callerId: string,
  ): Promise<ReadDashboard> {
    const asOf = new Date();
    const settings = mergeSettings(storedSettings);
    const cpm: CpmRates = Object.fromEntries(settings.earnedMedia.rates.map((r) => [r.network, r.cpmMinor]));
    const [figures, counts, packsAndLocales, teams, advocates, anomalyRows] = await Promise.all([
      this.repository.figures(filter),
      this.gates(filter.organisationId, storedSettings).then((gates) =>
        this.repository.members(filter, gates, asOf),
      ),
      this.repository.packsAndLocales(filter),
      this.repository.teams(filter.organisationId, filter.teamId),
      this.topAdvocates(filter, window, callerId),
      this.repository.anomalies(filter, SHARE_FLAG_RULE, DASHBOARD_ANOMALIES),
    ]);
    const { active, previousActive, ready, pool, previousPool } = counts;
    const current = figures.days.filter((row) => row.day >= filter.from);
    const previous = figures.days.filter((row) => row.day < filter.from);
    const now = zero();
    const before = zero();
    current.forEach((row) => add(now, row));
    previous.forEach((row) => add(before, row));

    return {
      window,
      asOf: asOf.toISOString(),
      currency: settings.earnedMedia.currency,
      kpis: {
        activeAdvocates: kpi(active, previousActive),
        readyMembers: kpi(ready, ready),
        shareRate: kpi(ratio(active, pool), ratio(previousActive, previousPool)),
        shares: kpi(now.shares, before.shares),
        reach: kpi(now.reach, before.reach),
        verifiedReach: kpi(now.verifiedReach, before.verifiedReach),
        engagement: kpi(now.engagement, before.engagement),
        clicks: kpi(now.clicks, before.clicks),
        uniqueClicks: kpi(now.uniqueClicks, before.uniqueClicks),
        clickThroughRate: kpi(ratio(now.clicks, now.reach), ratio(before.clicks, before.reach)),
        emvMinor: kpi(emvOf(current, cpm), emvOf(previous, cpm)),
      },
      emv: {
        formula: EMV_FORMULA,
        rates: settings.earnedMedia.rates.filter((rate) => settings.enabledNetworks.includes(rate.network)),
      },
      series: series(current, window, cpm),
      byNetwork: byNetwork(current, cpm, filter.network ? [filter.network] : settings.enabledNetworks),
      byTeam: byTeam(figures.teams, counts.teams, teams, filter.teamId),
      byLocale: packsAndLocales
        .filter((row) => row.packId === null && row.locale !== null)
        .map((row): LocaleFiguresDto => ({
          locale: row.locale as string,
          shares: row.shares,
          reach: row.reach,
          clicks: row.clicks,
          uniqueClicks: row.uniqueClicks,
        }))
        .sort(byReachThen((row) => row.locale)),
      topPacks: packsAndLocales
        .filter((row) => row.packId !== null)
        .map((row): PackFiguresDto => ({
          packId: row.packId as string,
          title: row.title ?? '',
          shares: row.shares,
          reach: row.reach,
          clicks: row.clicks,
          uniqueClicks: row.uniqueClicks,
        }))
        .sort(
          (a, b) =>
            b.clicks - a.clicks ||
            b.shares - a.shares ||
            (a.packId < b.packId ? -1 : a.packId > b.packId ? 1 : 0),
        )
        .slice(0, DASHBOARD_TOP),
      advocates,
      anomalyRows,
      flagRule: { ...SHARE_FLAG_RULE },
    };
  }

  /**
   * The points leaderboard's first {@link DASHBOARD_TOP} for the window and filters: from the period
   * rollups and the edge days (`topByPointsOverDays`), or, when too few members have points to fill
   * it, the daily rollups' board (members without figures rank by id).
   */
  private async topAdvocates(
    filter: DashboardFilter,
    window: ResolvedDashboardWindow,
    callerId: string,
  ): Promise<Omit<MemberRankRow, 'total'>[]> {
    const scope = {
      organisationId: filter.organisationId,
      from: filter.from,
      to: filter.to,
      network: filter.network,
      kind: filter.kind,
      teamId: filter.teamId,
      limit: DASHBOARD_TOP,
    };
    const top = await this.leaderboards.topByPointsOverDays({
      ...scope,
      today: localDate(new Date(), window.timezone),
    });
    if (top) return top;
    const rows = await this.leaderboards.rankMembers({ ...scope, metric: 'points', callerId });
    // Ordered by position; the caller's own row (asked for by the query) repeats theirs when in the top.
    return rows
      .filter((row, i) => i === rows.findIndex((other) => other.id === row.id))
      .slice(0, DASHBOARD_TOP);
  }

  /** The modules that gate sharing (published, listed as required), as the readiness count takes them. */
  private async gates(organisationId: string, storedSettings: unknown): Promise<GateRule[]> {
    const modules = await loadPublishedModules(
      this.dataSource.manager,
      organisationId,
      mergeSettings(storedSettings),
    );
    return modules
      .filter((module) => module.gate)
      .map((module) => ({
        moduleId: module.moduleId,
        materialVersion: module.materialVersion ?? module.version,
        validityDays: module.validityDays,
        kinds: [...module.requiredFor.kinds],
        teamIds: [...(module.requiredFor.teamIds ?? [])],
      }));
  }
}

/** Every bucket of the window, empty ones with zeros; EMV per bucket from its reach per network. */
function series(
  rows: readonly FigureRow[],
  window: ResolvedDashboardWindow,
  cpm: CpmRates,
): SeriesBucketDto[] {
  const buckets = new Map<string, FigureRow[]>(
    bucketStarts(window, window.granularity).map((start): [string, FigureRow[]] => [start, []]),
  );
  for (const row of rows) buckets.get(bucketStart(row.day, window, window.granularity))?.push(row);
  return [...buckets.entries()].map(([start, members]) => {
    const sums = zero();
    members.forEach((row) => add(sums, row));
    return {
      start,
      shares: sums.shares,
      reach: sums.reach,
      clicks: sums.clicks,
      uniqueClicks: sums.uniqueClicks,
      verifiedReach: sums.verifiedReach,
      engagement: sums.engagement,
      emvMinor: emvOf(members, cpm),
    };
  });
}

/**
 * The listed networks (the enabled ones, or the filter's) and any other with figures in the window.
 * `NO_NETWORK` rows (training points) are no network's: they count in the totals, not here.
 */
function byNetwork(
  rows: readonly FigureRow[],
  cpm: CpmRates,
  listed: readonly string[],
): NetworkFiguresDto[] {
  const sums = new Map<string, Sums>(listed.map((network) => [network, zero()]));
  for (const row of rows) {
    if (row.network === NO_NETWORK) continue;
    const into = sums.get(row.network) ?? zero();
    add(into, row);
    sums.set(row.network, into);
  }
  return [...sums.entries()]
    .map(([network, s]) => ({
      network: network as NetworkId,
      shares: s.shares,
      reach: s.reach,
      clicks: s.clicks,
      uniqueClicks: s.uniqueClicks,
      verifiedReach: s.verifiedReach,
      engagement: s.engagement,
      emvMinor: emvOf([{ network, reach: s.reach }], cpm),
    }))
    .sort(byReachThen((row) => row.network));
}

/** Every team (the filter's only, when given) and, without a team filter, the members in no team. */
function byTeam(
  rows: readonly TeamFigureRow[],
  teamMembers: readonly { teamId: string | null; members: number }[],
  teams: readonly { id: string; name: string }[],
  teamFilter: string | null,
): TeamFiguresDto[] {
  const sums = new Map<string | null, Sums>();
  for (const row of rows) {
    const into = sums.get(row.teamId) ?? zero();
    add(into, row);
    sums.set(row.teamId, into);
  }
  const members = new Map(teamMembers.map((row) => [row.teamId, row.members]));
  const groups: { teamId: string | null; name: string | null }[] = teams.map((t) => ({
    teamId: t.id,
    name: t.name,
  }));
  if (!teamFilter && ((members.get(null) ?? 0) > 0 || sums.has(null)))
    groups.push({ teamId: null, name: null });
  return groups
    .map(({ teamId, name }) => {
      const s = sums.get(teamId) ?? zero();
      return {
        teamId,
        name,
        members: members.get(teamId) ?? 0,
        shares: s.shares,
        reach: s.reach,
        clicks: s.clicks,
        uniqueClicks: s.uniqueClicks,
        verifiedReach: s.verifiedReach,
        engagement: s.engagement,
        points: s.points,
      };
    })
    .sort(
      (a, b) =>
        b.reach - a.reach ||
        (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name)) ||
        ((a.teamId ?? '') < (b.teamId ?? '') ? -1 : 1),
    );
}

/** A member's excluded clicks and flagged shares, anonymous as on the leaderboards. */
function toAnomaly(row: AnomalyRow, callerId: string, networkDailyLimit: number): DashboardAnomalyDto {
  const anonymous = row.optOut && row.id !== callerId;
  return {
    memberId: anonymous ? null : row.id,
    name: anonymous ? null : row.name,
    anonymous,
    teamId: anonymous ? null : row.teamId,
    excludedClicks: row.excludedClicks,
    exclusionReason: row.excludedClicks > 0 ? 'network_daily_limit' : null,
    networkDailyLimit,
    flaggedShares: row.flaggedShares,
    flagReason: row.flaggedShares > 0 ? 'few_networks' : null,
    topNetworksShare: Math.round(row.topNetworksShare * 1000) / 1000,
  };
}

/** Others see an opted-out member as "anonymous advocate", as on the leaderboards; the member sees themself. */
function toAdvocate(row: Omit<MemberRankRow, 'total'>, callerId: string): DashboardAdvocateDto {
  const anonymous = row.optOut && row.id !== callerId;
  return {
    memberId: anonymous ? null : row.id,
    name: anonymous ? null : row.name,
    anonymous,
    teamId: anonymous ? null : row.teamId,
    points: row.points,
    reach: row.reach,
    clicks: row.clicks,
    shares: row.shares,
  };
}
