import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { quietHoursEnd } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import { PUSH_ATTEMPTS, type PushMessage, SEND_PUSH_JOB, sendPushJobId } from './jobs/push-jobs';
import { PushRepository } from './push.repository';
import { VapidKeysProvider } from './vapid-keys';

/**
 * Queues a push message to every device of a member that has push on, held (a delayed job) until
 * the member's quiet hours end in the member's time zone (the organisation's when none is set).
 */
@Injectable()
export class PushNotifier {
  private readonly logger = new Logger(PushNotifier.name);

  constructor(
    @InjectQueue(QueueName.Push) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly push: PushRepository,
    private readonly keys: VapidKeysProvider,
  ) {}

  /** How many jobs were queued; `causeId` makes a repeated call queue nothing again. */
  async notify(memberId: string, causeId: string, message: PushMessage, now = Date.now()): Promise<number> {
    const audience = await this.push.audience(memberId);
    if (!audience || audience.subscriptionIds.length === 0 || !this.keys.get()) return 0;
    const until = quietHoursEnd(now, audience.timeZone, audience.quietHoursStart, audience.quietHoursEnd);
    await this.queue.addBulk(
      audience.subscriptionIds.map((subscriptionId) => ({
        name: SEND_PUSH_JOB,
        data: { subscriptionId, message },
        opts: {
          jobId: sendPushJobId(causeId, subscriptionId),
          delay: until === null ? 0 : Math.max(0, until - now),
          attempts: PUSH_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.PUSH_RETRY_BASE_MS },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      })),
    );
    if (until !== null) this.logger.debug(`push to ${memberId} held until ${new Date(until).toISOString()}`);
    return audience.subscriptionIds.length;
  }
}
