import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import { SharingRulesDto } from './dto/sharing-rules.dto';
import { SharingRulesService } from './sharing-rules.service';

@ApiTags('organisation')
@Authenticated()
@Controller('organisation/sharing-rules')
export class SharingRulesController {
  constructor(private readonly rules: SharingRulesService) {}

  @Get()
  @ApiOperation({
    summary: 'What captions are checked against: enabled networks, locales, compliance, link base',
    description:
      'Roles: any signed-in member. The values `validateVariant` and `validateEditedCaption` of ' +
      '@heimo/content take, so the web checks captions live exactly as the API does.',
  })
  @ApiOkResponse({ type: SharingRulesDto })
  view(@CurrentCaller() caller: Caller): Promise<SharingRulesDto> {
    return this.rules.view(caller.organisationId);
  }
}
