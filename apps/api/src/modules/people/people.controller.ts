import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles, TokenScope } from '../../infra/http/access.decorators';
import { IdParam } from '../../infra/http/id-param.pipe';
import { EndedSessionsDto } from '../auth/dto/sessions.dto';
import { InvitationDto, InviteDto } from './dto/invitation.dto';
import { ListPeopleQueryDto, PersonDto, PersonPageDto, UpdatePersonDto } from './dto/person.dto';
import { InvitationsService } from './invitations.service';
import { PasswordResetSentDto } from './dto/password.dto';
import { PasswordsService } from './passwords.service';
import { PeopleService } from './people.service';

@ApiTags('people')
@Authenticated()
@Roles('admin')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly invitations: InvitationsService,
    private readonly passwords: PasswordsService,
  ) {}

  @Get()
  @TokenScope('people:read')
  @ApiOperation({
    summary: 'The organisation’s people, by name',
    description:
      'Roles: admin; API token scope `people:read`. `q` searches names and e-mail addresses; filters combine.',
  })
  @ApiOkResponse({ type: PersonPageDto })
  @ApiBadRequestResponse({ description: 'A malformed filter, limit or cursor (code `validation.failed`).' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListPeopleQueryDto): Promise<PersonPageDto> {
    return this.people.list(caller.organisationId, query);
  }

  @Post('invitations')
  @ApiOperation({
    summary: 'Invite someone',
    description:
      'Roles: admin. Adds an `invited` member and answers a single-use link valid for 7 days, shown only now. ' +
      'Inviting a still-invited address again replaces its link.',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiBadRequestResponse({
    description:
      'A field is invalid, the team is not the organisation’s, or a fan was given a role other than advocate (code `validation.failed`).',
  })
  @ApiConflictResponse({ description: 'A member already uses the address (code `member.email_taken`).' })
  invite(@CurrentCaller() caller: Caller, @Body() body: InviteDto): Promise<InvitationDto> {
    return this.invitations.invite(caller.organisationId, caller, body);
  }

  @Get(':memberId')
  @TokenScope('people:read')
  @ApiOperation({ summary: 'One person', description: 'Roles: admin; API token scope `people:read`.' })
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such member in the organisation (code `member.not_found`).' })
  get(@CurrentCaller() caller: Caller, @IdParam('memberId') memberId: string): Promise<PersonDto> {
    return this.people.get(caller.organisationId, memberId);
  }

  @Patch(':memberId')
  @ApiOperation({
    summary: 'Change a person’s roles, team, status or kind',
    description:
      'Roles: admin. Send the `version` you loaded. Deactivating ends every session of the member at once. ' +
      'Admins cannot remove their own admin role or deactivate themselves.',
  })
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  @ApiBadRequestResponse({
    description: 'A malformed id or field, or an unknown team (code `validation.failed`).',
  })
  @ApiNotFoundResponse({ description: 'No such member in the organisation (code `member.not_found`).' })
  @ApiConflictResponse({
    description:
      'Stale `version` (`member.stale_version`, `current` holds the member now), `member.cannot_remove_own_admin`, ' +
      '`member.cannot_deactivate_self`, `member.invalid_status_change` or `member.last_admin` (the organisation ' +
      'would be left without an active admin).',
  })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('memberId') memberId: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonDto> {
    return this.people.update(caller.organisationId, caller, memberId, body);
  }

  @Post(':memberId/sessions/end')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End all of a person’s sessions',
    description:
      'Roles: admin. Every open session of the member ends at once (their next request gets 401); they can ' +
      'sign in again.',
  })
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiOkResponse({ type: EndedSessionsDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such member in the organisation (code `member.not_found`).' })
  async endSessions(
    @CurrentCaller() caller: Caller,
    @IdParam('memberId') memberId: string,
  ): Promise<EndedSessionsDto> {
    return { ended: await this.people.endSessions(caller.organisationId, caller, memberId) };
  }

  @Post(':memberId/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a person a password reset link',
    description:
      'Roles: admin. E-mails the member a single-use link valid for 60 minutes; the link is never shown to the admin.',
  })
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiAcceptedResponse({ type: PasswordResetSentDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such member in the organisation (code `member.not_found`).' })
  @ApiConflictResponse({
    description:
      'The member is not active (code `member.not_active`), or their organisation requires single sign-on ' +
      'for their address and they are not a break-glass admin (`member.sso_required`).',
  })
  sendPasswordReset(
    @CurrentCaller() caller: Caller,
    @IdParam('memberId') memberId: string,
  ): Promise<PasswordResetSentDto> {
    return this.passwords.sendReset(caller, memberId);
  }
}
