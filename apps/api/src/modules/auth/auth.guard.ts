import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../../infra/http/app-error';
import type { Role } from '../members/entities/member.entity';
import { AuthService } from './auth.service';
import type { Caller } from '../../infra/http/caller';
import { ALLOWED_BEFORE_TWO_STEP, IS_PUBLIC, ROLES } from '../../infra/http/access.decorators';
import { TwoStepRequiredError } from './two-step/two-step.errors';
import { accessTokenOf } from './session-cookies';

/**
 * The one global guard: every route needs a session unless @Public(); @Roles() narrows it. An admin
 * who must turn on two-step sign-in first reaches only the routes marked @AllowedBeforeTwoStep().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
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
}
