import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Public } from '../../infra/http/access.decorators';
import { RateLimited } from '../auth/rate-limit/rate-limit.guard';
import { setSessionCookies } from '../auth/session-cookies';
import { SessionDto } from '../members/dto/me.dto';
import { MembersService } from '../members/members.service';
import { JoinInfoDto } from '../organisations/dto/fan-programme.dto';
import { JoinDto } from './dto/invitation.dto';
import { JoinService } from './join.service';

const CLOSED =
  'The link is closed or does not exist (code `join.closed_or_unknown`; the same answer for both).';

@ApiTags('people')
@Public()
@Controller('join')
export class JoinController {
  constructor(
    private readonly joins: JoinService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':code')
  @RateLimited('join')
  @ApiOperation({ summary: 'The organisation behind an open fan-programme link', description: 'Public.' })
  @ApiParam({ name: 'code', example: 'Yq3x0V9mQk2n6PzA' })
  @ApiOkResponse({ type: JoinInfoDto })
  @ApiNotFoundResponse({ description: CLOSED })
  info(@Param('code') code: string): Promise<JoinInfoDto> {
    return this.joins.info(code);
  }

  @Post(':code')
  @RateLimited('join')
  @ApiOperation({
    summary: 'Join the fan programme',
    description: 'Public. Creates an active fan advocate and signs them in (sets the session cookies).',
  })
  @ApiParam({ name: 'code', example: 'Yq3x0V9mQk2n6PzA' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiBadRequestResponse({
    description:
      'A malformed field or a weak password (`password.too_short`, `password.too_long`, `password.too_common`).',
  })
  @ApiNotFoundResponse({ description: CLOSED })
  @ApiConflictResponse({ description: 'The address is already a member here (code `member.email_taken`).' })
  async join(
    @Param('code') code: string,
    @Body() body: JoinDto,
    @Res({ passthrough: true }) response: Response,
    @Req() request: Request,
  ): Promise<SessionDto> {
    const tokens = await this.joins.join(code, body, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }
}
