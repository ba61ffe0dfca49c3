import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type EmailKind, renderEmail } from '@heimo/content';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { NotificationDelivery } from './entities/notification-delivery.entity';
import { MailTransport } from './mail-transport';
import { type UnsubscribeTopic, UnsubscribeTokens } from './unsubscribe-token';

/** The preference an unsubscribe link in each kind of message turns off. */
export const UNSUBSCRIBE_TOPIC_OF: Readonly<Record<EmailKind, UnsubscribeTopic>> = {
  invitation: 'all',
  pack_alert: 'pack_alerts',
  training_reminder: 'training_reminders',
  weekly_summary: 'weekly_summary',
};

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The payload with its secrets (an invitation link) removed. */
function withoutSecrets(payload: Claimed['payload']): Record<string, unknown> {
  const data = { ...(payload.data ?? {}) };
  for (const key of payload.secretKeys ?? []) delete data[key];
  return { data, secretKeys: [] };
}

export type SendOutcome = 'sent' | 'skipped' | 'retrying' | 'failed';

interface Claimed extends Pick<NotificationDelivery, 'id' | 'kind' | 'recipient' | 'locale' | 'memberId'> {
  payload: { data?: Record<string, unknown>; secretKeys?: string[] };
  organisationName: string;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: MailTransport,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async send(deliveryId: string, finalAttempt: boolean): Promise<SendOutcome> {
    const [claimed] = (await this.dataSource.query(
      `UPDATE notification_deliveries d SET status = 'sending', attempts = d.attempts + 1, updated_at = now()
         FROM organisations o
        WHERE d.id = $1 AND d.status IN ('queued', 'retrying') AND o.id = d.organisation_id
        RETURNING d.id, d.kind, d.recipient, d.locale, d.member_id AS "memberId", d.payload, o.name AS "organisationName"`,
      [deliveryId],
    )) as [Claimed[], number];
    const row = claimed[0];
    if (!row) return 'skipped';
    if (!row.memberId) {
      await this.finish(row.id, 'failed', {
        lastError: 'The recipient is no longer a member.',
        payload: withoutSecrets(row.payload),
      });
      return 'failed';
    }
    const token = this.tokens.issue(row.memberId, UNSUBSCRIBE_TOPIC_OF[row.kind]);
    let email: ReturnType<typeof renderEmail>;
    let sent: { messageId: string; outboxFile: string | null };
    try {
      email = renderEmail(row.kind, row.locale, row.payload.data ?? {}, {
        organisationName: row.organisationName,
        unsubscribeUrl: `${this.config.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`,
        preferencesUrl: row.kind === 'invitation' ? null : `${this.config.publicUrl}/profile`,
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
        unsubscribeUrl: `${this.config.publicUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`,
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

  private async finish(
    id: string,
    status: 'sent' | 'retrying' | 'failed',
    fields: {
      subject?: string;
      lastError?: string;
      messageId?: string;
      outboxFile?: string | null;
      payload?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries
          SET status = $2, updated_at = now(),
              subject = coalesce($3, subject), last_error = CASE WHEN $2 = 'sent' THEN last_error ELSE $4 END,
              message_id = coalesce($5, message_id), outbox_file = coalesce($6, outbox_file),
              payload = coalesce($7::jsonb, payload), sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
        WHERE id = $1 AND status = 'sending'`,
      [
        id,
        status,
        fields.subject ?? null,
        fields.lastError ?? null,
        fields.messageId ?? null,
        fields.outboxFile ?? null,
        fields.payload ? JSON.stringify(fields.payload) : null,
      ],
    );
  }
}
