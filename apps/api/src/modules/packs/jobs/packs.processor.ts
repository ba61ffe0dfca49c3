import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import {
  EXPIRE_PACK_JOB,
  PUBLISH_PACK_JOB,
  type ScheduledPackPayload,
  SWEEP_PACKS_JOB,
} from './pack-schedule.job';
import { PackScheduleRunner } from './pack-schedule.runner';

/** The packs queue: timed publish and expiry, and the sweep behind them. */
@Processor(QueueName.Packs)
export class PacksProcessor extends WorkerHost {
  constructor(private readonly runner: PackScheduleRunner) {
    super();
  }

  async process(job: Job<ScheduledPackPayload | Record<string, never>>): Promise<unknown> {
    switch (job.name) {
      case PUBLISH_PACK_JOB:
      case EXPIRE_PACK_JOB:
        return {
          applied: await this.runner.runScheduled(job.name, job.data as ScheduledPackPayload, job.id ?? ''),
        };
      case SWEEP_PACKS_JOB:
        return this.runner.sweep();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }
}
