import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { SessionsRepository } from '../sessions.repository';
import { PURGE_SESSIONS_JOB, type PurgeSessionsPayload } from './purge-sessions.job';

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly sessions: SessionsRepository) {
    super();
  }

  async process(job: Job<PurgeSessionsPayload>): Promise<{ deleted: number }> {
    if (job.name !== PURGE_SESSIONS_JOB) throw new Error(`unknown job ${job.name}`);
    const graceDays = Math.max(0, Math.floor(job.data.graceDays));
    const deleted = await this.sessions.purgeEnded(graceDays);
    this.logger.log({ deleted, graceDays }, 'purged ended sessions');
    return { deleted };
  }
}
