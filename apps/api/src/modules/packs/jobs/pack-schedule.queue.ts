import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../../infra/queue/queue-name';
import {
  jobsFor,
  type PackScheduleState,
  type ScheduledPackPayload,
  scheduledJobId,
} from './pack-schedule.job';

/** Redis may be slow or gone; the request does not wait for it longer, and the sweep catches up. */
const QUEUE_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), QUEUE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Keeps a pack's delayed jobs in line with its state and times. Called after the command's
 * transaction commits: a job never runs for a change that was rolled back, and a job left behind
 * (its removal failed) finds the pack changed and does nothing.
 */
@Injectable()
export class PackScheduleQueue {
  private readonly logger = new Logger(PackScheduleQueue.name);

  constructor(@InjectQueue(QueueName.Packs) private readonly queue: Queue) {}

  async sync(
    organisationId: string,
    packId: string,
    before: PackScheduleState | null,
    after: PackScheduleState,
  ): Promise<void> {
    const wanted = jobsFor(after);
    const wantedIds = new Set(wanted.map((job) => scheduledJobId(packId, job)));
    for (const job of before ? jobsFor(before) : []) {
      const jobId = scheduledJobId(packId, job);
      if (wantedIds.has(jobId)) continue;
      try {
        await withTimeout(this.queue.remove(jobId), `removing ${jobId}`);
      } catch (error) {
        // A running job (or Redis trouble): the job re-reads the pack and sees it is no longer wanted.
        this.logger.warn({ err: error, jobId }, 'could not remove a pack job');
      }
    }
    // Added every time, not only when new: adding an id that is already queued changes nothing, and a
    // job that was lost comes back.
    for (const job of wanted) {
      const jobId = scheduledJobId(packId, job);
      const payload: ScheduledPackPayload = { organisationId, packId, at: job.at };
      try {
        await withTimeout(
          this.queue.add(job.name, payload, {
            jobId,
            delay: Math.max(0, job.at - Date.now()),
            removeOnComplete: true,
          }),
          `adding ${jobId}`,
        );
      } catch (error) {
        this.logger.error({ err: error, jobId }, 'could not schedule a pack job; the sweep will catch it up');
      }
    }
  }
}
