import type { EntityManager } from 'typeorm';

/** An endpoint switched off after its last retry, as the organisation's admins hear of it. */
export interface WebhookFailure {
  readonly organisationId: string;
  readonly organisationName: string;
  /** The organisation's active admins, each told in their own language. */
  readonly admins: readonly { id: string; email: string; name: string; locale: string }[];
  readonly endpointId: string;
  /** The endpoint's address without its query string (which may carry a token). */
  readonly endpointUrl: string;
  readonly eventType: string;
  /** When it was switched off: with the admin, the message's once-only key. */
  readonly disabledAt: Date;
}

/**
 * Who tells the admins that an endpoint was switched off (the notifications module provides it):
 * webhooks never imports notifications, whose planners read modules that emit webhook events.
 */
export interface WebhookFailureAlerts {
  /** Queues the messages in the transaction that switched the endpoint off; returns what to dispatch. */
  queue(manager: EntityManager, failure: WebhookFailure): Promise<readonly (string | null)[]>;
  /** Sends the queued messages once the transaction has committed. */
  dispatch(ids: readonly (string | null)[]): Promise<void>;
}

export const WEBHOOK_FAILURE_ALERTS = Symbol('WEBHOOK_FAILURE_ALERTS');
