import { HttpStatus } from '@nestjs/common';
import { AppError, NotFoundError } from '../../infra/http/app-error';

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(
      HttpStatus.UNAUTHORIZED,
      'auth.invalid_credentials',
      'Sign-in failed',
      'The e-mail address or the password is wrong.',
    );
  }
}

export class InvalidRefreshError extends AppError {
  constructor() {
    super(
      HttpStatus.UNAUTHORIZED,
      'auth.session_expired',
      'Session ended',
      'Your session has ended. Sign in again.',
    );
  }
}

/** Not an open session of the caller: another member's, ended, or unknown. */
export class SessionNotFoundError extends NotFoundError {
  constructor() {
    super('session.not_found', 'This session has already ended or does not exist.');
  }
}

/** Password sign-in for an address whose organisation requires single sign-on. */
export class SsoRequiredError extends AppError {
  constructor(startUrl: string) {
    super(
      HttpStatus.FORBIDDEN,
      'auth.sso_required',
      'Single sign-on required',
      'Your organisation signs you in through its identity provider.',
      [],
      {},
      { startUrl },
    );
  }
}
