import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { FanSignupsRepository } from '../fan-signups.repository';
import { PeopleMaintenanceProcessor } from './people-maintenance.processor';
import { PURGE_FAN_SIGNUPS_JOB } from './purge-fan-signups.job';

@Injectable()
class FanSignupPurgeSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.PeopleMaintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // Hourly, so an unconfirmed sign-up (its name, address and password hash) outlives its
    // 48-hour link by an hour at most. One scheduler entry however many replicas start.
    await this.queue.upsertJobScheduler(
      PURGE_FAN_SIGNUPS_JOB,
      { pattern: '23 * * * *' },
      { name: PURGE_FAN_SIGNUPS_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}

/** The people module's periodic jobs: today the sweep of unconfirmed fan sign-ups. */
@Module({})
export class PeopleMaintenanceModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: PeopleMaintenanceModule,
      imports: [BullModule.registerQueue({ name: QueueName.PeopleMaintenance })],
      providers: [
        FanSignupsRepository,
        FanSignupPurgeSchedule,
        ...(options.workers ? [PeopleMaintenanceProcessor] : []),
      ],
    };
  }
}
