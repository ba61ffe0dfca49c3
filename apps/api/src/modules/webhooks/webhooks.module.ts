import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Global, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../infra/queue/queue-name';
import { SecurityModule } from '../../infra/security/security.module';
import { AuditModule } from '../audit/audit.module';
import { SWEEP_EVERY_MS, SWEEP_WEBHOOKS_JOB } from './jobs/webhook-jobs';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { WebhookEvents } from './webhook-events';
import { WebhookFailures } from './webhook-failures';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Injectable()
class WebhookSweepSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Webhooks) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // One scheduler entry however many workers start: BullMQ keys it by id.
    await this.queue.upsertJobScheduler(
      SWEEP_WEBHOOKS_JOB,
      { every: SWEEP_EVERY_MS },
      {
        name: SWEEP_WEBHOOKS_JOB,
        data: {},
        opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
      },
    );
  }
}

/**
 * Webhooks by the Standard Webhooks specification. Global, so that the modules whose commands cause
 * events (packs, sharing, people, training) can `emit` them with `WebhookEvents`.
 */
@Global()
@Module({})
export class WebhooksModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [AuditModule, SecurityModule, BullModule.registerQueue({ name: QueueName.Webhooks })],
      controllers: [WebhooksController],
      providers: [
        WebhooksService,
        WebhooksRepository,
        WebhookEvents,
        WebhookSender,
        WebhookFailures,
        ...(options.workers ? [WebhooksProcessor, WebhookSweepSchedule] : []),
      ],
      exports: [WebhookEvents],
    };
  }
}
