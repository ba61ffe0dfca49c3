import type { EntityManager } from 'typeorm';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import type { TrainingRepository } from './training.repository';

/** A member's first pass of a training module (of any version), as the training module records it. */
export interface TrainingPass {
  readonly organisationId: string;
  readonly memberId: string;
  readonly completedAt: Date;
}

/**
 * A training pass that earns points (the member's first pass of that module, whatever its version:
 * a retake after a material change or an expiry earns nothing more; the training module decides): points + the organisation's `points.trainingPassed` on the member's `NO_NETWORK`
 * row of the pass's day in the organisation's time zone. Call it in the transaction that inserts the
 * completion, so they commit together. The training module writes its points into the sharing
 * module's rollup itself: sharing depends on training (the share command checks readiness), never
 * the reverse.
 */
export async function recordTrainingPass(
  training: TrainingRepository,
  manager: EntityManager,
  pass: TrainingPass,
): Promise<void> {
  const organisation = await training.organisationSettings(manager, pass.organisationId);
  if (!organisation) throw new Error(`organisation ${pass.organisationId} not found`);
  const points = mergeSettings(organisation.settings).points.trainingPassed;
  // Nothing to add: no row of zeros.
  if (points === 0) return;
  await training.addTrainingPoints(manager, pass.organisationId, pass.memberId, pass.completedAt, points);
}

/**
 * Erasure: the member's training points go with the completions they were earned by (the training
 * module deletes those), so the rollups still equal their recount from the raw rows. `NO_NETWORK`
 * rows hold training points and accepted suggestions' points only (erasure deletes the member's
 * suggestions too).
 */
export function forgetTrainingPasses(
  training: TrainingRepository,
  manager: EntityManager,
  organisationId: string,
  memberId: string,
): Promise<void> {
  return training.deleteTrainingPoints(manager, organisationId, memberId);
}
