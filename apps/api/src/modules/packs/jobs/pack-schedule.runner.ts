import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Pack } from '../entities/pack.entity';
import { PackTransitionsService } from '../pack-transitions.service';
import { PacksRepository } from '../packs.repository';
import { EXPIRE_PACK_JOB, type ScheduledPackJob, type ScheduledPackPayload } from './pack-schedule.job';
import { PackScheduleQueue } from './pack-schedule.queue';

/** Timers may fire a little before the database's clock agrees; within this, a job counts as due. */
const DUE_TOLERANCE_MS = 1_000;
const SWEEP_BATCH = 100;

export class NotDueYetError extends Error {
  constructor(jobId: string) {
    super(`${jobId} ran before its time; BullMQ retries it`);
  }
}

type Due = 'publish' | 'expire';

/**
 * Runs the timed transitions. Each one locks the pack row, reads it again and acts only if the pack
 * still wants exactly this (state, time): a job run twice, run late, or left behind after the
 * schedule moved does nothing the second time.
 */
@Injectable()
export class PackScheduleRunner {
  private readonly logger = new Logger(PackScheduleRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly packs: PacksRepository,
    private readonly transitions: PackTransitionsService,
    private readonly queue: PackScheduleQueue,
  ) {}

  /** The delayed job for `payload.at`: true when it moved the pack. */
  async runScheduled(job: ScheduledPackJob, payload: ScheduledPackPayload, jobId: string): Promise<boolean> {
    const action: Due = job === EXPIRE_PACK_JOB ? 'expire' : 'publish';
    const now = new Date();
    if (payload.at > now.getTime() + DUE_TOLERANCE_MS) throw new NotDueYetError(jobId);
    return this.apply(payload.organisationId, payload.packId, action, now, (pack) => {
      const scheduled = action === 'publish' ? pack.publishAt : pack.expireAt;
      return scheduled?.getTime() === payload.at;
    });
  }

  /** Publishes and expires every pack that is overdue, in batches; returns how many moved. */
  async sweep(now = new Date()): Promise<{ published: number; expired: number }> {
    const moved = { published: 0, expired: 0 };
    for (;;) {
      const rows = await this.packs.overdue(now, SWEEP_BATCH);
      let progressed = 0;
      for (const row of rows) {
        const applied = await this.apply(row.organisationId, row.id, row.due, now, (pack) => {
          const time = row.due === 'publish' ? pack.publishAt : pack.expireAt;
          return time !== null && time.getTime() <= now.getTime();
        });
        if (applied) {
          progressed += 1;
          moved[row.due === 'publish' ? 'published' : 'expired'] += 1;
        }
      }
      // A row another worker moved first is not counted; stop when a batch moved nothing new.
      if (rows.length < SWEEP_BATCH || progressed === 0) break;
    }
    if (moved.published || moved.expired) this.logger.log(moved, 'swept overdue packs');
    return moved;
  }

  private async apply(
    organisationId: string,
    packId: string,
    action: Due,
    now: Date,
    stillWanted: (pack: Pack) => boolean,
  ): Promise<boolean> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const pack = await this.packs.lock(manager, organisationId, packId);
      if (!pack || !stillWanted(pack)) return null;
      const before = { status: pack.status, publishAt: pack.publishAt, expireAt: pack.expireAt };
      const applied = await this.transitions.applyScheduled(manager, pack, action, now);
      if (!applied) return null;
      return { before, after: { status: pack.status, publishAt: pack.publishAt, expireAt: pack.expireAt } };
    });
    if (!outcome) return false;
    await this.queue.sync(organisationId, packId, outcome.before, outcome.after);
    return true;
  }
}
