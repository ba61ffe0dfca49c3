import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import type { Caller } from '../../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../../infra/http/access.decorators';
import { FeedPageDto } from './feed.dto';
import { FeedService } from './feed.service';

@ApiTags('sharing')
@Authenticated()
@Controller('feed')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  @Roles('advocate')
  @ApiOperation({
    summary: 'The packs the member may share, newest first, with their readiness',
    description:
      'Roles: advocate. Published, unexpired packs whose audience includes the member (kind; team for ' +
      'employees when the pack names teams; locale when it names locales) and that have a variant on an ' +
      'enabled network. Variants are in the member’s locale, else the organisation’s default; each caption is ' +
      'rendered for the member with `[link]` where the tracked link goes, and says whether the member already ' +
      'shared on that network. Keyset pages (`limit`, `cursor`).',
  })
  @ApiOkResponse({ type: FeedPageDto })
  @ApiBadRequestResponse({ description: 'A malformed limit or cursor (code `validation.failed`).' })
  page(@CurrentCaller() caller: Caller, @Query() query: PageQueryDto): Promise<FeedPageDto> {
    return this.feed.page(caller, query);
  }
}
