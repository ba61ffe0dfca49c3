import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Public } from '../../infra/http/access.decorators';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { RateLimited } from '../auth/rate-limit/rate-limit.guard';
import { clearSessionCookies, refreshTokenOf, setSessionCookies } from '../auth/session-cookies';
import type { Member } from '../members/entities/member.entity';
import { SsoDiscoverDto, SsoDiscoverResultDto, SsoLogoutResultDto } from './dto/sso.dto';
import { OpenIdCallbackGuard } from './oidc.strategy';
import {
  FLOW_COOKIE,
  FLOW_COOKIE_PATH,
  SESSION_COOKIE,
  SESSION_COOKIE_PATH,
  SsoSignInError,
  SsoSignInService,
} from './sso-sign-in.service';

@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoAuthController {
  constructor(
    private readonly signIn: SsoSignInService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('discover')
  @HttpCode(200)
  @RateLimited('login')
  @ApiOperation({
    summary: 'How an address signs in',
    description:
      'The e-mail-first sign-in page asks this: an address in a domain an organisation has verified for single ' +
      'sign-on answers `sso`, where to start and whether single sign-on is required there; any other ' +
      '`password`. Public.',
  })
  @ApiOkResponse({ type: SsoDiscoverResultDto })
  async discover(@Body() body: SsoDiscoverDto): Promise<SsoDiscoverResultDto> {
    const provider = await this.signIn.providerForEmail(body.email);
    if (!provider) return { method: 'password' };
    return {
      method: 'sso',
      startUrl: this.signIn.startUrl(body.email.trim().toLowerCase(), body.returnTo),
      required: provider.requireSso,
    };
  }

  @Get('start')
  @RateLimited('login')
  @ApiOperation({
    summary: 'Leave for the identity provider',
    description:
      'Redirects to the provider of the address’s verified domain (authorization code flow with PKCE, state and ' +
      'nonce, kept in a sealed cookie for ten minutes). Without one, back to the sign-in page. Public.',
  })
  @ApiQuery({ name: 'email', required: true })
  @ApiQuery({ name: 'returnTo', required: false })
  @ApiFoundResponse({ description: 'To the provider, or to `/login?sso_error=<code>`.' })
  async start(
    @Query('email') email: unknown,
    @Query('returnTo') returnTo: unknown,
    @Res() response: Response,
  ): Promise<void> {
    if (typeof email !== 'string' || email.length > 254 || !email.includes('@'))
      return this.failed(response, 'no_provider');
    try {
      const started = await this.signIn.start(email.trim().toLowerCase(), returnTo);
      response.cookie(FLOW_COOKIE, started.cookie, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level navigation from another site.
        sameSite: 'lax',
        secure: this.secure(),
        path: FLOW_COOKIE_PATH,
        expires: started.expires,
      });
      response.redirect(302, started.url);
    } catch (error) {
      if (error instanceof SsoSignInError) return this.failed(response, error.failure);
      throw error;
    }
  }

  @Get('callback')
  @UseGuards(OpenIdCallbackGuard)
  @ApiOperation({
    summary: 'Back from the identity provider',
    description:
      'Exchanges the code and checks the ID token (issuer, audience, expiry, nonce, signature by the provider’s ' +
      'JWKS); finds the member by (issuer, subject), links one by a verified e-mail the first time, or creates ' +
      'one when just-in-time provisioning is on. Sets the session cookies and redirects where the member was ' +
      'going; a refusal redirects to `/login?sso_error=<code>`. Public.',
  })
  @ApiFoundResponse({ description: 'Signed in, or refused.' })
  async callback(
    @Req() request: Request & { user?: Member | null; ssoFailure?: string; ssoIdToken?: string },
    @Res() response: Response,
  ): Promise<void> {
    const cookie = (request.cookies as Record<string, unknown> | undefined)?.[FLOW_COOKIE];
    const returnTo = this.signIn.returnToOf(typeof cookie === 'string' ? cookie : undefined);
    response.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH, httpOnly: true, sameSite: 'lax' });
    const member = request.user;
    if (!member) return this.failed(response, request.ssoFailure ?? 'token_invalid');
    const tokens = await this.auth.startSession(member, request.get('user-agent'));
    await this.audit.record({
      organisationId: member.organisationId,
      actorId: member.id,
      action: 'auth.signed_in',
      target: { type: 'member', id: member.id },
      details: { method: 'sso' },
    });
    setSessionCookies(response, this.config, tokens);
    response.cookie(SESSION_COOKIE, this.signIn.sealSession(member.organisationId, request.ssoIdToken), {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(),
      path: SESSION_COOKIE_PATH,
      expires: tokens.refreshExpiresAt,
    });
    response.redirect(302, returnTo);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign out, at the identity provider too',
    description:
      'As `POST /api/auth/logout` (the session is revoked, the cookies cleared), and answers where to send the ' +
      'browser to end the provider’s session as well: its `end_session_endpoint`, back to `/login` afterwards ' +
      '(register `<PUBLIC_URL>/login` as a post-logout redirect). `null` after a password sign-in. Public.',
  })
  @ApiOkResponse({ type: SsoLogoutResultDto })
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SsoLogoutResultDto> {
    const token = refreshTokenOf(request);
    if (token) await this.auth.revokeByRefreshToken(token);
    clearSessionCookies(response, this.config);
    const sealed = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    response.clearCookie(SESSION_COOKIE, {
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(),
    });
    const endSessionUrl = await this.signIn.endSessionUrl(typeof sealed === 'string' ? sealed : undefined);
    return { endSessionUrl: endSessionUrl ?? null };
  }

  private secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  private failed(response: Response, failure: string): void {
    response.redirect(302, `/login?sso_error=${encodeURIComponent(failure)}`);
  }
}
