import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Counter } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Metrics } from '../../infra/metrics/metrics';

export interface OutgoingMail {
  readonly deliveryId: string;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** One-click unsubscribe (RFC 8058): the URL a mail client POSTs to. */
  readonly unsubscribeUrl: string;
}

export interface SentMail {
  readonly messageId: string;
  /** The .eml file's name under DATA_DIR/outbox, when there is no SMTP server. */
  readonly outboxFile: string | null;
}

export interface OutboxPreview {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly listUnsubscribe: string;
}

export const messageIdOf = (deliveryId: string) => `<${deliveryId}@heimo>`;
const OUTBOX_FILE = /^[0-9a-f-]{36}\.eml$/;

/**
 * Sends over SMTP (`SMTP_URL`), or, with no SMTP server (the embedded default), writes each message
 * as `DATA_DIR/outbox/<delivery id>.eml` (written to a temporary name, then renamed, so a listed
 * file is always whole). The Message-ID is the delivery's, the same on every attempt.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly smtp: Transporter | null;
  private readonly buildOnly: Transporter;
  private readonly sent: Counter<'transport'>;
  private readonly failed: Counter<'transport'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    this.sent = metrics.counter({
      name: 'heimo_emails_sent_total',
      help: 'E-mails sent, by transport (smtp, or outbox: .eml files when SMTP_URL is not set).',
      labelNames: ['transport'] as const,
    });
    this.failed = metrics.counter({
      name: 'heimo_emails_failed_total',
      help: 'E-mail attempts that failed, by transport (a failed delivery is tried again later).',
      labelNames: ['transport'] as const,
    });
    this.smtp = config.SMTP_URL
      ? nodemailer.createTransport(config.SMTP_URL, {
          from: config.MAIL_FROM,
          // Well under the 10 minutes after which an unfinished send is given up (notification-scheduler).
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 120_000,
        })
      : null;
    this.buildOnly = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get outboxDir(): string {
    return join(this.config.DATA_DIR, 'outbox');
  }

  get usesOutbox(): boolean {
    return this.smtp === null;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const transport = this.smtp ? 'smtp' : 'outbox';
    try {
      const sent = await this.deliver(mail);
      this.sent.inc({ transport });
      return sent;
    } catch (error) {
      this.failed.inc({ transport });
      throw error;
    }
  }

  private async deliver(mail: OutgoingMail): Promise<SentMail> {
    const preview: OutboxPreview = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      listUnsubscribe: mail.unsubscribeUrl,
    };
    if (this.smtp) {
      await this.smtp.sendMail(this.message(mail.deliveryId, preview));
      return { messageId: messageIdOf(mail.deliveryId), outboxFile: null };
    }
    await mkdir(this.outboxDir, { recursive: true });
    return {
      messageId: messageIdOf(mail.deliveryId),
      outboxFile: await this.writeOutbox(mail.deliveryId, preview),
    };
  }

  private message(deliveryId: string, preview: OutboxPreview): Mail.Options {
    return {
      from: preview.from,
      to: preview.to,
      subject: preview.subject,
      html: preview.html,
      text: preview.text,
      messageId: messageIdOf(deliveryId),
      // A message to an address that is not a member (a sign-up's confirmation) has nothing to unsubscribe from.
      ...(preview.listUnsubscribe
        ? {
            list: { unsubscribe: { url: preview.listUnsubscribe, comment: 'Unsubscribe' } },
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }
        : {}),
    };
  }

  /** Writes the message and, beside it, its parts as JSON for the admins' outbox page. */
  private async writeOutbox(deliveryId: string, preview: OutboxPreview): Promise<string> {
    const built = (await this.buildOnly.sendMail(this.message(deliveryId, preview))) as { message: Buffer };
    const file = `${deliveryId}.eml`;
    await this.writeWhole(`${deliveryId}.json`, Buffer.from(JSON.stringify(preview)));
    await this.writeWhole(file, built.message);
    return file;
  }

  private async writeWhole(name: string, content: Buffer): Promise<void> {
    const temporary = join(this.outboxDir, `.${name}.tmp`);
    await writeFile(temporary, content);
    await rename(temporary, join(this.outboxDir, name));
  }

  /** The parts of an outbox message, or null. */
  async readPreview(file: string): Promise<OutboxPreview | null> {
    if (!OUTBOX_FILE.test(file)) return null;
    try {
      return JSON.parse(
        await readFile(join(this.outboxDir, file.replace(/\.eml$/, '.json')), 'utf8'),
      ) as OutboxPreview;
    } catch {
      return null;
    }
  }

  /** The raw message of an outbox file, or null. Only names the outbox itself wrote are read. */
  async readOutbox(file: string): Promise<Buffer | null> {
    if (!OUTBOX_FILE.test(file)) return null;
    try {
      return await readFile(join(this.outboxDir, file));
    } catch {
      return null;
    }
  }

  /** Deletes an outbox message and its preview (erasure). */
  async removeOutbox(file: string): Promise<void> {
    if (!OUTBOX_FILE.test(file)) return;
    await rm(join(this.outboxDir, file), { force: true });
    await rm(join(this.outboxDir, file.replace(/\.eml$/, '.json')), { force: true });
  }

  /**
   * Rewrites an outbox message with its parts changed by `rewrite` (erasure: a name replaced). A
   * message without its parts beside it cannot be rewritten faithfully and is deleted instead.
   */
  async rewriteOutbox(
    file: string,
    rewrite: (
      parts: Pick<OutboxPreview, 'subject' | 'html' | 'text'>,
    ) => Pick<OutboxPreview, 'subject' | 'html' | 'text'>,
  ): Promise<void> {
    if (!OUTBOX_FILE.test(file)) return;
    const preview = await this.readPreview(file);
    if (!preview) return this.removeOutbox(file);
    await this.writeOutbox(file.replace(/\.eml$/, ''), { ...preview, ...rewrite(preview) });
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }
}
