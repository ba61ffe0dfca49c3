import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../infra/queue/queue-name';
import { AuditModule } from '../audit/audit.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SWEEP_PACKS_EVERY_MS, SWEEP_PACKS_JOB } from './jobs/pack-schedule.job';
import { PackScheduleQueue } from './jobs/pack-schedule.queue';
import { PackScheduleRunner } from './jobs/pack-schedule.runner';
import { PacksProcessor } from './jobs/packs.processor';
import { PackTransitionsService } from './pack-transitions.service';
import { PacksController } from './packs.controller';
import { PacksRepository } from './packs.repository';
import { PacksService } from './packs.service';

@Injectable()
class PackSweepSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Packs) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // One scheduler entry however many replicas start: BullMQ keys it by id.
    await this.queue.upsertJobScheduler(
      SWEEP_PACKS_JOB,
      { every: SWEEP_PACKS_EVERY_MS },
      { name: SWEEP_PACKS_JOB, data: {} },
    );
  }
}

/**
 * Content packs. Registered once, globally, so the feed import can use `PacksService` (import
 * `PacksModule` or not); the processor runs only where workers run.
 */
@Module({})
export class PacksModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: PacksModule,
      global: true,
      imports: [OrganisationsModule, AuditModule, BullModule.registerQueue({ name: QueueName.Packs })],
      controllers: [PacksController],
      providers: [
        PacksService,
        PacksRepository,
        PackTransitionsService,
        PackScheduleQueue,
        PackScheduleRunner,
        PackSweepSchedule,
        ...(options.workers ? [PacksProcessor] : []),
      ],
      exports: [PacksService, PackScheduleRunner],
    };
  }
}
