import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { QueueName } from '../../../infra/queue/queue-name';
import { FeedImportService } from '../feed-import.service';
import { FeedSourcesRepository } from '../feed-sources.repository';
import {
  FETCH_FEED_JOB,
  type FetchFeedPayload,
  fetchFeedJobId,
  POLL_FEEDS_JOB,
  type PollFeedsPayload,
} from './feed-jobs';

const POLL_BATCH = 500;

/** Feed reads wait on other servers, not on this one: a few run side by side. */
@Processor(QueueName.Feeds, { concurrency: 4 })
export class FeedsProcessor extends WorkerHost {
  private readonly logger = new Logger(FeedsProcessor.name);

  constructor(
    @InjectQueue(QueueName.Feeds) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly importer: FeedImportService,
    private readonly sources: FeedSourcesRepository,
  ) {
    super();
  }

  async process(job: Job<FetchFeedPayload | PollFeedsPayload>): Promise<unknown> {
    if (job.name === POLL_FEEDS_JOB) return { queued: await this.poll() };
    if (job.name === FETCH_FEED_JOB) {
      const { organisationId, sourceId } = job.data as FetchFeedPayload;
      const outcome = await this.importer.read(organisationId, sourceId);
      if (outcome?.status === 'error') {
        this.logger.warn({ sourceId, code: outcome.errorCode }, 'feed read failed; recorded on the source');
      }
      return outcome ?? { skipped: 'source deleted' };
    }
    throw new Error(`unknown job ${job.name}`);
  }

  /** Queues a read of every enabled source for the current interval. */
  private async poll(): Promise<number> {
    const intervalMs = this.config.FEED_POLL_INTERVAL_MINUTES * 60_000;
    const slot = Math.floor(Date.now() / intervalMs);
    let queued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const sources = await this.sources.enabledAfter(after, POLL_BATCH);
      if (!sources.length) return queued;
      await this.queue.addBulk(
        sources.map((source) => ({
          name: FETCH_FEED_JOB,
          data: { organisationId: source.organisationId, sourceId: source.id },
          opts: { jobId: fetchFeedJobId(source.id, slot), attempts: 1 },
        })),
      );
      queued += sources.length;
      after = sources.at(-1)?.id ?? after;
    }
  }
}
