import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { ClickPartitions } from '../clicks/click-partitions';
import { ClickRetention, type RetentionOutcome } from '../clicks/click-retention';
import { DROP_EXPIRED_CLICKS_JOB } from './drop-expired-clicks.job';
import {
  ENSURE_CLICK_PARTITIONS_JOB,
  type EnsureClickPartitionsPayload,
} from './ensure-click-partitions.job';

@Processor(QueueName.ClickMaintenance)
export class ClickMaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly partitions: ClickPartitions,
    private readonly retention: ClickRetention,
  ) {
    super();
  }

  async process(
    job: Job<EnsureClickPartitionsPayload>,
  ): Promise<{ created: string[] } | { months: RetentionOutcome[] }> {
    if (job.name === ENSURE_CLICK_PARTITIONS_JOB) return { created: await this.partitions.ensureAhead() };
    if (job.name === DROP_EXPIRED_CLICKS_JOB) return { months: await this.retention.run() };
    throw new Error(`unknown job ${job.name}`);
  }
}
