import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { MeDto } from './dto/me.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Authenticated()
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
}
