import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import { ClickPartitions } from '../clicks/click-partitions';
import {
  ENSURE_CLICK_PARTITIONS_JOB,
  type EnsureClickPartitionsPayload,
} from './ensure-click-partitions.job';

@Processor(QueueName.ClickMaintenance)
export class ClickMaintenanceProcessor extends WorkerHost {
  constructor(private readonly partitions: ClickPartitions) {
    super();
  }

  async process(job: Job<EnsureClickPartitionsPayload>): Promise<{ created: string[] }> {
    if (job.name !== ENSURE_CLICK_PARTITIONS_JOB) throw new Error(`unknown job ${job.name}`);
    return { created: await this.partitions.ensureAhead() };
  }
}
