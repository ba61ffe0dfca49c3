/** Sends one e-mail (a `notification_deliveries` row). Idempotent: only a queued or retrying row is sent. */
export const SEND_EMAIL_JOB = 'send-email';
/** Every minute: pack alerts, digests, training reminders and weekly summaries that are due; stuck deliveries. */
export const NOTIFY_TICK_JOB = 'notify-tick';
/** How many times an e-mail is tried before it is logged as failed. */
export const SEND_ATTEMPTS = 5;

export interface SendEmailPayload {
  readonly deliveryId: string;
}

/** BullMQ ids may not contain `:`. */
export const sendEmailJobId = (deliveryId: string) => `send-email_${deliveryId}`;
