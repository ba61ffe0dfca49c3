// Names for the notification shapes the web uses, taken from the generated document by route.
import type { paths } from '../../api/schema';

type JsonOk<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type NotificationPreferences = JsonOk<paths['/api/me/notification-preferences']['get'], 200>;
export type PackAlertFrequency = NotificationPreferences['packAlerts'];
export type UpdateNotificationPreferencesBody = JsonBody<paths['/api/me/notification-preferences']['patch']>;

export type UnsubscribePreview = JsonOk<paths['/api/unsubscribe']['get'], 200>;
export type UnsubscribeTopic = UnsubscribePreview['topic'];

export type DeliveryPage = JsonOk<paths['/api/notifications/deliveries']['get'], 200>;
export type Delivery = DeliveryPage['items'][number];
export type DeliveryStatus = Delivery['status'];
export type EmailKind = Delivery['kind'];
export type OutboxMessage = JsonOk<paths['/api/notifications/deliveries/{deliveryId}/preview']['get'], 200>;

// Listed so the pages can offer every choice; the compiler checks them against the API's enums.
export const packAlertFrequencies = [
  'immediately',
  'daily',
  'weekly',
  'off',
] as const satisfies readonly PackAlertFrequency[];
export const deliveryStatuses = [
  'queued',
  'sending',
  'retrying',
  'sent',
  'failed',
] as const satisfies readonly DeliveryStatus[];

type MissingFrequency = Exclude<PackAlertFrequency, (typeof packAlertFrequencies)[number]>;
type MissingStatus = Exclude<DeliveryStatus, (typeof deliveryStatuses)[number]>;
const everyChoiceListed: [MissingFrequency, MissingStatus] extends [never, never] ? true : false = true;
void everyChoiceListed;
