import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, TokenScope } from '../../infra/http/access.decorators';
import {
  LeaderboardDto,
  LeaderboardQueryDto,
  TeamLeaderboardDto,
  TeamLeaderboardQueryDto,
} from './dto/leaderboard.dto';
import { LeaderboardsService } from './leaderboards.service';

const FILTER_ERRORS =
  'A bad filter (code `validation.failed`); each error names its field: `metric`, `period`, `network`, ' +
  '`kind` (not one of the listed values), `limit` (not 1–100), an unknown parameter';

@ApiTags('insights')
@Authenticated()
@Controller('leaderboards')
export class LeaderboardsController {
  constructor(private readonly leaderboards: LeaderboardsService) {}

  @Get()
  @TokenScope('insights:read')
  @ApiOperation({
    summary: 'Members ranked by points, reach, clicks or shares over the current period',
    description:
      'Roles: any signed-in member (advocates see their own rank; leaders review); API token scope `insights:read`. Read from the daily ' +
      'rollups. Periods are the current week (from Monday), month, quarter or year to date in the organisation’s ' +
      'time zone, or `all`. Only active members are ranked, those without figures with zeros. Ties share a ' +
      'rank (1, 2, 2, 4) and are ordered by member id. `me` is the caller’s entry wherever it falls. Members ' +
      'who opted out (`PUT /api/me/leaderboard-preference`) appear to others as anonymous.',
  })
  @ApiOkResponse({ type: LeaderboardDto })
  @ApiBadRequestResponse({
    description: `${FILTER_ERRORS}; \`team\` with \`team.not_found\` for a team not of this organisation.`,
  })
  members(@CurrentCaller() caller: Caller, @Query() query: LeaderboardQueryDto): Promise<LeaderboardDto> {
    return this.leaderboards.members(caller, query);
  }

  @Get('teams')
  @TokenScope('insights:read')
  @ApiOperation({
    summary: 'Teams ranked by their members’ total and per-member figures over the current period',
    description:
      'Roles: any signed-in member; API token scope `insights:read`. The same periods and filters as the member leaderboard; a team counts ' +
      'its active members (of `kind`, when given). `rank` orders by the total, `perMemberRank` by the ' +
      'total divided by the members; ties share a rank and are ordered by team name. Members in no team ' +
      'are not counted. `me` is the caller’s team.',
  })
  @ApiOkResponse({ type: TeamLeaderboardDto })
  @ApiBadRequestResponse({ description: `${FILTER_ERRORS}.` })
  teams(
    @CurrentCaller() caller: Caller,
    @Query() query: TeamLeaderboardQueryDto,
  ): Promise<TeamLeaderboardDto> {
    return this.leaderboards.teams(caller, query);
  }
}
