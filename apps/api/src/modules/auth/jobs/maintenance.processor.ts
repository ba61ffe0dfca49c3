import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../../../infra/queue/queue-name';
import { PURGE_SESSIONS_JOB, type PurgeSessionsPayload } from './purge-sessions.job';

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async process(job: Job<PurgeSessionsPayload>): Promise<{ deleted: number }> {
    if (job.name !== PURGE_SESSIONS_JOB) throw new Error(`unknown job ${job.name}`);
    const graceDays = Math.max(0, Math.floor(job.data.graceDays));
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM sessions
        WHERE coalesce(revoked_at, expires_at) < now() - make_interval(days => $1::int)`,
      [graceDays],
    );
    const deleted = Array.isArray(result) ? Number(result[1] ?? 0) : 0;
    this.logger.log({ deleted, graceDays }, 'purged ended sessions');
    return { deleted };
  }
}
