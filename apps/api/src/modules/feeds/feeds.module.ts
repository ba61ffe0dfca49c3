import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import { AuditModule } from '../audit/audit.module';
import { MediaModule } from '../media/media.module';
import { FeedImportService } from './feed-import.service';
import { FeedSourcesRepository } from './feed-sources.repository';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';
import { POLL_FEEDS_JOB } from './jobs/feed-jobs';
import { FeedsProcessor } from './jobs/feeds.processor';

@Injectable()
class FeedPollSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Feeds) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // One scheduler entry however many replicas start: BullMQ keys it by id (and updates its interval).
    await this.queue.upsertJobScheduler(
      POLL_FEEDS_JOB,
      { every: this.config.FEED_POLL_INTERVAL_MINUTES * 60_000 },
      { name: POLL_FEEDS_JOB, data: {}, opts: { attempts: 1 } },
    );
  }
}

/** RSS and Atom feed sources whose items become draft packs. `PacksModule` is global. */
@Module({})
export class FeedsModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: FeedsModule,
      imports: [AuditModule, MediaModule, BullModule.registerQueue({ name: QueueName.Feeds })],
      controllers: [FeedsController],
      providers: [
        FeedsService,
        FeedSourcesRepository,
        FeedImportService,
        FeedPollSchedule,
        ...(options.workers ? [FeedsProcessor] : []),
      ],
      exports: [FeedImportService],
    };
  }
}
