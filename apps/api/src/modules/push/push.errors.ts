import { HttpStatus } from '@nestjs/common';
import { AppError, NotFoundError } from '../../infra/http/app-error';

/** Why a subscription was refused: 400 naming the field. Stable: the client translates them. */
export const PUSH_ERROR_CODES = [
  'push.bad_endpoint',
  'push.bad_endpoint_scheme',
  'push.private_address',
  'push.bad_key_encoding',
  'push.bad_key_length',
] as const;
export type PushErrorCode = (typeof PUSH_ERROR_CODES)[number];

export class PushRefusedError extends AppError {
  constructor(field: string, code: PushErrorCode, detail: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Push subscription refused', detail, [
      { field, code, message: detail },
    ]);
  }
}

/** No VAPID keys: production with DATABASE_URL and no VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY. */
export class PushNotConfiguredError extends AppError {
  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'push.not_configured',
      'Push is off',
      'This server has no VAPID keys (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY).',
    );
  }
}

export class PushSubscriptionNotFoundError extends NotFoundError {
  constructor() {
    super('push.subscription_not_found', 'No such push subscription of yours.');
  }
}
