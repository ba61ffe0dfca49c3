import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { IdParam } from '../../infra/http/id-param.pipe';
import { ConfirmAudienceDto, PendingAudienceListDto, ProfileDto } from './dto/profile.dto';
import { ProfilesService } from './profiles.service';

/** Self-reported audiences above the ceiling or grown more than twofold wait here for an admin. */
@ApiTags('profiles')
@Authenticated()
@Roles('admin')
@Controller('audience-confirmations')
export class AudienceConfirmationsController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @ApiOperation({
    summary: 'Reported audiences waiting for confirmation',
    description:
      'Roles: admin. Profiles whose reported audience is above the organisation’s `audienceCeiling` or more ' +
      'than twice the lowest it counted within 30 days; each counts at its previous (or the ceiling) size ' +
      'until confirmed. Oldest first.',
  })
  @ApiOkResponse({ type: PendingAudienceListDto })
  list(@CurrentCaller() caller: Caller): Promise<PendingAudienceListDto> {
    return this.profiles.pendingAudiences(caller);
  }

  @Post(':profileId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a reported audience',
    description:
      'Roles: admin. The reported size counts from now on; shares made before keep the audience they snapshotted.',
  })
  @ApiParam({ name: 'profileId', format: 'uuid' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiBadRequestResponse({
    description:
      'A malformed id, or `audienceSize` not an integer in 0..2000000000 (code `validation.failed`).',
  })
  @ApiNotFoundResponse({ description: 'No such profile in the organisation (code `profile.not_found`).' })
  @ApiConflictResponse({
    description:
      'Nothing waits, or another size does (the member changed it): code `profile.audience_not_pending` with ' +
      '`pendingAudienceSize`.',
  })
  confirm(
    @CurrentCaller() caller: Caller,
    @IdParam('profileId') profileId: string,
    @Body() body: ConfirmAudienceDto,
  ): Promise<ProfileDto> {
    return this.profiles.confirmAudience(caller, profileId, body.audienceSize);
  }
}
