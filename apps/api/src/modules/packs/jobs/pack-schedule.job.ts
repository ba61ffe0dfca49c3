import type { PackState } from '@heimo/domain';

/** Publishes an approved pack at its `publishAt`. Idempotent: it acts only while the pack still wants it. */
export const PUBLISH_PACK_JOB = 'publish-pack';
/** Expires an approved or published pack at its `expireAt`. Idempotent like the publish job. */
export const EXPIRE_PACK_JOB = 'expire-pack';
/** Safety net: publishes and expires whatever is overdue (a job lost with Redis, or added while it was down). */
export const SWEEP_PACKS_JOB = 'sweep-packs';
export const SWEEP_PACKS_EVERY_MS = 60_000;

export type ScheduledPackJob = typeof PUBLISH_PACK_JOB | typeof EXPIRE_PACK_JOB;

export interface ScheduledPackPayload {
  readonly organisationId: string;
  readonly packId: string;
  /** The scheduled time (epoch ms) the job was made for; a pack scheduled otherwise since is left alone. */
  readonly at: number;
}

/** The part of a pack that decides which jobs it needs. */
export interface PackScheduleState {
  readonly status: PackState;
  readonly publishAt: Date | null;
  readonly expireAt: Date | null;
}

export interface ScheduledJob {
  readonly name: ScheduledPackJob;
  readonly at: number;
}

/** A publish job while approved with a publish time; an expiry job while approved or published with an expiry. */
export function jobsFor(state: PackScheduleState): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  if (state.status === 'approved' && state.publishAt) {
    jobs.push({ name: PUBLISH_PACK_JOB, at: state.publishAt.getTime() });
  }
  if ((state.status === 'approved' || state.status === 'published') && state.expireAt) {
    jobs.push({ name: EXPIRE_PACK_JOB, at: state.expireAt.getTime() });
  }
  return jobs;
}

/**
 * One id per (pack, transition, time): replicas that schedule the same thing add one job, and a job
 * for a time the pack no longer has is a different job. BullMQ refuses `:` in custom ids.
 */
export function scheduledJobId(packId: string, job: ScheduledJob): string {
  return `${job.name}-${packId}-${job.at}`;
}
