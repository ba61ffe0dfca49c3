import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmailKind } from '@heimo/content';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import {
  SEND_ATTEMPTS,
  SEND_EMAIL_JOB,
  type SendEmailPayload,
  sendEmailJobId,
} from './jobs/notification-jobs';
import { NotificationsRepository } from './notifications.repository';

export interface QueuedEmail {
  readonly organisationId: string;
  readonly memberId: string | null;
  readonly kind: EmailKind;
  /** Once-only key: a second message with the same key is not queued. */
  readonly dedupeKey: string;
  readonly recipient: string;
  readonly locale: string;
  /** What the template is rendered from. */
  readonly data: Record<string, unknown>;
  /** Keys of `data` removed once the message is sent (an invitation link). */
  readonly secretKeys?: readonly string[];
}

/**
 * Queues e-mails: a `notification_deliveries` row written in the caller's transaction (so a message
 * exists exactly when what caused it does), then, after the commit, a send job keyed by the row.
 * A row whose job got lost is found by the minute tick and queued again.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue<SendEmailPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: NotificationsRepository,
  ) {}

  /** Writes the delivery row; returns its id, or null when a message with this key exists already. */
  enqueue(manager: EntityManager, email: QueuedEmail): Promise<string | null> {
    return this.deliveries.insert(manager, {
      organisationId: email.organisationId,
      memberId: email.memberId,
      kind: email.kind,
      dedupeKey: email.dedupeKey,
      recipient: email.recipient,
      locale: email.locale,
      payload: { data: email.data, secretKeys: email.secretKeys ?? [] },
    });
  }

  /** In the caller's transaction: the member's earlier invitation e-mails not sent yet are not sent. */
  withdrawInvitationEmails(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    return this.deliveries.failPendingInvitations(manager, organisationId, memberId);
  }

  /** Queues the send jobs of committed deliveries. Never throws: a failure here is repaired by the tick. */
  async dispatch(ids: readonly (string | null)[]): Promise<void> {
    const present = ids.filter((id): id is string => id !== null);
    if (!present.length) return;
    try {
      await this.queue.addBulk(
        present.map((deliveryId) => ({
          name: SEND_EMAIL_JOB,
          data: { deliveryId },
          opts: {
            jobId: sendEmailJobId(deliveryId),
            attempts: SEND_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.config.MAIL_RETRY_BASE_MS },
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      );
    } catch (error) {
      // The rows are committed; the minute tick queues their jobs once Redis answers again.
      this.logger.warn(
        `e-mail jobs not queued yet (${present.length}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Queues rows whose job got lost again. A failed job kept under the row's job id would make the
   * new one a no-op, so it is removed first (the row's status decides whether anything is sent).
   */
  async requeue(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      try {
        const job = await this.queue.getJob(sendEmailJobId(id));
        if (job && (await job.isFailed())) await job.remove();
      } catch (error) {
        this.logger.warn(
          `e-mail job ${id} not checked: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    await this.dispatch(ids);
  }

  /** Queues, and dispatches after the commit of its own transaction. */
  async send(email: QueuedEmail): Promise<string | null> {
    const id = await this.dataSource.transaction((manager) => this.enqueue(manager, email));
    await this.dispatch([id]);
    return id;
  }
}
