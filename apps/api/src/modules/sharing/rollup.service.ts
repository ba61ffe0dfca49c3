import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import type { Share } from './entities/share.entity';

/**
 * Adds to `daily_stats`, the rollup per (organisation, member, day, network) that leaderboards and
 * dashboards read, and to `pack_daily_stats`, the same per pack and locale besides (the dashboard's
 * top packs and locales). Click counts are added by the click worker (`ClickIngestor`); this service
 * adds what a share brings, inside the share command's own transaction. Training points are added by
 * the training module (`recordTrainingPass`, `training/training-points.ts`).
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
