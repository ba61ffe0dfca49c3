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
import {
  clearSessionCookies,
  clearTwoStepCookie,
  refreshTokenOf,
  setSessionCookies,
  setTwoStepCookie,
  twoStepTokenOf,
} from './session-cookies';
import { LoginResultDto, TwoStepLoginDto } from './dto/two-step.dto';
import { TwoStepChallengeExpiredError } from './two-step/two-step.errors';
import { TwoStepService } from './two-step/two-step.service';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly twoStep: TwoStepService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Sets the session cookies, or, for a member who uses two-step sign-in, answers `twoStepRequired` and waits ' +
      'for the code. Public. Limited per address (RATE_LIMIT_LOGIN) and per account: after LOGIN_LOCKOUT_FAILURES ' +
      'failures that e-mail answers 429 for a while.',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({
    type: LoginResultDto,
    description:
      '`member`: signed in. `twoStepRequired`: the password was right and the member uses two-step sign-in; no ' +
      'session yet, a short-lived cookie holds the pending sign-in for `POST /api/auth/login/two-step`.',
  })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed (code `validation.failed`).' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (code `auth.invalid_credentials`).' })
  @UseGuards(LocalAuthGuard)
  // Nearest the method, so the address limit runs before the credential check.
  @RateLimited('login')
  async login(
    @Req() request: Request & { user: Member },
    @Body() _body: LoginDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResultDto> {
    if (await this.twoStep.isEnabled(request.user.id)) {
      const { token, expiresAt } = this.twoStep.challengeFor(request.user);
      setTwoStepCookie(response, this.config, token, expiresAt);
      return { twoStepRequired: true };
    }
    const tokens = await this.auth.signIn(request.user, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }

  @Post('login/two-step')
  @HttpCode(200)
  @RateLimited('login')
  @ApiOperation({
    summary: 'Sign in: the second step',
    description:
      'After `POST /api/auth/login` answered `twoStepRequired`: the code from the authenticator app (each works ' +
      'once) or a recovery code (each works once). Sets the session cookies. Public. Limited per address ' +
      '(RATE_LIMIT_LOGIN); a wrong code counts towards the account’s lockout (LOGIN_LOCKOUT_FAILURES, the ' +
      'password step included) like a wrong password.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({ description: '`code` missing or malformed (code `validation.failed`).' })
  @ApiUnauthorizedResponse({
    description:
      'A wrong or used code (`auth.two_step_code_wrong`, field `code`), or no pending sign-in: never started, ' +
      'or over 5 minutes ago (`auth.two_step_expired`: sign in again with the password).',
  })
  async loginTwoStep(
    @Req() request: Request,
    @Body() body: TwoStepLoginDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    let member: Member;
    try {
      member = await this.twoStep.completeSignIn(twoStepTokenOf(request), body.code);
    } catch (error) {
      if (error instanceof TwoStepChallengeExpiredError) clearTwoStepCookie(response, this.config);
      throw error;
    }
    clearTwoStepCookie(response, this.config);
    const tokens = await this.auth.signIn(member, request.get('user-agent'));
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
