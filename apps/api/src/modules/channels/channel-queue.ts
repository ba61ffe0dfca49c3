import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import {
  CHANNEL_POST_ATTEMPTS,
  POST_TO_CHANNEL_JOB,
  type PostToChannelPayload,
  postJobId,
} from './jobs/channel-jobs';

/** Queues the send jobs of committed posts, keyed by the post: one job per post however often asked. */
@Injectable()
export class ChannelQueue {
  private readonly logger = new Logger(ChannelQueue.name);

  constructor(
    @InjectQueue(QueueName.Channels) private readonly queue: Queue<PostToChannelPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Never throws: a post whose job is not queued is queued again by the tick. */
  async dispatch(ids: readonly (string | null)[]): Promise<void> {
    const present = ids.filter((id): id is string => id !== null);
    if (!present.length) return;
    try {
      await this.queue.addBulk(
        present.map((postId) => ({
          name: POST_TO_CHANNEL_JOB,
          data: { postId },
          opts: {
            jobId: postJobId(postId),
            attempts: CHANNEL_POST_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.config.CHANNEL_RETRY_BASE_MS },
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      );
    } catch (error) {
      this.logger.warn(
        `channel post jobs not queued yet (${present.length}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Queues again posts whose job was lost; a failed job kept under the same id is removed first. */
  async requeue(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      try {
        const job = await this.queue.getJob(postJobId(id));
        if (job && (await job.isFailed())) await job.remove();
      } catch {
        // The post's status decides what is sent; a job not checked now is checked at the next tick.
      }
    }
    await this.dispatch(ids);
  }
}
