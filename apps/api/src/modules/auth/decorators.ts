import { createParamDecorator, type ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '../members/entities/member.entity';
import type { Caller } from './caller';

export const IS_PUBLIC = 'heimo:public';
export const ROLES = 'heimo:roles';

/** The route needs no sign-in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Narrows a route to callers holding at least one of these roles; documents it in OpenAPI. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiForbiddenResponse({
      description: `Requires one of the roles: ${roles.join(', ')} (code \`auth.forbidden\`).`,
    }),
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
