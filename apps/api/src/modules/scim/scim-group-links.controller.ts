import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import { ScimGroupLinksService } from './scim-group-links.service';

export class LinkScimGroupDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The team; null unlinks the group.',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all')
  teamId!: string | null;
}

export class ScimGroupDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Sales (Entra ID)' })
  displayName!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  teamName!: string | null;

  @ApiProperty({ example: 12 })
  memberCount!: number;
}

export class ScimGroupListDto {
  @ApiProperty({ type: ScimGroupDto, isArray: true, description: 'By name; at most 500.' })
  items!: ScimGroupDto[];
}

/** The identity provider's groups as admins see them on Settings → Provisioning, and their teams. */
@ApiTags('scim-tokens')
@Authenticated()
@Roles('admin')
@Controller('scim-groups')
export class ScimGroupLinksController {
  constructor(private readonly links: ScimGroupLinksService) {}

  @Get()
  @ApiOperation({ summary: 'The groups the identity provider sent, with the team each is linked to' })
  @ApiOkResponse({ type: ScimGroupListDto })
  async list(@CurrentCaller() caller: Caller): Promise<ScimGroupListDto> {
    return { items: await this.links.list(caller.organisationId) };
  }

  @Put(':groupId/team')
  @ApiOperation({
    summary: 'Link a group to a team (or unlink it)',
    description:
      'Roles: admin. Each member of a linked group is in the team of the linked group they were added to last; ' +
      'unlinking moves them to their next linked group, or to no team. Audited as `scim.group_linked`.',
  })
  @ApiParam({ name: 'groupId', format: 'uuid' })
  @ApiOkResponse({ type: ScimGroupDto })
  @ApiBadRequestResponse({
    description: 'A malformed id or teamId, or a team not in the organisation (`validation.failed`).',
  })
  @ApiNotFoundResponse({ description: 'No such group in the organisation (code `scim_group.not_found`).' })
  link(
    @CurrentCaller() caller: Caller,
    @IdParam('groupId') groupId: string,
    @Body() body: LinkScimGroupDto,
  ): Promise<ScimGroupDto> {
    return this.links.link(caller, groupId, body.teamId);
  }

  @Post(':groupId/team')
  @ApiOperation({
    summary: 'Create a team named after the group and link the group to it',
    description: 'Roles: admin. Audited as `team.created` and `scim.group_linked`.',
  })
  @ApiParam({ name: 'groupId', format: 'uuid' })
  @ApiCreatedResponse({ type: ScimGroupDto })
  @ApiBadRequestResponse({
    description:
      'A malformed id, or a group name no team can have (code `validation.failed`, field `groupId`).',
  })
  @ApiNotFoundResponse({ description: 'No such group in the organisation (code `scim_group.not_found`).' })
  @ApiConflictResponse({
    description: 'A team has the name already (code `team.name_taken`): link that one.',
  })
  createTeam(@CurrentCaller() caller: Caller, @IdParam('groupId') groupId: string): Promise<ScimGroupDto> {
    return this.links.createTeam(caller, groupId);
  }
}
