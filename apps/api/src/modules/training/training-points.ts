import { NO_NETWORK } from '@heimo/domain';
import type { EntityManager } from 'typeorm';
import { mergeSettings } from '../organisations/organisation-settings.defaults';

/** A member's first pass of a training module version, as the training module records it. */
export interface TrainingPass {
  readonly organisationId: string;
  readonly memberId: string;
  readonly completedAt: Date;
}

/**
 * A training pass that earns points (the member's first pass of that module version; the training
 * module decides): points + the organisation's `points.trainingPassed` on the member's `NO_NETWORK`
 * row of the pass's day in the organisation's time zone. Call it in the transaction that inserts the
 * completion, so they commit together. The training module writes its points into the sharing
 * module's rollup itself: sharing depends on training (the share command checks readiness), never
 * the reverse.
 */
export async function recordTrainingPass(manager: EntityManager, pass: TrainingPass): Promise<void> {
  const [organisation] = (await manager.query(`SELECT settings FROM organisations WHERE id = $1`, [
    pass.organisationId,
  ])) as { settings: unknown }[];
  if (!organisation) throw new Error(`organisation ${pass.organisationId} not found`);
  const points = mergeSettings(organisation.settings).points.trainingPassed;
  // Nothing to add: no row of zeros.
  if (points === 0) return;
  await manager.query(
    `INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, points)
     SELECT o.id, $2, ($3::timestamptz AT TIME ZONE o.timezone)::date, $4, $5 FROM organisations o WHERE o.id = $1
     ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE SET points = d.points + excluded.points`,
    [pass.organisationId, pass.memberId, pass.completedAt.toISOString(), NO_NETWORK, points],
  );
}

/**
 * Erasure: the member's training points go with the completions they were earned by (the training
 * module deletes those), so the rollups still equal their recount from the raw rows. `NO_NETWORK`
 * rows hold training points only.
 */
export async function forgetTrainingPasses(
  manager: EntityManager,
  organisationId: string,
  memberId: string,
): Promise<void> {
  await manager.query(
    `DELETE FROM daily_stats WHERE organisation_id = $1 AND member_id = $2 AND network = $3`,
    [organisationId, memberId, NO_NETWORK],
  );
}
