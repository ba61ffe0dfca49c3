import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../../infra/http/access.decorators';
import { ImpactDto, ImpactQueryDto } from './dto/impact.dto';
import { ImpactService } from './impact.service';

@ApiTags('insights')
@Authenticated()
@Controller('me/impact')
export class ImpactController {
  constructor(private readonly impact: ImpactService) {}

  @Get()
  @ApiOperation({
    summary: 'The member’s own impact: figures against the window before, rank, trend and best shares',
    description:
      'Roles: any signed-in member. Figures come from the daily rollups over the current week, month, quarter ' +
      'or year to date in the organisation’s time zone (or `all`), each with the window of equal length just ' +
      'before. `rank` is the member’s place on the points leaderboard of the same days (as ' +
      '`GET /api/leaderboards?metric=points`). Best shares use the click counters kept on each share.',
  })
  @ApiOkResponse({ type: ImpactDto })
  @ApiBadRequestResponse({
    description: 'A `period` not of the listed values, or an unknown parameter (code `validation.failed`).',
  })
  get(@CurrentCaller() caller: Caller, @Query() query: ImpactQueryDto): Promise<ImpactDto> {
    return this.impact.forMember(caller, query);
  }
}
