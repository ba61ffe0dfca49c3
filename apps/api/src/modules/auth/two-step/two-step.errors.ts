import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, ForbiddenError } from '../../../infra/http/app-error';

/** A second-step code that is not the app's current one, was used already, or is no unused recovery code. */
export class WrongTwoStepCodeError extends AppError {
  constructor() {
    const detail = 'The code is wrong or was already used. Enter the current code from your app.';
    super(HttpStatus.UNAUTHORIZED, 'auth.two_step_code_wrong', 'Code not accepted', detail, [
      { field: 'code', code: 'auth.two_step_code_wrong', message: detail },
    ]);
  }
}

/** The same on the member's own two-step routes, where they are signed in: 400 naming the field. */
export class WrongConfirmationCodeError extends AppError {
  constructor() {
    const detail = 'The code is wrong or was already used. Enter the current code from your app.';
    super(HttpStatus.BAD_REQUEST, 'two_step.code_wrong', 'Code not accepted', detail, [
      { field: 'code', code: 'two_step.code_wrong', message: detail },
    ]);
  }
}

/** The password step was not taken, or too long ago: sign in again from the password. */
export class TwoStepChallengeExpiredError extends AppError {
  constructor() {
    super(
      HttpStatus.UNAUTHORIZED,
      'auth.two_step_expired',
      'Sign in again',
      'Too much time passed since the password was entered. Sign in again.',
    );
  }
}

export class WrongPasswordError extends AppError {
  constructor() {
    const detail = 'The password is wrong.';
    super(HttpStatus.BAD_REQUEST, 'password.wrong_current', 'Password wrong', detail, [
      { field: 'password', code: 'password.wrong_current', message: detail },
    ]);
  }
}

export class TwoStepAlreadyOnError extends ConflictError {
  constructor() {
    super(
      'two_step.already_enabled',
      'Two-step sign-in is already on. Turn it off first to use another app.',
    );
  }
}

export class TwoStepNotStartedError extends ConflictError {
  constructor() {
    super(
      'two_step.not_started',
      'Start setting up two-step sign-in first: no app is waiting to be confirmed.',
    );
  }
}

export class TwoStepOffError extends ConflictError {
  constructor() {
    super('two_step.not_enabled', 'Two-step sign-in is not on.');
  }
}

/** The organisation requires two-step sign-in of admins, and this admin has not turned it on yet. */
export class TwoStepRequiredError extends ForbiddenError {
  constructor() {
    super(
      'auth.two_step_required',
      'Your organisation requires admins to use two-step sign-in. Turn it on in your profile first.',
    );
  }
}
