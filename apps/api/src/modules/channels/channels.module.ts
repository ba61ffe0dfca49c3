import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import { SecurityModule } from '../../infra/security/security.module';
import { AuditModule } from '../audit/audit.module';
import { InsightsModule } from '../insights/insights.module';
import { TrainingApiModule } from '../training/training.module';
import { ChannelPoster } from './channel-poster';
import { ChannelQueue } from './channel-queue';
import { ChannelScheduler } from './channel-scheduler';
import { ChannelsController } from './channels.controller';
import { ChannelsRepository } from './channels.repository';
import { ChannelsService } from './channels.service';
import { CHANNEL_TICK_JOB } from './jobs/channel-jobs';
import { ChannelsProcessor } from './jobs/channels.processor';

@Injectable()
class ChannelTickSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Channels) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NOTIFICATION_TICK_SECONDS === 0) {
      await this.queue.removeJobScheduler(CHANNEL_TICK_JOB);
      return;
    }
    await this.queue.upsertJobScheduler(
      CHANNEL_TICK_JOB,
      { every: this.config.NOTIFICATION_TICK_SECONDS * 1000 },
      { name: CHANNEL_TICK_JOB, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}

/** Slack and Teams channels: what each is sent, posted through the queue with retries. */
@Module({})
export class ChannelsModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: ChannelsModule,
      imports: [
        AuditModule,
        SecurityModule,
        InsightsModule,
        TrainingApiModule,
        BullModule.registerQueue({ name: QueueName.Channels }),
      ],
      controllers: [ChannelsController],
      providers: [
        ChannelsService,
        ChannelsRepository,
        ChannelPoster,
        ChannelQueue,
        ChannelScheduler,
        ...(options.workers ? [ChannelsProcessor, ChannelTickSchedule] : []),
      ],
    };
  }
}
