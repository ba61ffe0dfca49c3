import { NO_NETWORK } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import type { Share } from './entities/share.entity';

/**
 * Adds to `daily_stats`, the rollup per (organisation, member, day, network) that leaderboards and
 * dashboards read, and to `pack_daily_stats`, the same per pack and locale besides (the dashboard's
 * top packs and locales). Click counts are added by the click worker (`ClickIngestor`); this service
 * adds what a share brings, inside the share command's own transaction. Training points are added by
 * {@link recordTrainingPass} below.
 */
@Injectable()
export class RollupService {
  /**
   * One share: shares + 1, reach + the audience snapshot, points + the organisation's share points,
   * on the day the share was made in the organisation's time zone; the pack rollup gets the same
   * shares and reach in the same statement. Call it in the transaction that inserts the share, so
   * they commit together.
   */
  async recordShare(
    manager: EntityManager,
    share: Pick<
      Share,
      'organisationId' | 'memberId' | 'packId' | 'locale' | 'network' | 'audienceSize' | 'createdAt'
    >,
  ): Promise<void> {
    const [organisation] = (await manager.query(`SELECT settings FROM organisations WHERE id = $1`, [
      share.organisationId,
    ])) as { settings: unknown }[];
    if (!organisation) throw new Error(`organisation ${share.organisationId} not found`);
    const points = mergeSettings(organisation.settings).points.share;
    await manager.query(
      `WITH share AS (
         SELECT o.id AS organisation_id, ($3::timestamptz AT TIME ZONE o.timezone)::date AS day
           FROM organisations o WHERE o.id = $1
       ),
       per_pack AS (
         INSERT INTO pack_daily_stats AS p (organisation_id, pack_id, member_id, day, network, locale, shares, reach)
         SELECT organisation_id, $7, $2, day, $4, $8, 1, $5 FROM share
         ON CONFLICT (organisation_id, pack_id, member_id, day, network, locale) DO UPDATE
            SET shares = p.shares + excluded.shares,
                reach = p.reach + excluded.reach
         RETURNING 1
       )
       INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, shares, reach, points)
       SELECT organisation_id, $2, day, $4, 1, $5, $6 FROM share
       ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
          SET shares = d.shares + excluded.shares,
              reach = d.reach + excluded.reach,
              points = d.points + excluded.points`,
      [
        share.organisationId,
        share.memberId,
        share.createdAt.toISOString(),
        share.network,
        share.audienceSize,
        points,
        share.packId,
        share.locale,
      ],
    );
  }
}

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
 * completion, so they commit together. A function rather than a {@link RollupService} method: the
 * sharing module imports the training module (the share command checks readiness), so the training
 * module cannot import the sharing module's providers back.
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
