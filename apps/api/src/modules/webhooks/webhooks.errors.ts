import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../../infra/http/app-error';

/** Why an endpoint URL is refused, or why a delivery attempt failed. Stable: stored and translated. */
export const WEBHOOK_ERROR_CODES = [
  'webhook.bad_url',
  'webhook.bad_scheme',
  'webhook.private_address',
  'webhook.dns_failed',
  'webhook.connect_failed',
  'webhook.timeout',
  'webhook.too_large',
  'webhook.too_many_redirects',
  'webhook.http_status',
  'webhook.endpoint_disabled',
] as const;
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/** A refused endpoint URL: 400 naming the field `url`. */
export class WebhookUrlRefusedError extends AppError {
  constructor(code: WebhookErrorCode, detail: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Webhook URL refused', detail, [
      { field: 'url', code, message: detail },
    ]);
  }
}

export class WebhookEndpointNotFoundError extends NotFoundError {
  constructor() {
    super('webhook.endpoint_not_found', 'The webhook endpoint does not exist.');
  }
}

export class WebhookDeliveryNotFoundError extends NotFoundError {
  constructor() {
    super('webhook.delivery_not_found', 'The webhook delivery does not exist.');
  }
}

export class WebhookEndpointDisabledError extends ConflictError {
  constructor() {
    super('webhook.endpoint_disabled', 'The endpoint is switched off: switch it on before redelivering.');
  }
}
