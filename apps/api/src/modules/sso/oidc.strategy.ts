import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as PassportBase } from 'passport-strategy';
import type { Member } from '../members/entities/member.entity';
import { FLOW_COOKIE, SsoSignInError, SsoSignInService } from './sso-sign-in.service';

type Verify = (request: Request, done: (error: unknown, member?: Member | false) => void) => void;

/** Passport's side of the provider's callback: it hands the request to the verify function. */
class OpenIdCallbackStrategy extends PassportBase {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Request): void {
    this.verify(request, (error, member) => {
      if (error) return this.error(error instanceof Error ? error : new Error(String(error)));
      if (!member) return this.fail(401);
      this.success(member);
    });
  }
}

/**
 * Sign-in through the organisation's OpenID provider, through Passport as the password sign-in is:
 * the strategy exchanges the code and checks the ID token (SsoSignInService), and answers the member.
 */
@Injectable()
export class OpenIdStrategy extends PassportStrategy(OpenIdCallbackStrategy, 'heimo-oidc') {
  constructor(private readonly signIn: SsoSignInService) {
    super();
  }

  async validate(request: Request): Promise<Member> {
    const cookie = (request.cookies as Record<string, unknown> | undefined)?.[FLOW_COOKIE];
    return this.signIn.complete(request, typeof cookie === 'string' ? cookie : undefined);
  }
}

/** Runs the strategy; a refusal is left on the request for the controller to redirect with. */
@Injectable()
export class OpenIdCallbackGuard extends AuthGuard('heimo-oidc') {
  override handleRequest<TUser>(
    error: unknown,
    user: TUser,
    _info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (error || !user) {
      const request = context.switchToHttp().getRequest<{ ssoFailure?: string }>();
      request.ssoFailure = error instanceof SsoSignInError ? error.failure : 'token_invalid';
      return null as TUser;
    }
    return user;
  }
}
