import { applyDecorators, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { downloadAborted, sendCsv } from '../../../infra/http/csv';
import type { Caller } from '../../../infra/http/caller';
import { Authenticated, CurrentCaller, TokenScope } from '../../../infra/http/access.decorators';
import { LeaderboardCsvQueryDto, TeamLeaderboardCsvQueryDto } from './dto/export-query.dto';
import { ExportSlots } from './export-slots';
import {
  BOARD_HEADER,
  type CsvExport,
  ExportsService,
  MY_SHARES_HEADER,
  TEAM_BOARD_HEADER,
} from './exports.service';

const FILTER_ERRORS =
  'A bad filter (code `validation.failed`) naming its field: `metric`, `period`, `network`, `kind` (not one ' +
  'of the listed values) or an unknown parameter (`limit` included: a download is the whole board)';

/** `streamed`: read through a cursor under `EXPORT_QUERY_TIMEOUT_MS` (the team board is an ordinary read). */
const csvResponse = (header: readonly string[], streamed = true) =>
  applyDecorators(
    ApiOkResponse({
      description: `UTF-8 CSV with a byte-order mark; header \`${header.join(',')}\`.`,
      content: { 'text/csv': { schema: { type: 'string' } } },
    }),
    ApiTooManyRequestsResponse({
      description:
        'You already have `EXPORT_MAX_PER_MEMBER` downloads running (code `export.too_many`); `Retry-After` says when to ask again.',
    }),
    ApiServiceUnavailableResponse({
      description:
        'The server already serves `EXPORT_MAX_CONCURRENT` downloads (code `export.busy`)' +
        (streamed
          ? ', or reading the rows took longer than `EXPORT_QUERY_TIMEOUT_MS` (code `export.timeout`)'
          : '') +
        '; `Retry-After` says when to ask again.',
    }),
  );

/** Whose downloads count together: the member's, or an API token's. */
const holderOf = (caller: Caller) => caller.token?.id ?? caller.memberId;

/**
 * CSV downloads. Routes with a file extension live in a controller of their own at the root, so
 * `/api/leaderboards.csv` and `/api/leaderboards/teams.csv` are matched literally and never taken
 * for another route's parameter. Each download takes one of `ExportSlots` for as long as it lasts,
 * and a client that stops reading for `EXPORT_IDLE_TIMEOUT_MS` is cut off.
 */
@ApiTags('insights')
@Authenticated()
@Controller()
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly slots: ExportSlots,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('leaderboards.csv')
  @TokenScope('insights:read')
  @ApiOperation({
    summary: 'Download the whole member leaderboard as CSV',
    description:
      'Roles: any signed-in member (as the leaderboard); API token scope `insights:read`. The filters of `GET /api/leaderboards` without ' +
      '`limit`; every ranked member in board order with the same ranks (ties share a rank, ordered by member ' +
      'id). Members who opted out appear to others as “anonymous advocate” with no team. Streamed from the ' +
      'database, so a board of any size downloads without being held in memory; read afresh (never cached).',
  })
  @ApiProduces('text/csv')
  @csvResponse(BOARD_HEADER)
  @ApiBadRequestResponse({
    description: `${FILTER_ERRORS}; \`team\` malformed, or with \`team.not_found\` for a team not of this organisation.`,
  })
  async memberBoard(
    @CurrentCaller() caller: Caller,
    @Query() query: LeaderboardCsvQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    this.slots.hold(holderOf(caller), res);
    await this.send(res, await this.exports.memberBoard(caller, query, downloadAborted(res)));
  }

  @Get('leaderboards/teams.csv')
  @TokenScope('insights:read')
  @ApiOperation({
    summary: 'Download the team leaderboard as CSV',
    description:
      'Roles: any signed-in member; API token scope `insights:read`. The filters of `GET /api/leaderboards/teams` without `limit`; every team ' +
      'of the organisation ranked by its total (`rank`) and per member (`per_member_rank`).',
  })
  @ApiProduces('text/csv')
  @csvResponse(TEAM_BOARD_HEADER, false)
  @ApiBadRequestResponse({ description: `${FILTER_ERRORS}.` })
  async teamBoard(
    @CurrentCaller() caller: Caller,
    @Query() query: TeamLeaderboardCsvQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    this.slots.hold(holderOf(caller), res);
    await this.send(res, await this.exports.teamBoard(caller, query));
  }

  @Get('me/shares.csv')
  @ApiOperation({
    summary: 'Download all of your shares as CSV',
    description:
      'Roles: any signed-in member. Every share you made, newest first, with its reach (audience when ' +
      'shared), clicks, unique clicks, points (the share’s points under the current rules plus what its ' +
      'unique clicks earned) and tracked link. Streamed from the database.',
  })
  @ApiProduces('text/csv')
  @csvResponse(MY_SHARES_HEADER)
  async myShares(@CurrentCaller() caller: Caller, @Res() res: Response): Promise<void> {
    this.slots.hold(caller.memberId, res);
    await this.send(res, await this.exports.myShares(caller, downloadAborted(res)));
  }

  private send(res: Response, csv: CsvExport): Promise<void> {
    return sendCsv(res, csv.fileName, csv.header, csv.rows, {
      idleTimeoutMs: this.config.EXPORT_IDLE_TIMEOUT_MS,
    });
  }
}
