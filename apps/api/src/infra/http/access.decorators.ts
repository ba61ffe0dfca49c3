import { createParamDecorator, type ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { ApiTokenScope, MemberRole } from '@heimo/domain';
import type { Caller } from './caller';

// Route access metadata sits in infra so that every module and infra's own routes (health) can
// declare it without importing the auth module; the auth module's global guard reads it.

export const IS_PUBLIC = 'heimo:public';
export const ROLES = 'heimo:roles';
export const ALLOWED_BEFORE_TWO_STEP = 'heimo:allowed-before-two-step';
export const TOKEN_SCOPE = 'heimo:token-scope';

/** The OpenAPI security scheme of organisation API tokens (`Authorization: Bearer heimo_…`). */
export const API_TOKEN_SCHEME = 'apiToken';

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

/**
 * The route also answers an organisation API token (`Authorization: Bearer heimo_…`) that carries
 * this scope; the token then stands in for the route's roles. A token without the scope answers 403
 * `auth.token_scope_missing`; a route without `@TokenScope` answers every token 403
 * `auth.token_not_allowed`. Documented in OpenAPI as the `apiToken` scheme with the scope.
 */
export const TokenScope = (scope: ApiTokenScope) =>
  applyDecorators(
    SetMetadata(TOKEN_SCOPE, scope),
    // Beside the session cookie that @Authenticated() documents on the controller.
    ApiBearerAuth(API_TOKEN_SCHEME),
    ApiExtension('x-heimo-token-scope', scope),
  );

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
