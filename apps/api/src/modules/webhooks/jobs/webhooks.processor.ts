import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { WebhookFailures } from '../webhook-failures';
import { WebhookSender } from '../webhook-sender';
import { WebhooksRepository } from '../webhooks.repository';
import { WebhookEvents } from '../webhook-events';
import {
  DELIVER_WEBHOOK_JOB,
  DELIVERY_LOG_DAYS,
  type DeliverWebhookPayload,
  LOST_AFTER_MS,
  SWEEP_WEBHOOKS_JOB,
} from './webhook-jobs';

const SWEEP_BATCH = 500;

/**
 * Sends deliveries. A failed attempt throws, so BullMQ retries it with exponential backoff
 * (WEBHOOK_ATTEMPTS, WEBHOOK_RETRY_BASE_MS); the last failed attempt marks the delivery failed,
 * switches the endpoint off and tells the organisation's admins. Endpoints wait on other servers:
 * a few run side by side.
 */
@Processor(QueueName.Webhooks, { concurrency: 4 })
export class WebhooksProcessor extends WorkerHost {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly failures: WebhookFailures,
    private readonly events: WebhookEvents,
  ) {
    super();
  }

  async process(job: Job<DeliverWebhookPayload>): Promise<unknown> {
    if (job.name === SWEEP_WEBHOOKS_JOB) return this.sweep();
    if (job.name !== DELIVER_WEBHOOK_JOB) throw new Error(`unknown job ${job.name}`);
    const { deliveryId, manual = false } = job.data;
    const delivery = await this.repository.findForSending(deliveryId);
    const endpoint = delivery?.endpoint;
    if (!delivery || !endpoint) return { skipped: 'deleted' };
    if (!manual && delivery.status === 'succeeded') return { skipped: 'delivered already' };
    if (!endpoint.enabled) {
      await this.repository.markFailedUnsent(deliveryId, 'webhook.endpoint_disabled');
      return { skipped: 'endpoint disabled' };
    }
    const last = manual || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await this.sender.send(endpoint, delivery);
    await this.repository.recordAttempt(deliveryId, {
      status: result.ok ? 'succeeded' : last ? 'failed' : 'retrying',
      responseStatus: result.responseStatus,
      durationMs: result.durationMs,
      responseExcerpt: result.responseExcerpt,
      errorCode: result.errorCode,
      at: new Date(),
    });
    if (result.ok) return { status: result.responseStatus };
    if (!last)
      throw new Error(`${result.errorCode ?? 'webhook.failed'} (HTTP ${result.responseStatus ?? '-'})`);
    this.logger.warn({ deliveryId, code: result.errorCode }, 'webhook delivery failed for good');
    if (!manual) await this.failures.disable(endpoint, delivery);
    return { failed: result.errorCode };
  }

  /**
   * Queues lost deliveries again (their job id is the first one's, so a job that is only late is not
   * doubled) and deletes the log past DELIVERY_LOG_DAYS.
   */
  private async sweep(): Promise<{ requeued: number; deleted: number }> {
    const lost = await this.repository.lostDeliveries(new Date(Date.now() - LOST_AFTER_MS), SWEEP_BATCH);
    await this.events.dispatch(lost);
    const cutoff = new Date(Date.now() - DELIVERY_LOG_DAYS * 24 * 3_600_000);
    let deleted = 0;
    for (;;) {
      const batch = await this.repository.deleteOlderThan(cutoff, 5_000);
      deleted += batch;
      if (batch < 5_000) break;
    }
    return { requeued: lost.length, deleted };
  }
}
