import { HttpStatus } from '@nestjs/common';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../../infra/http/app-error';

export class ApiTokenNotFoundError extends NotFoundError {
  constructor() {
    super('api_token.not_found', 'No such API token in the organisation.');
  }
}

/** Unknown, expired or revoked: the same answer for each, so a caller learns nothing from it. */
export class ApiTokenInvalidError extends UnauthenticatedError {
  constructor() {
    super('auth.token_invalid', 'The API token is unknown, expired or revoked.');
  }
}

export class TokenNotAllowedError extends ForbiddenError {
  constructor() {
    super('auth.token_not_allowed', 'This route does not accept API tokens; sign in instead.');
  }
}

export class TokenScopeMissingError extends AppError {
  constructor(scope: string) {
    super(
      HttpStatus.FORBIDDEN,
      'auth.token_scope_missing',
      'Forbidden',
      `The API token lacks the scope this route needs: ${scope}.`,
      [],
      {},
      { requiredScope: scope },
    );
  }
}
