import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
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
import { ConfirmJoinDto, JoinDto } from './dto/invitation.dto';
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

  // Declared before the `:code` routes so that `confirm` is never taken for a join code.
  @Post('confirm')
  @HttpCode(200)
  @RateLimited('join')
  @ApiOperation({
    summary: 'Confirm a fan sign-up',
    description:
      'Public. Follows the link e-mailed on joining (it works once, for 48 hours): creates the active fan ' +
      'advocate and signs them in (sets the session cookies).',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({
    description: 'A malformed field or a link never issued (code `fan_signup.invalid`, field `token`).',
  })
  @ApiGoneResponse({
    description: 'The link was used (`fan_signup.used`) or expired (`fan_signup.expired`).',
  })
  @ApiConflictResponse({
    description:
      'The address became a member’s after the sign-up, e.g. by an invitation (code `member.email_taken`).',
  })
  async confirm(
    @Body() body: ConfirmJoinDto,
    @Res({ passthrough: true }) response: Response,
    @Req() request: Request,
  ): Promise<SessionDto> {
    const tokens = await this.joins.confirm(body.token, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }

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
  @HttpCode(202)
  @RateLimited('join')
  @ApiOperation({
    summary: 'Sign up for the fan programme',
    description:
      'Public. Answers 202 with no body whether or not the address belongs to a member. A new address is ' +
      'e-mailed a confirmation link (48 hours; nothing is created until it is followed, so an unconfirmed ' +
      'sign-up never blocks an invitation); a member’s address is e-mailed a password reset link instead.',
  })
  @ApiParam({ name: 'code', example: 'Yq3x0V9mQk2n6PzA' })
  @ApiAcceptedResponse({ description: 'Signed up; a confirmation e-mail follows.' })
  @ApiBadRequestResponse({
    description:
      'A malformed field or a weak password (`password.too_short`, `password.too_long`, `password.too_common`).',
  })
  @ApiNotFoundResponse({ description: CLOSED })
  async join(@Param('code') code: string, @Body() body: JoinDto): Promise<void> {
    await this.joins.join(code, body);
  }
}
