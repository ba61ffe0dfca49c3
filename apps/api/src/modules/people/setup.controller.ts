import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
import { SetupDto, SetupStatusDto } from './dto/setup.dto';
import { SetupService } from './setup.service';

@ApiTags('people')
@Public()
@Controller('setup')
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @RateLimited('invitations')
  @ApiOperation({
    summary: 'Whether the first run’s setup is open',
    description:
      'Public. Open while the database holds no organisation and the server has printed a setup link; ' +
      '`signupOpen` says whether further organisations may be created from the web. Nothing else is told.',
  })
  @ApiOkResponse({ type: SetupStatusDto })
  async status(): Promise<SetupStatusDto> {
    return {
      open: await this.setup.isOpen(),
      signupOpen: this.config.ALLOW_ORGANISATION_SIGNUP,
    };
  }

  @Post()
  @HttpCode(201)
  @RateLimited('invitations')
  @ApiOperation({
    summary: 'Create the first organisation and its admin',
    description:
      'Public, with the token of the setup link the server prints at its start while no organisation ' +
      'exists. Creates the organisation (default settings) and its first admin (active), signs the admin ' +
      'in (sets the session cookies) and closes setup: the token works once.',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiBadRequestResponse({
    description:
      'A malformed or missing field (`validation.failed`, naming it) or a weak password (`password.too_short`, ' +
      '`password.too_long`, `password.too_common`).',
  })
  @ApiForbiddenResponse({
    description: 'The token is not the printed one (code `setup.token_invalid`, field `token`).',
  })
  @ApiNotFoundResponse({ description: 'Setup is done: an organisation exists (code `setup.closed`).' })
  async complete(
    @Body() body: SetupDto,
    @Res({ passthrough: true }) response: Response,
    @Req() request: Request,
  ): Promise<SessionDto> {
    const tokens = await this.setup.complete(body, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }
}
