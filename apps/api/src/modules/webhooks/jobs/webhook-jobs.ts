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
