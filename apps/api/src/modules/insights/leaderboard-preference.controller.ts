import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import { LeaderboardPreferenceDto } from './dto/leaderboard.dto';
import { BoardCache } from './board-cache';
import { LeaderboardsRepository } from './leaderboards.repository';

@ApiTags('insights')
@Authenticated()
@Controller('me/leaderboard-preference')
export class LeaderboardPreferenceController {
  constructor(
    private readonly repository: LeaderboardsRepository,
    private readonly cache: BoardCache,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Whether the member appears on leaderboards by name',
    description: 'Roles: any signed-in member.',
  })
  @ApiOkResponse({ type: LeaderboardPreferenceDto })
  async get(@CurrentCaller() caller: Caller): Promise<LeaderboardPreferenceDto> {
    const optOut = await this.repository.optOutOf(caller.organisationId, caller.memberId);
    if (optOut === null) throw new NotFoundError('member.not_found');
    return { optOut };
  }

  @Put()
  @ApiOperation({
    summary: 'Opt out of (or back into) leaderboards by name',
    description:
      'Roles: any signed-in member. Opted out, others see the member’s entry as “anonymous advocate” ' +
      '(no name, id or team); the member still sees their own entry, and their figures still count in team totals.',
  })
  @ApiOkResponse({ type: LeaderboardPreferenceDto })
  @ApiBadRequestResponse({ description: '`optOut` missing or not a boolean (code `validation.failed`).' })
  async put(
    @CurrentCaller() caller: Caller,
    @Body() body: LeaderboardPreferenceDto,
  ): Promise<LeaderboardPreferenceDto> {
    if (!(await this.repository.setOptOut(caller.organisationId, caller.memberId, body.optOut)))
      throw new NotFoundError('member.not_found');
    await this.cache.forget(caller.organisationId);
    return { optOut: body.optOut };
  }
}
