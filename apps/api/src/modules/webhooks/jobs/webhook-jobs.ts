/**
 * Every minute: queues deliveries whose job was lost (Redis away at the commit) and deletes
 * deliveries older than the log keeps ({@link DELIVERY_LOG_DAYS}).
 */
export const SWEEP_WEBHOOKS_JOB = 'sweep-webhooks';
export const SWEEP_EVERY_MS = 60_000;
/** A first attempt not made after this long has lost its job. */
export const LOST_AFTER_MS = 2 * 60_000;
export const DELIVERY_LOG_DAYS = 30;

/** Sends one delivery (one event to one endpoint), retried with exponential backoff. */
export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';

export interface DeliverWebhookPayload {
  readonly deliveryId: string;
  /** An admin's redelivery: one attempt, and its failure never switches the endpoint off. */
  readonly manual?: boolean;
}

/** BullMQ ids may not contain `:`. A redelivery's id carries when it was asked for. */
export const deliverWebhookJobId = (deliveryId: string, redelivery?: number) =>
  redelivery === undefined ? `webhook_${deliveryId}` : `webhook_${deliveryId}_r${redelivery}`;
