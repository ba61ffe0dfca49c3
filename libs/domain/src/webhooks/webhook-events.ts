/**
 * Events an organisation's webhook endpoints can subscribe to. Stable strings: they are stored on
 * endpoints, sent as the payload's `type` and documented in the README and the OpenAPI components.
 */
export const WEBHOOK_EVENT_TYPES = [
  'pack.published',
  'pack.expired',
  'share.created',
  'member.joined',
  'member.ready',
  'training.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** What a delivery of one event to one endpoint is at: retried until it succeeds or the attempts run out. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Longest overlap after a secret rotation during which the previous secret still signs. */
export const WEBHOOK_MAX_ROTATION_OVERLAP_HOURS = 168;
