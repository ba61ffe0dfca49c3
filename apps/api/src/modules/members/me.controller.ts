import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowedBeforeTwoStep, Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { MeDto, MemberLocaleDto } from './dto/me.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Authenticated()
@AllowedBeforeTwoStep()
@Controller('me')
export class MeController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({
    summary: 'The signed-in member and their organisation',
    description: 'Roles: any signed-in member.',
  })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentCaller() caller: Caller): Promise<MeDto> {
    return this.members.me(caller.organisationId, caller.memberId);
  }

  @Put('locale')
  @ApiOperation({
    summary: 'Set the member’s language',
    description:
      'Roles: any signed-in member. The web client signs them in in this language on any browser, and e-mails and later messages to them use it.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiBadRequestResponse({
    description: '`locale` missing or not a language Heimo speaks (code `validation.failed`).',
  })
  setLocale(@CurrentCaller() caller: Caller, @Body() body: MemberLocaleDto): Promise<MeDto> {
    return this.members.setLocale(caller.organisationId, caller.memberId, body.locale);
  }
}
