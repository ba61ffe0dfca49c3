import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EmailKind, renderEmail } from '@heimo/content';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { PushNotifier } from '../push/push-notifier';
import type { PushMessage } from '../push/jobs/push-jobs';
import { MailTransport } from './mail-transport';
import {
  type ClaimedDelivery,
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

type Data = Record<string, unknown>;
const first = (list: unknown): Data | undefined =>
  Array.isArray(list) && list.length > 0 ? (list[0] as Data) : undefined;

/**
 * The kinds also pushed to the member's devices, and the page a tap opens: the pack in the feed
 * (the feed itself for a digest of several), the training, the pack under review.
 */
const PUSHED_PAGE: Partial<Record<EmailKind, (data: Data) => string | undefined>> = {
  pack_alert: (data) =>
    (data.single ? (first(data.packs)?.openUrl as string | undefined) : '/feed') ?? '/feed',
  training_reminder: (data) => (first(data.modules)?.url as string | undefined) ?? '/training',
  pack_review: (data) => data.packUrl as string | undefined,
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
    private readonly push: PushNotifier,
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
    if (row.memberId && row.attempts === 1) await this.notifyDevices(row, email.subject);
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

  /**
   * The same news on the member's devices with push on, once (at the first attempt): the e-mail's
   * subject in the member's language, and the page a tap opens. A queue failure never holds the e-mail.
   */
  private async notifyDevices(row: ClaimedDelivery, subject: string): Promise<void> {
    const url = PUSHED_PAGE[row.kind]?.(row.payload.data ?? {});
    if (!url || !row.memberId) return;
    const message: PushMessage = { title: row.organisationName, body: subject, url: this.pathOf(url) };
    try {
      await this.push.notify(row.memberId, row.id, message);
    } catch (error) {
      this.logger.warn(`push for ${row.id} not queued: ${reason(error)}`);
    }
  }

  /** A path of the app: the payload's links are absolute, a notification opens them in the app's origin. */
  private pathOf(url: string): string {
    return url.startsWith(this.config.publicUrl) ? url.slice(this.config.publicUrl.length) || '/' : url;
  }

  private finish(id: string, status: 'sent' | 'retrying' | 'failed', fields: DeliveryOutcome): Promise<void> {
    return this.deliveries.finish(id, status, fields);
  }
}
