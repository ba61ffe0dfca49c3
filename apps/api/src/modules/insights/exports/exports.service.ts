import { buildTrackedLink } from '@heimo/content';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import type { QueryStreamOptions } from '../../../infra/database/query-stream';
import { NotFoundError } from '../../../infra/http/app-error';
import type { CsvValue } from '../../../infra/http/csv';
import type { Caller } from '../../../infra/http/caller';
import { BoardCache } from '../board-cache';
import { NO_TEAM_LABEL } from '../dashboard/dashboard-csv';
import { MemberSharesRepository } from '../impact/member-shares.repository';
import { shareOutcome } from '../../connections/share-outcome';
import { ExportTimeoutError, UnknownTeamFilterError } from '../insights.errors';
import { leaderboardWindow, localDate } from '../leaderboard-window';
import { LeaderboardsRepository } from '../leaderboards.repository';
import { LeaderboardsService } from '../leaderboards.service';
import type { LeaderboardCsvQueryDto, TeamLeaderboardCsvQueryDto } from './dto/export-query.dto';

/** How long a download stopped by its time limit is told to wait before it is asked for again. */
const RETRY_AFTER_TIMEOUT_SECONDS = 60;

/** A download: its file name, header row and rows (an async iterable when read through a cursor). */
export interface CsvExport {
  readonly fileName: string;
  readonly header: readonly string[];
  readonly rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>;
}

/** How a member who opted out appears to others, as on the leaderboard pages. */
export const ANONYMOUS_NAME = 'anonymous advocate';

export const BOARD_HEADER = [
  'rank',
  'position',
  'name',
  'team',
  'shares',
  'reach',
  'clicks',
  'unique_clicks',
  'points',
] as const;
export const TEAM_BOARD_HEADER = [
  'rank',
  'per_member_rank',
  'team',
  'members',
  'shares',
  'reach',
  'clicks',
  'unique_clicks',
  'points',
  'value_per_member',
] as const;
export const MY_SHARES_HEADER = [
  'created_at',
  'pack',
  'network',
  'reach',
  'clicks',
  'unique_clicks',
  'points',
  'tracked_url',
  'verification',
  'post_url',
  'post_deleted',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'engagement',
] as const;

/**
 * CSV downloads of the leaderboards and of the member's own shares. Filters are checked before the
 * first byte is sent (a bad one is still a problem+json 400); the rows then stream from a cursor.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly repository: LeaderboardsRepository,
    private readonly leaderboards: LeaderboardsService,
    private readonly shares: MemberSharesRepository,
    private readonly cache: BoardCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The whole member board in rank order, ranked exactly as `GET /api/leaderboards`. */
  async memberBoard(caller: Caller, query: LeaderboardCsvQueryDto, signal: AbortSignal): Promise<CsvExport> {
    const timezone = await this.timezoneOf(caller.organisationId);
    if (query.team && !(await this.repository.teamExists(caller.organisationId, query.team)))
      throw new UnknownTeamFilterError();
    const metric = query.metric ?? 'points';
    const period = query.period ?? 'month';
    const days = leaderboardWindow(period, timezone);
    const source = this.repository.streamBoard(
      {
        organisationId: caller.organisationId,
        ...days,
        network: query.network ?? null,
        // A fan's download is the board the fan sees: the fans' board only, unless the organisation shows everyone.
        kind: await this.repository.boardKindFor(caller.organisationId, caller.memberId, query.kind ?? null),
        metric,
        period,
        teamId: query.team ?? null,
      },
      this.readOptions(signal),
    );
    return {
      fileName: `leaderboard-${metric}-${period}-${days.to}.csv`,
      header: BOARD_HEADER,
      rows: (async function* () {
        for await (const row of source) {
          // Others see an opted-out member as on the board: no name, no team; the member sees themself.
          const anonymous = row.optOut && row.id !== caller.memberId;
          yield [
            row.rank,
            row.position,
            anonymous ? ANONYMOUS_NAME : row.name,
            anonymous ? null : (row.teamName ?? NO_TEAM_LABEL),
            row.shares,
            row.reach,
            row.clicks,
            row.uniqueClicks,
            row.points,
          ];
        }
      })(),
    };
  }

  /** Every team (one row each, so few) from the team leaderboard itself. */
  async teamBoard(caller: Caller, query: TeamLeaderboardCsvQueryDto): Promise<CsvExport> {
    const board = await this.leaderboards.teams(caller, { ...query, limit: Number.MAX_SAFE_INTEGER });
    return {
      fileName: `team-leaderboard-${board.metric}-${board.period}-${board.to}.csv`,
      header: TEAM_BOARD_HEADER,
      rows: board.entries.map((team) => [
        team.rank,
        team.perMemberRank,
        team.name,
        team.members,
        team.totals.shares,
        team.totals.reach,
        team.totals.clicks,
        team.totals.uniqueClicks,
        team.totals.points,
        team.valuePerMember,
      ]),
    };
  }

  /** All of the caller's shares, newest first, with the counters and tracked link of `GET /api/me/shares`. */
  async myShares(caller: Caller, signal: AbortSignal): Promise<CsvExport> {
    const timezone = await this.timezoneOf(caller.organisationId);
    const sharePoints = await this.shares.sharePoints(caller.organisationId);
    const source = this.shares.stream(caller.organisationId, caller.memberId, this.readOptions(signal));
    const publicUrl = this.config.publicUrl;
    return {
      fileName: `my-shares-${localDate(new Date(), timezone)}.csv`,
      header: MY_SHARES_HEADER,
      rows: (async function* () {
        for await (const share of source)
          yield [
            share.createdAt,
            share.packTitle,
            share.network,
            share.reach,
            share.clicks,
            share.uniqueClicks,
            sharePoints + share.clickPoints,
            buildTrackedLink(publicUrl, share.code),
            // Verification on a connected account and the latest engagement: empty without them.
            ...((): CsvValue[] => {
              const { verification, engagement } = shareOutcome(share);
              return [
                verification?.status ?? null,
                verification?.postUrl ?? null,
                verification ? verification.postDeleted : null,
                engagement?.likes ?? null,
                engagement?.reposts ?? null,
                engagement?.replies ?? null,
                engagement?.quotes ?? null,
                engagement?.total ?? null,
              ];
            })(),
          ];
      })(),
    };
  }

  /** The cursor's settings: stopped when the reader goes away, and within the time limit. */
  private readOptions(signal: AbortSignal): QueryStreamOptions {
    return {
      signal,
      statementTimeoutMs: this.config.EXPORT_QUERY_TIMEOUT_MS,
      onTimeout: () => new ExportTimeoutError(RETRY_AFTER_TIMEOUT_SECONDS),
    };
  }

  private async timezoneOf(organisationId: string): Promise<string> {
    const timezone = await this.cache.timezoneOf(organisationId);
    if (!timezone) throw new NotFoundError('organisation.not_found', 'The organisation does not exist.');
    return timezone;
  }
}
