import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AllowedBeforeTwoStep, Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import { AuthService } from './auth.service';
import { EndedSessionsDto, SessionListDto } from './dto/sessions.dto';

@ApiTags('auth')
@Authenticated()
@AllowedBeforeTwoStep()
@Controller('me/sessions')
export class SessionsController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({
    summary: 'The member’s open sessions',
    description:
      'Roles: any signed-in member. Each with the browser and system it was started from, when, and when it ' +
      'was last used; `current` marks the one this request was made with.',
  })
  @ApiOkResponse({ type: SessionListDto })
  async list(@CurrentCaller() caller: Caller): Promise<SessionListDto> {
    return { items: await this.auth.listSessions(caller) };
  }

  @Post('end-others')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End every other session',
    description:
      'Roles: any signed-in member. Every session but this one ends at once: its next request gets 401.',
  })
  @ApiOkResponse({ type: EndedSessionsDto })
  async endOthers(@CurrentCaller() caller: Caller): Promise<EndedSessionsDto> {
    return { ended: await this.auth.endOtherSessions(caller) };
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End one of the member’s sessions',
    description:
      'Roles: any signed-in member, for their own sessions. It ends at once: its next request gets 401.',
  })
  @ApiParam({ name: 'sessionId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Ended.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({
    description:
      'Not an open session of the member: another member’s, ended, or unknown (code `session.not_found`).',
  })
  async end(@CurrentCaller() caller: Caller, @IdParam('sessionId') sessionId: string): Promise<void> {
    await this.auth.endOwnSession(caller, sessionId);
  }
}
