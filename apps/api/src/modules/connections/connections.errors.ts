import { HttpStatus } from '@nestjs/common';
import { AppError, NotFoundError } from '../../infra/http/app-error';

const UNPROCESSABLE = 'Unprocessable content';

export class UnknownNetworkError extends NotFoundError {
  constructor() {
    super('connection.network_unknown', 'Heimo knows no such network.');
  }
}

export class ConnectionNotFoundError extends NotFoundError {
  constructor() {
    super('connection.not_found', 'You have no connection on this network.');
  }
}

/** The network offers no connection, or not by this method (its `api` in the network registry). */
export class ConnectionNotOfferedError extends AppError {
  constructor(network: string, reason: string) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'connection.not_offered', UNPROCESSABLE, reason, [
      { field: 'network', code: 'connection.not_offered', message: `${network}: ${reason}` },
    ]);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'connection.invalid_credentials',
      UNPROCESSABLE,
      'The network refused this identifier and app password. Check both, or make a new app password.',
      [{ field: 'appPassword', code: 'connection.invalid_credentials', message: 'refused by the network' }],
    );
  }
}

/** The network (or the outbound policy, for a server at a private address) refused the request. */
export class ConnectionRefusedError extends AppError {
  constructor(field: string, detail: string) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'connection.refused', UNPROCESSABLE, detail, [
      { field, code: 'connection.refused', message: detail },
    ]);
  }
}

export class NetworkRateLimitedError extends AppError {
  constructor(retryAfterMs: number | null) {
    const seconds = Math.max(1, Math.ceil((retryAfterMs ?? 60_000) / 1000));
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'connection.rate_limited',
      'Too many requests',
      'The network asks to wait before trying again.',
      [],
      { 'Retry-After': String(seconds) },
    );
  }
}

export class NetworkUnavailableError extends AppError {
  constructor() {
    super(
      HttpStatus.BAD_GATEWAY,
      'connection.network_unavailable',
      'Bad gateway',
      'The network did not answer. Try again in a moment.',
    );
  }
}

export class OauthStateInvalidError extends AppError {
  constructor() {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'connection.oauth_state_invalid',
      UNPROCESSABLE,
      'This authorisation was not started in this session, was used already or has expired. Start again.',
      [{ field: 'state', code: 'connection.oauth_state_invalid', message: 'unknown, used or expired' }],
    );
  }
}
