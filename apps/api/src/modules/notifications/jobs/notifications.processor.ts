import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { DeliverySender } from '../delivery-sender';
import { NotificationScheduler } from '../notification-scheduler';
import { NOTIFY_TICK_JOB, SEND_EMAIL_JOB, type SendEmailPayload } from './notification-jobs';

/** The notifications queue: sending e-mails (with retries) and the minute tick. */
@Processor(QueueName.Notifications)
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly sender: DeliverySender,
    private readonly scheduler: NotificationScheduler,
  ) {
    super();
  }

  async process(job: Job<SendEmailPayload | Record<string, never>>): Promise<unknown> {
    switch (job.name) {
      case SEND_EMAIL_JOB: {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { outcome: await this.sender.send((job.data as SendEmailPayload).deliveryId, finalAttempt) };
      }
      case NOTIFY_TICK_JOB:
        return this.scheduler.tick();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
