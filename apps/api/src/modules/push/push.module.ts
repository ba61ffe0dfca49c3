import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { QueueName } from '../../infra/queue/queue-name';
import { PushProcessor } from './jobs/push.processor';
import { PushNotifier } from './push-notifier';
import { PushSender } from './push-sender';
import { PushController } from './push.controller';
import { PushRepository } from './push.repository';
import { PushService } from './push.service';
import { VapidKeysProvider } from './vapid-keys';

/**
 * Web Push to members' devices. Global, so that notifications can `notify` a member's devices
 * with `PushNotifier` when it writes an e-mail, and the personal-data export can list them.
 */
@Global()
@Module({})
export class PushModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: PushModule,
      imports: [BullModule.registerQueue({ name: QueueName.Push })],
      controllers: [PushController],
      providers: [
        PushService,
        PushRepository,
        PushNotifier,
        VapidKeysProvider,
        ...(options.workers ? [PushSender, PushProcessor] : []),
      ],
      exports: [PushNotifier, PushService],
    };
  }
}
