import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../infra/http/app-error';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'password.too_short' | 'password.too_long' | 'password.too_common';

const messages: Record<PasswordProblem, string> = {
  'password.too_short': `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  'password.too_long': `The password may be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  'password.too_common': 'This password is too common. Choose one that is harder to guess.',
};

export class PasswordRejectedError extends AppError {
  constructor(problem: PasswordProblem, field = 'password') {
    super(HttpStatus.BAD_REQUEST, problem, 'Password not accepted', messages[problem], [
      { field, code: problem, message: messages[problem] },
    ]);
  }
}

/** Length in characters (code points, so an emoji counts once) and not a well-known password. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password.too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'password.too_long';
  if (COMMON_PASSWORDS.has(password.normalize('NFC').toLowerCase())) return 'password.too_common';
  return undefined;
}

export function assertAcceptablePassword(password: string, field = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new PasswordRejectedError(problem, field);
}
