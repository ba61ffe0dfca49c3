import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import { ReadinessDto } from './dto/training.dto';
import { ReadinessService } from './readiness.service';

@ApiTags('training')
@Authenticated()
@Controller('me/readiness')
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether the member may share now, and what blocks them',
    description:
      'Roles: any signed-in member. Sharing needs every module the organisation requires of them passed.',
  })
  @ApiOkResponse({ type: ReadinessDto })
  async mine(@CurrentCaller() caller: Caller): Promise<ReadinessDto> {
    const { mayShare, blocking } = await this.readiness.forMember(caller.organisationId, caller.memberId);
    return { mayShare, blocking: [...blocking] };
  }
}
