import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WebhookEventType } from '@heimo/domain';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import type { WebhookBody, WebhookEventData } from './dto/webhook-payloads.dto';
import { DELIVER_WEBHOOK_JOB, type DeliverWebhookPayload, deliverWebhookJobId } from './jobs/webhook-jobs';
import { newMessageId } from './webhook-signature';
import { WebhooksRepository } from './webhooks.repository';

/** Where a transaction keeps the deliveries it wrote, for the commit to queue them. */
const PENDING = 'webhookDeliveries';

/**
 * Records webhook events. Commands call `emit` in their own transaction: one delivery row per
 * subscribed endpoint is written with the change, so an event exists exactly when what caused it
 * does, and the send jobs are queued once the transaction has committed (a rolled-back command
 * sends nothing).
 */
@Injectable()
export class WebhookEvents {
  private readonly logger = new Logger(WebhookEvents.name);

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue<DeliverWebhookPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WebhooksRepository,
  ) {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const runner = event.queryRunner;
        // A nested transaction's savepoint is released: the outer one decides.
        if (runner.isTransactionActive) return;
        const ids = runner.data?.[PENDING] as string[] | undefined;
        if (!ids?.length) return;
        delete runner.data[PENDING];
        void this.dispatch(ids);
      },
      afterTransactionRollback: (event) => {
        if (event.queryRunner.data) delete event.queryRunner.data[PENDING];
      },
    };
    dataSource.subscribers.push(subscriber);
  }

  /** Writes the event's deliveries in the caller's transaction; they are queued after its commit. */
  async emit<T extends WebhookEventType>(
    manager: EntityManager,
    organisationId: string,
    type: T,
    data: WebhookEventData[T],
    at: Date = new Date(),
  ): Promise<void> {
    const endpoints = await this.repository.subscribers(manager, organisationId, type);
    if (!endpoints.length) return;
    const body: WebhookBody<T> = { type, timestamp: at.toISOString(), organisationId, data };
    const text = JSON.stringify(body);
    const messageId = newMessageId();
    const ids = await this.repository.insertDeliveries(
      manager,
      endpoints.map((endpoint) => ({
        organisationId,
        endpointId: endpoint.id,
        messageId,
        eventType: type,
        body: text,
      })),
    );
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      runner.data ??= {};
      const pending = (runner.data[PENDING] as string[] | undefined) ?? [];
      runner.data[PENDING] = [...pending, ...ids];
    } else {
      await this.dispatch(ids);
    }
  }

  /** Queues the send jobs. Never throws: the command has committed, and the log shows what is pending. */
  async dispatch(ids: readonly string[], manual = false): Promise<void> {
    if (!ids.length) return;
    const redelivery = manual ? Date.now() : undefined;
    try {
      await this.queue.addBulk(
        ids.map((deliveryId) => ({
          name: DELIVER_WEBHOOK_JOB,
          data: manual ? { deliveryId, manual } : { deliveryId },
          opts: {
            jobId: deliverWebhookJobId(deliveryId, redelivery),
            attempts: manual ? 1 : this.config.WEBHOOK_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.config.WEBHOOK_RETRY_BASE_MS },
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      );
    } catch (error) {
      this.logger.warn(
        `webhook jobs not queued (${ids.length}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
