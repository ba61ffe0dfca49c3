import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EmailKind, renderEmail } from '@heimo/content';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { MailTransport } from './mail-transport';
import {
  type DeliveryOutcome,
  type DeliveryPayload,
  NotificationsRepository,
} from './notifications.repository';
import { type UnsubscribeTopic, UnsubscribeTokens } from './unsubscribe-token';

/** The preference an unsubscribe link in each kind of message turns off. */
export const UNSUBSCRIBE_TOPIC_OF: Readonly<Record<EmailKind, UnsubscribeTopic>> = {
  invitation: 'all',
  pack_alert: 'pack_alerts',
  training_reminder: 'training_reminders',
  weekly_summary: 'weekly_summary',
  pack_review: 'review_alerts',
  // Password messages are sent whatever the member unsubscribed from; their link turns off the others.
  password_reset: 'all',
  password_changed: 'all',
  fan_signup_verify: 'all',
  fan_signup_existing: 'all',
  webhook_disabled: 'all',
  // Decisions on a member's suggestions are part of the review messages they may turn off.
  suggestion_decided: 'review_alerts',
};

/** Kinds sent to an address that is not (yet) a member: no unsubscribe link, nothing to unsubscribe. */
const TO_NON_MEMBERS: ReadonlySet<EmailKind> = new Set(['fan_signup_verify']);

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The payload with its secrets (an invitation link) removed. */
function withoutSecrets(payload: DeliveryPayload): Record<string, unknown> {
  const data = { ...(payload.data ?? {}) };
  for (const key of payload.secretKeys ?? []) delete data[key];
  return { data, secretKeys: [] };
}

export type SendOutcome = 'sent' | 'skipped' | 'retrying' | 'failed';

/**
 * Sends one delivery. The row is claimed first (`queued`/`retrying` → `sending`, attempts + 1) in
 * its own statement, so two workers never send the same row, and a row already sent is never sent
 * again. A failure is logged on the row and retried by the queue; the last attempt marks it failed.
 * A worker that dies while sending leaves the row `sending`; the tick marks it failed rather than
 * risk a second copy.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);

  constructor(
    private readonly deliveries: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: MailTransport,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async send(deliveryId: string, finalAttempt: boolean): Promise<SendOutcome> {
    const row = await this.deliveries.claim(deliveryId);
    if (!row) return 'skipped';
    if (!row.memberId && !TO_NON_MEMBERS.has(row.kind)) {
      await this.finish(row.id, 'failed', {
        lastError: 'The recipient is no longer a member.',
        payload: withoutSecrets(row.payload),
      });
      return 'failed';
    }
    const token = row.memberId ? this.tokens.issue(row.memberId, UNSUBSCRIBE_TOPIC_OF[row.kind]) : null;
    const unsubscribe = (path: string) =>
      token ? `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}` : '';
    let email: ReturnType<typeof renderEmail>;
    let sent: { messageId: string; outboxFile: string | null };
    try {
      email = renderEmail(row.kind, row.locale, row.payload.data ?? {}, {
        organisationName: row.organisationName,
        unsubscribeUrl: unsubscribe('/unsubscribe'),
        preferencesUrl: row.kind === 'invitation' || !token ? null : `${this.config.publicUrl}/profile`,
      });
    } catch (error) {
      // A message that cannot be rendered never will be: no retry.
      await this.finish(row.id, 'failed', { lastError: `Not rendered: ${reason(error)}`.slice(0, 1000) });
      return 'failed';
    }
    try {
      sent = await this.transport.send({
        deliveryId: row.id,
        to: row.recipient,
        subject: email.subject,
        html: email.html,
        text: email.text,
        unsubscribeUrl: unsubscribe('/api/unsubscribe'),
      });
    } catch (error) {
      this.logger.warn(`e-mail ${row.id} (${row.kind}) not sent: ${reason(error)}`);
      await this.finish(row.id, finalAttempt ? 'failed' : 'retrying', {
        subject: email.subject,
        lastError: reason(error).slice(0, 1000),
        payload: finalAttempt ? withoutSecrets(row.payload) : undefined,
      });
      if (!finalAttempt) throw error;
      return 'failed';
    }
    // Outside the try: once the message is out, a failure to log it must not send it again.
    await this.finish(row.id, 'sent', {
      subject: email.subject,
      messageId: sent.messageId,
      outboxFile: sent.outboxFile,
      payload: withoutSecrets(row.payload),
    });
    return 'sent';
  }

  private finish(id: string, status: 'sent' | 'retrying' | 'failed', fields: DeliveryOutcome): Promise<void> {
    return this.deliveries.finish(id, status, fields);
  }
}
