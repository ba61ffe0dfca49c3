import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Share } from './entities/share.entity';

/** A share as the rollups count it. */
export type RolledUpShare = Pick<
  Share,
  'organisationId' | 'memberId' | 'packId' | 'locale' | 'network' | 'audienceSize' | 'createdAt' | 'credited'
>;

/**
 * The writes to `daily_stats` and `pack_daily_stats` that a share makes. It runs on the share
 * command's transaction (the manager it is given) and holds no state, so code outside Nest (the demo
 * seed, test fixtures) can make one with `new`.
 */
@Injectable()
export class RollupRepository {
  /** The organisation's stored settings (as stored: merge them with the defaults), or null when it does not exist. */
  async organisationSettings(
    manager: EntityManager,
    organisationId: string,
  ): Promise<{ settings: unknown } | null> {
    const [organisation] = (await manager.query(`SELECT settings FROM organisations WHERE id = $1`, [
      organisationId,
    ])) as { settings: unknown }[];
    return organisation ?? null;
  }

  /**
   * `effects` (shares, reach, points: `shareCreditEffects`) on the day the share was made in the
   * organisation's time zone; the pack rollup gets the same shares and reach in the same statement.
   */
  async addShare(
    manager: EntityManager,
    share: RolledUpShare,
    effects: { readonly shares: number; readonly reach: number; readonly points: number },
  ): Promise<void> {
    await manager.query(
      `WITH share AS (
         SELECT o.id AS organisation_id, ($3::timestamptz AT TIME ZONE o.timezone)::date AS day
           FROM organisations o WHERE o.id = $1
       ),
       per_pack AS (
         INSERT INTO pack_daily_stats AS p (organisation_id, pack_id, member_id, day, network, locale, shares, reach)
         SELECT organisation_id, $7, $2, day, $4, $8, $9, $5 FROM share
         ON CONFLICT (organisation_id, pack_id, member_id, day, network, locale) DO UPDATE
            SET shares = p.shares + excluded.shares,
                reach = p.reach + excluded.reach
         RETURNING 1
       )
       INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, shares, reach, points)
       SELECT organisation_id, $2, day, $4, $9, $5, $6 FROM share
       ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
          SET shares = d.shares + excluded.shares,
              reach = d.reach + excluded.reach,
              points = d.points + excluded.points`,
      [
        share.organisationId,
        share.memberId,
        share.createdAt.toISOString(),
        share.network,
        effects.reach,
        effects.points,
        share.packId,
        share.locale,
        effects.shares,
      ],
    );
  }
}
