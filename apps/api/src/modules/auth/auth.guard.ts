import { API_TOKEN_PREFIX, type ApiTokenScope } from '@heimo/domain';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../../infra/http/app-error';
import type { Role } from '../members/entities/member.entity';
import { AuthService } from './auth.service';
import type { Caller } from '../../infra/http/caller';
import { ALLOWED_BEFORE_TWO_STEP, IS_PUBLIC, ROLES, TOKEN_SCOPE } from '../../infra/http/access.decorators';
import { TwoStepRequiredError } from './two-step/two-step.errors';
import { accessTokenOf } from './session-cookies';
import {
  ApiTokenInvalidError,
  TokenNotAllowedError,
  TokenScopeMissingError,
} from './api-tokens/api-tokens.errors';
import { ApiTokensService } from './api-tokens/api-tokens.service';

/**
 * The one global guard: every route needs a session unless @Public(); @Roles() narrows it. An admin
 * who must turn on two-step sign-in first reaches only the routes marked @AllowedBeforeTwoStep().
 * A bearer token starting `heimo_` is an organisation API token: it reaches only routes marked
 * @TokenScope() with a scope it carries, in place of their roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const bearer = bearerTokenOf(request);
    if (bearer?.startsWith(API_TOKEN_PREFIX)) return this.admitApiToken(request, bearer, targets);
    const token = accessTokenOf(request);
    const caller = token ? await this.auth.authenticate(token) : undefined;
    if (!caller) throw new UnauthenticatedError();
    request.caller = caller;
    if (caller.twoStepDue && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_TWO_STEP, targets))
      throw new TwoStepRequiredError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.some((role) => caller.roles.includes(role))) throw new ForbiddenError();
    return true;
  }

  /**
   * An unknown, expired or revoked token answers 401; a valid one is counted against its rate limit,
   * then needs the route's scope (403 otherwise), and its use is noted.
   */
  private async admitApiToken(
    request: Request & { caller?: Caller },
    bearer: string,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): Promise<boolean> {
    const found = await this.apiTokens.authenticate(bearer);
    if (!found?.caller.token) throw new ApiTokenInvalidError();
    await this.apiTokens.countRequest(found.caller.token);
    const scope = this.reflector.getAllAndOverride<ApiTokenScope | undefined>(TOKEN_SCOPE, targets);
    if (!scope) throw new TokenNotAllowedError();
    if (!found.caller.token.scopes.includes(scope)) throw new TokenScopeMissingError(scope);
    request.caller = found.caller;
    const route = (request.route as { path?: unknown } | undefined)?.path;
    await this.apiTokens.noteUse(found, {
      method: request.method,
      path: typeof route === 'string' ? route : request.path,
    });
    return true;
  }
}

function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}
