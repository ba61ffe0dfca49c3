import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../../infra/http/app-error';

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, detail = 'Too many requests. Try again later.') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate_limited',
      'Too many requests',
      detail,
      [],
      {
        'Retry-After': String(seconds),
      },
      { retryAfterSeconds: seconds },
    );
  }
}
