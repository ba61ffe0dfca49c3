import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { OrganisationSettingsDto, UpdateOrganisationSettingsDto } from './dto/organisation-settings.dto';
import { OrganisationSettingsService } from './organisation-settings.service';

@ApiTags('organisation')
@Authenticated()
@Roles('admin')
@Controller('organisation/settings')
export class OrganisationSettingsController {
  constructor(private readonly settings: OrganisationSettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s name, time zone, locale and rules',
    description: 'Roles: admin. Values never saved show their defaults.',
  })
  @ApiOkResponse({ type: OrganisationSettingsDto })
  view(@CurrentCaller() caller: Caller): Promise<OrganisationSettingsDto> {
    return this.settings.view(caller.organisationId);
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the organisation’s settings',
    description: 'Roles: admin. Send the `version` you loaded; the answer carries the next one.',
  })
  @ApiOkResponse({ type: OrganisationSettingsDto })
  @ApiBadRequestResponse({
    description: 'A field is invalid; `errors[].field` names it (code `validation.failed`).',
  })
  @ApiConflictResponse({
    description:
      'Someone saved in between (code `organisation.stale_version`); `current` holds the settings now.',
  })
  update(
    @CurrentCaller() caller: Caller,
    @Body() body: UpdateOrganisationSettingsDto,
  ): Promise<OrganisationSettingsDto> {
    return this.settings.update(caller.organisationId, caller.memberId, body);
  }
}
