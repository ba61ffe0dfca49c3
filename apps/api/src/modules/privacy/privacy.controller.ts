import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
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
import { PersonDto } from '../people/dto/person.dto';
import { PersonalDataExportDto } from './dto/export.dto';
import { PrivacyService } from './privacy.service';

@ApiTags('privacy')
@Authenticated()
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('me/export')
  @Header('Content-Disposition', 'attachment; filename="heimo-personal-data.json"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Download everything Heimo holds about you',
    description:
      'Roles: any signed-in member. Your member record (without the password hash), sign-ins, audit trail, ' +
      'social profiles with their audience history, and training attempts and acceptances.',
  })
  @ApiOkResponse({ type: PersonalDataExportDto })
  export(@CurrentCaller() caller: Caller): Promise<PersonalDataExportDto> {
    return this.privacy.export(caller);
  }

  @Post('people/:memberId/erase')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Erase a person’s personal data',
    description:
      'Roles: admin. E-mail becomes `erased-<id>@invalid`, name `Erased member`; password, invitation and sessions end; ' +
      'social profiles (with audience history) and training attempts and acceptances are deleted, and their audit ' +
      'trail keeps no quiz scores; the e-mails to them keep no address or content, and the invitation e-mails they ' +
      'sent (logged subject, outbox copy, what is still to be sent) name `Erased member` as the inviter; status ' +
      'becomes deactivated; the identity provider’s SCIM record of them and their group memberships are deleted. ' +
      'The id stays so totals keep adding up. Cannot be undone.',
  })
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such member in the organisation (code `member.not_found`).' })
  @ApiConflictResponse({
    description:
      'Admins cannot erase themselves (code `member.cannot_erase_self`), nor the last active admin (`member.last_admin`).',
  })
  erase(@CurrentCaller() caller: Caller, @IdParam('memberId') memberId: string): Promise<PersonDto> {
    return this.privacy.erase(caller.organisationId, caller, memberId);
  }
}
