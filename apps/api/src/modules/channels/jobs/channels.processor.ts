import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { ChannelPoster } from '../channel-poster';
import { ChannelScheduler } from '../channel-scheduler';
import { CHANNEL_TICK_JOB, POST_TO_CHANNEL_JOB, type PostToChannelPayload } from './channel-jobs';

/** The channels queue: posting to Slack and Teams (with retries) and the tick that plans posts. */
@Processor(QueueName.Channels, { concurrency: 4 })
export class ChannelsProcessor extends WorkerHost {
  constructor(
    private readonly poster: ChannelPoster,
    private readonly scheduler: ChannelScheduler,
  ) {
    super();
  }

  async process(job: Job<PostToChannelPayload | Record<string, never>>): Promise<unknown> {
    switch (job.name) {
      case POST_TO_CHANNEL_JOB: {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const { result, outcome } = await this.poster.send(
          (job.data as PostToChannelPayload).postId,
          finalAttempt,
        );
        // The queue retries a thrown job after its backoff; the post is `retrying` meanwhile.
        if (result === 'retrying') throw new Error(outcome?.lastError ?? 'channel post not sent');
        return { result };
      }
      case CHANNEL_TICK_JOB:
        return this.scheduler.tick();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
