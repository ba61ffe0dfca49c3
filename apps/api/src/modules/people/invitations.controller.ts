import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Public } from '../../infra/http/access.decorators';
import { RateLimited } from '../auth/rate-limit/rate-limit.guard';
import { setSessionCookies } from '../auth/session-cookies';
import { SessionDto } from '../members/dto/me.dto';
import { MembersService } from '../members/members.service';
import { AcceptInvitationDto, InvitationPreviewDto, InvitationTokenDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

const TOKEN_ERRORS =
  'Unknown or withdrawn link (404 `invitation.not_found`), expired (410 `invitation.expired`) or already used (410 `invitation.used`).';

/** The invitee's side. The token travels in the body, never in a URL that logs would keep. */
@ApiTags('people')
@Public()
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @RateLimited('invitations')
  @ApiOperation({ summary: 'Who invited whom, before the invitee sets a password', description: 'Public.' })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiBadRequestResponse({ description: 'A malformed token (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: TOKEN_ERRORS })
  @ApiGoneResponse({ description: TOKEN_ERRORS })
  preview(@Body() body: InvitationTokenDto): Promise<InvitationPreviewDto> {
    return this.invitations.preview(body.token);
  }

  @Post('accept')
  @HttpCode(200)
  @RateLimited('invitations')
  @ApiOperation({
    summary: 'Accept an invitation: set a password and sign in',
    description: 'Public. Sets the session cookies like sign-in. The link works once.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({
    description:
      'A malformed field, or a password that is too short (`password.too_short`, under 12), too long (`password.too_long`) or too common (`password.too_common`).',
  })
  @ApiForbiddenResponse({
    description:
      'The address is in a verified domain whose organisation requires single sign-on (code ' +
      '`auth.sso_required`, with `startUrl`): the invitee signs in through the provider instead.',
  })
  @ApiNotFoundResponse({ description: TOKEN_ERRORS })
  @ApiGoneResponse({ description: TOKEN_ERRORS })
  async accept(
    @Body() body: AcceptInvitationDto,
    @Res({ passthrough: true }) response: Response,
    @Req() request: Request,
  ): Promise<SessionDto> {
    const tokens = await this.invitations.accept(body, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }
}
