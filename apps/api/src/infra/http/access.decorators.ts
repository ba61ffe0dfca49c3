import { createParamDecorator, type ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { MemberRole } from '@heimo/domain';
import type { Caller } from './caller';

// Route access metadata sits in infra so that every module and infra's own routes (health) can
// declare it without importing the auth module; the auth module's global guard reads it.

export const IS_PUBLIC = 'heimo:public';
export const ROLES = 'heimo:roles';
export const ALLOWED_BEFORE_TWO_STEP = 'heimo:allowed-before-two-step';

/** The route needs no sign-in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Narrows a route to callers holding at least one of these roles; documents it in OpenAPI. */
export const Roles = (...roles: MemberRole[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiForbiddenResponse({
      description: `Requires one of the roles: ${roles.join(', ')} (code \`auth.forbidden\`).`,
    }),
  );

/**
 * The route stays open to an admin whose organisation requires two-step sign-in before they have
 * turned it on (their own profile, sessions, password and two-step set-up); every other route answers
 * them 403 `auth.two_step_required`.
 */
export const AllowedBeforeTwoStep = () => SetMetadata(ALLOWED_BEFORE_TWO_STEP, true);

/** Documents the session cookie and the 401 answer on an authenticated controller or route. */
export const Authenticated = () =>
  applyDecorators(
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'No valid session (code `auth.unauthenticated`).' }),
  );

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<{ caller?: Caller }>();
  if (!request.caller) throw new Error('CurrentCaller used on a public route');
  return request.caller;
});
