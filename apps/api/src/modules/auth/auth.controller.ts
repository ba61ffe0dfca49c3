import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { SessionDto } from '../members/dto/me.dto';
import type { Member } from '../members/entities/member.entity';
import { MembersService } from '../members/members.service';
import { InvalidRefreshError } from './auth.errors';
import { AuthService } from './auth.service';
import { Public } from '../../infra/http/access.decorators';
import { LoginDto } from './dto/login.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { RateLimited } from './rate-limit/rate-limit.guard';
import { clearSessionCookies, refreshTokenOf, setSessionCookies } from './session-cookies';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Sets the session cookies. Public. Limited per address (RATE_LIMIT_LOGIN) and per account: after LOGIN_LOCKOUT_FAILURES failures that e-mail answers 429 for a while.',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed (code `validation.failed`).' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (code `auth.invalid_credentials`).' })
  @UseGuards(LocalAuthGuard)
  // Nearest the method, so the address limit runs before the credential check.
  @RateLimited('login')
  async login(
    @Req() request: Request & { user: Member },
    @Body() _body: LoginDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const tokens = await this.auth.signIn(request.user, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }

  @Post('refresh')
  @HttpCode(200)
  @RateLimited('refresh')
  @ApiOperation({
    summary: 'Rotate the refresh token',
    description:
      'A reused refresh token revokes the whole session, and a session ends SESSION_MAX_DAYS after the sign-in ' +
      'however often it is refreshed. Public.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'No valid refresh token (code `auth.session_expired`).' })
  async refresh(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const token = refreshTokenOf(request);
    if (!token) throw new InvalidRefreshError();
    try {
      const tokens = await this.auth.refresh(token);
      setSessionCookies(response, this.config, tokens);
      return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
    } catch (error) {
      clearSessionCookies(response, this.config);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out', description: 'Revokes the session and clears the cookies. Public.' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = refreshTokenOf(request);
    if (token) await this.auth.revokeByRefreshToken(token);
    clearSessionCookies(response, this.config);
  }
}
