import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { QueueName } from '../../infra/queue/queue-name';
import { SecurityModule } from '../../infra/security/security.module';
import { AuditModule } from '../audit/audit.module';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { WebhookEvents } from './webhook-events';
import { WebhookFailures } from './webhook-failures';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

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
        ...(options.workers ? [WebhooksProcessor] : []),
      ],
      exports: [WebhookEvents],
    };
  }
}
