import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { FanSignupsRepository } from '../fan-signups.repository';
import { PURGE_FAN_SIGNUPS_JOB, type PurgeFanSignupsPayload } from './purge-fan-signups.job';

@Processor(QueueName.PeopleMaintenance)
export class PeopleMaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(PeopleMaintenanceProcessor.name);

  constructor(private readonly signups: FanSignupsRepository) {
    super();
  }

  async process(job: Job<PurgeFanSignupsPayload>): Promise<{ deleted: number }> {
    if (job.name !== PURGE_FAN_SIGNUPS_JOB) throw new Error(`unknown job ${job.name}`);
    const deleted = await this.signups.purgeUnconfirmed(new Date());
    this.logger.log({ deleted }, 'purged unconfirmed fan sign-ups');
    return { deleted };
  }
}
