import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { FanProgrammeDto, SetFanProgrammeOpenDto } from './dto/fan-programme.dto';
import { FanProgrammeService } from './fan-programme.service';

@ApiTags('organisation')
@Authenticated()
@Roles('admin')
@Controller('organisation/fan-programme')
export class FanProgrammeController {
  constructor(private readonly fanProgramme: FanProgrammeService) {}

  @Get()
  @ApiOperation({
    summary: 'The fan-programme join link and whether it is open',
    description: 'Roles: admin.',
  })
  @ApiOkResponse({ type: FanProgrammeDto })
  view(@CurrentCaller() caller: Caller): Promise<FanProgrammeDto> {
    return this.fanProgramme.view(caller.organisationId);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open or close the fan-programme join link',
    description: 'Roles: admin. Same as the `fanProgrammeOpen` setting; repeating it changes nothing.',
  })
  @ApiOkResponse({ type: FanProgrammeDto })
  @ApiBadRequestResponse({ description: '`open` is missing or not a boolean (code `validation.failed`).' })
  setOpen(@CurrentCaller() caller: Caller, @Body() body: SetFanProgrammeOpenDto): Promise<FanProgrammeDto> {
    return this.fanProgramme.setOpen(caller.organisationId, caller.memberId, body.open);
  }

  @Post('rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the join code',
    description: 'Roles: admin. The old link stops working at once.',
  })
  @ApiOkResponse({ type: FanProgrammeDto })
  rotate(@CurrentCaller() caller: Caller): Promise<FanProgrammeDto> {
    return this.fanProgramme.rotate(caller.organisationId, caller.memberId);
  }
}
