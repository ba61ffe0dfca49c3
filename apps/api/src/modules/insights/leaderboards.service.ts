import { rankLeaderboard, type Period } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import {
  DEFAULT_LEADERBOARD_SIZE,
  type LeaderboardDto,
  type LeaderboardEntryDto,
  type LeaderboardMetric,
  type LeaderboardQueryDto,
  type LeaderboardWindowDto,
  type TeamLeaderboardDto,
  type TeamLeaderboardEntryDto,
  type TeamLeaderboardQueryDto,
} from './dto/leaderboard.dto';
import { BoardCache } from './board-cache';
import { UnknownTeamFilterError } from './insights.errors';
import { leaderboardWindow } from './leaderboard-window';
import {
  LeaderboardsRepository,
  type Figures,
  type MemberRankRow,
  type RollupFilter,
} from './leaderboards.repository';

const DEFAULT_METRIC: LeaderboardMetric = 'points';
const DEFAULT_PERIOD: Period = 'month';
/** No member has this id: a board read for no one in particular. */
const NO_CALLER = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class LeaderboardsService {
  constructor(
    private readonly repository: LeaderboardsRepository,
    private readonly cache: BoardCache,
  ) {}

  async members(caller: Caller, query: LeaderboardQueryDto): Promise<LeaderboardDto> {
    const { filter, window } = await this.filterFor(caller, query);
    if (query.team && !(await this.repository.teamExists(caller.organisationId, query.team)))
      throw new UnknownTeamFilterError();
    const limit = query.limit ?? DEFAULT_LEADERBOARD_SIZE;
    const teamId = query.team ?? null;
    const asOf = new Date().toISOString();
    // Read from the period rollups on every request, whatever the organisation's size: no cache.
    const rows = await this.repository.rankMembersByPeriod({
      ...filter,
      period: window.period,
      teamId,
      limit,
      callerId: caller.memberId,
    });
    // The caller's row comes last when it is also in the top (ordered by position, the two are equal).
    const entries = rows.filter((row, i) => i === rows.findIndex((other) => other.id === row.id));
    const mine = entries.find((row) => row.id === caller.memberId);
    return {
      ...window,
      asOf,
      total: rows[0]?.total ?? 0,
      entries: entries.slice(0, limit).map((row) => toEntry(row, caller.memberId)),
      me: mine ? toEntry(mine, caller.memberId) : null,
    };
  }

  /**
   * A calendar week's top scorers by points as any member of the organisation sees them (every kind;
   * opted-out members anonymous), for posts outside Heimo such as a Slack or Teams channel: read from
   * the week's period rollups. `weekStart` is the week's first local day; only members with points.
   */
  async weekTop(organisationId: string, weekStart: string, limit: number): Promise<LeaderboardEntryDto[]> {
    const rows = await this.repository.rankMembersByPeriod({
      organisationId,
      from: weekStart,
      to: weekStart,
      network: null,
      kind: null,
      metric: 'points',
      period: 'week',
      teamId: null,
      limit,
      callerId: NO_CALLER,
    });
    return rows
      .filter((row) => row.points > 0)
      .slice(0, limit)
      .map((row) => toEntry(row, NO_CALLER));
  }

  async teams(caller: Caller, query: TeamLeaderboardQueryDto): Promise<TeamLeaderboardDto> {
    const { filter, window } = await this.filterFor(caller, query);
    const [{ rows, asOf }, callersTeam] = await Promise.all([
      this.teamRows({ ...filter, period: window.period }),
      this.repository.teamOf(caller.organisationId, caller.memberId),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const perMember = (row: (typeof rows)[number]) => (row.members === 0 ? 0 : row.value / row.members);
    // Few rows (one per team): ranked with the library's rule, ties ordered by team name.
    const byTotal = rankLeaderboard(
      rows.map((row) => ({ id: row.id, score: row.value, tieBreak: row.name })),
      { top: query.limit ?? DEFAULT_LEADERBOARD_SIZE, callerId: callersTeam },
    );
    const byPerMember = rankLeaderboard(
      rows.map((row) => ({ id: row.id, score: perMember(row), tieBreak: row.name })),
      { top: rows.length },
    );
    const perMemberRank = new Map(byPerMember.top.map((row) => [row.id, row.rank]));
    const toTeamEntry = ({ id, rank }: { id: string; rank: number }): TeamLeaderboardEntryDto => {
      const row = byId.get(id);
      if (!row) throw new Error(`ranked team ${id} has no row`);
      return {
        rank,
        perMemberRank: perMemberRank.get(id) ?? rank,
        teamId: row.id,
        name: row.name,
        members: row.members,
        value: row.value,
        valuePerMember: perMember(row),
        totals: {
          shares: row.shares,
          reach: row.reach,
          clicks: row.clicks,
          uniqueClicks: row.uniqueClicks,
          points: row.points,
        },
        isCallersTeam: row.id === callersTeam,
      };
    };
    return {
      ...window,
      asOf: asOf.toISOString(),
      total: byTotal.total,
      entries: byTotal.top.map(toTeamEntry),
      me: byTotal.caller ? toTeamEntry(byTotal.caller) : null,
    };
  }

  /** The teams' sums from the kept team period rollups, on every request: no cache. */
  private async teamRows(filter: RollupFilter & { period: Period }) {
    return { rows: await this.repository.teamTotals(filter), asOf: new Date() };
  }

  private async filterFor(
    caller: Caller,
    query: TeamLeaderboardQueryDto,
  ): Promise<{ filter: RollupFilter; window: Window }> {
    const timezone = await this.cache.timezoneOf(caller.organisationId);
    if (!timezone) throw new NotFoundError('organisation.not_found', 'The organisation does not exist.');
    const metric = query.metric ?? DEFAULT_METRIC;
    const period = query.period ?? DEFAULT_PERIOD;
    const days = leaderboardWindow(period, timezone);
    // What fans see is the organisation's choice: by default the fans' board, never employees' names.
    const kind = await this.repository.boardKindFor(
      caller.organisationId,
      caller.memberId,
      query.kind ?? null,
    );
    return {
      filter: {
        organisationId: caller.organisationId,
        from: days.from,
        to: days.to,
        network: query.network ?? null,
        kind,
        metric,
      },
      window: { metric, period, timezone, ...days, fansOnly: kind === 'fan' && query.kind !== 'fan' },
    };
  }
}

type Window = Omit<LeaderboardWindowDto, 'asOf'>;

/** Others see an opted-out member as "anonymous advocate": no id, name or team; the member sees themself. */
function toEntry(
  row: Pick<MemberRankRow, 'id' | 'rank' | 'position' | 'value' | 'name' | 'teamId' | 'optOut'> & Figures,
  callerId: string,
): LeaderboardEntryDto {
  const isCaller = row.id === callerId;
  const anonymous = row.optOut && !isCaller;
  return {
    rank: row.rank,
    position: row.position,
    value: row.value,
    shares: row.shares,
    reach: row.reach,
    clicks: row.clicks,
    uniqueClicks: row.uniqueClicks,
    points: row.points,
    memberId: anonymous ? null : row.id,
    name: anonymous ? null : row.name,
    teamId: anonymous ? null : row.teamId,
    anonymous,
    isCaller,
  };
}
