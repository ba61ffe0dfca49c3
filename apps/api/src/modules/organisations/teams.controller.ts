import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { SaveTeamDto, TeamDto, TeamPageDto } from './dto/team.dto';
import { IdParam } from '../../infra/http/id-param.pipe';
import { PageQueryDto } from '../../infra/http/keyset-page';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Authenticated()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Roles('admin', 'curator', 'leader')
  @ApiOperation({
    summary: 'The organisation’s teams, alphabetically',
    description: 'Roles: admin, curator, leader (audiences and leaderboards group by team).',
  })
  @ApiOkResponse({ type: TeamPageDto })
  @ApiBadRequestResponse({ description: 'A malformed limit or cursor (code `validation.failed`).' })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQueryDto): Promise<TeamPageDto> {
    return this.teams.list(caller.organisationId, query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a team', description: 'Roles: admin.' })
  @ApiCreatedResponse({ type: TeamDto })
  @ApiBadRequestResponse({
    description: 'The name is empty, too long or not plain text (code `validation.failed`).',
  })
  @ApiConflictResponse({
    description: 'A team has this name already, ignoring case (code `team.name_taken`).',
  })
  create(@CurrentCaller() caller: Caller, @Body() body: SaveTeamDto): Promise<TeamDto> {
    return this.teams.create(caller.organisationId, caller.memberId, body.name);
  }

  @Patch(':teamId')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a team', description: 'Roles: admin.' })
  @ApiParam({ name: 'teamId', format: 'uuid' })
  @ApiOkResponse({ type: TeamDto })
  @ApiBadRequestResponse({ description: 'A malformed id or name (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such team in the organisation (code `team.not_found`).' })
  @ApiConflictResponse({ description: 'Another team has this name (code `team.name_taken`).' })
  rename(
    @CurrentCaller() caller: Caller,
    @IdParam('teamId') teamId: string,
    @Body() body: SaveTeamDto,
  ): Promise<TeamDto> {
    return this.teams.rename(caller.organisationId, caller.memberId, teamId, body.name);
  }

  @Delete(':teamId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a team',
    description: 'Roles: admin. Its members stay in the organisation without a team.',
  })
  @ApiParam({ name: 'teamId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such team in the organisation (code `team.not_found`).' })
  async remove(@CurrentCaller() caller: Caller, @IdParam('teamId') teamId: string): Promise<void> {
    await this.teams.remove(caller.organisationId, caller.memberId, teamId);
  }
}
