import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../infra/http/keyset-page';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import { MySharePageDto } from './dto/my-share.dto';
import { MySharesService } from './my-shares.service';

@ApiTags('sharing')
@Authenticated()
@Controller('me/shares')
export class MySharesController {
  constructor(private readonly shares: MySharesService) {}

  @Get()
  @ApiOperation({
    summary: 'The member’s own shares with their clicks, newest first',
    description:
      'Roles: any signed-in member. Click counts are updated by the click worker within moments of a click; ' +
      'keyset pagination with `cursor`.',
  })
  @ApiOkResponse({ type: MySharePageDto })
  @ApiBadRequestResponse({ description: 'A malformed limit or cursor (code `validation.failed`).' })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQueryDto): Promise<MySharePageDto> {
    return this.shares.list(caller, query);
  }
}
