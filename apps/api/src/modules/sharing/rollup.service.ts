import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import type { Share } from './entities/share.entity';

/**
 * Adds to `daily_stats`, the rollup per (organisation, member, day, network) that leaderboards and
 * dashboards read. Click counts are added by the click worker (`ClickIngestor`); this service adds
 * what a share brings, inside the share command's own transaction.
 */
@Injectable()
export class RollupService {
  /**
   * One share: shares + 1, reach + the audience snapshot, points + the organisation's share points,
   * on the day the share was made in the organisation's time zone. Call it in the transaction that
   * inserts the share, so the two commit together.
   */
  async recordShare(
    manager: EntityManager,
    share: Pick<Share, 'organisationId' | 'memberId' | 'network' | 'audienceSize' | 'createdAt'>,
  ): Promise<void> {
    const [organisation] = (await manager.query(`SELECT settings FROM organisations WHERE id = $1`, [
      share.organisationId,
    ])) as { settings: unknown }[];
    if (!organisation) throw new Error(`organisation ${share.organisationId} not found`);
    const points = mergeSettings(organisation.settings).points.share;
    await manager.query(
      `INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, shares, reach, points)
       SELECT o.id, $2, ($3::timestamptz AT TIME ZONE o.timezone)::date, $4, 1, $5, $6
         FROM organisations o WHERE o.id = $1
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
      ],
    );
  }
}
