import { engagementTotal, type Engagement, type NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A verification with what its jobs need of the share and the member. */
export interface VerificationRow {
  readonly shareId: string;
  readonly organisationId: string;
  readonly memberId: string;
  readonly network: NetworkId;
  readonly status: 'pending' | 'verified' | 'unverified';
  readonly checksDone: number;
  readonly postId: string | null;
  readonly verifiedAt: Date | null;
  readonly collectionsDone: number;
  readonly postDeletedAt: Date | null;
  readonly code: string;
  readonly sharedAt: Date;
  readonly credited: boolean;
  readonly memberActive: boolean;
}

/** The SQL of share verification and engagement snapshots. */
@Injectable()
export class ShareVerificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(run: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(run);
  }

  /**
   * In the share command's transaction: a verification for the share when the member has an active
   * connection on its network. Answers whether one was made.
   */
  async begin(
    manager: EntityManager,
    share: { id: string; organisationId: string; memberId: string; network: NetworkId; createdAt: Date },
    firstCheckAt: Date,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO share_verifications (share_id, organisation_id, member_id, network, followers_at_share, next_check_at)
       SELECT $1, a.organisation_id, a.member_id, a.network, a.followers, $4
         FROM connected_accounts a
        WHERE a.member_id = $2 AND a.network = $3 AND a.status = 'active' AND a.organisation_id = $5
       RETURNING share_id`,
      [share.id, share.memberId, share.network, firstCheckAt.toISOString(), share.organisationId],
    )) as unknown[];
    return rows.length > 0;
  }

  async find(shareId: string, manager?: EntityManager, lock = false): Promise<VerificationRow | null> {
    const [row] = (await (manager ?? this.dataSource.manager).query(
      `SELECT v.share_id AS "shareId", v.organisation_id AS "organisationId", v.member_id AS "memberId",
              v.network, v.status, v.checks_done AS "checksDone", v.post_id AS "postId",
              v.verified_at AS "verifiedAt", v.collections_done AS "collectionsDone",
              v.post_deleted_at AS "postDeletedAt", s.code, s.created_at AS "sharedAt", s.credited,
              m.status <> 'deactivated' AS "memberActive"
         FROM share_verifications v
         JOIN shares s ON s.id = v.share_id
         JOIN members m ON m.id = v.member_id
        WHERE v.share_id = $1 ${lock ? 'FOR UPDATE OF v' : ''}`,
      [shareId],
    )) as VerificationRow[];
    return row ?? null;
  }

  /** A check made without finding the post: `checks_done` grows (never back), the next check is noted. */
  async checked(shareId: string, checksDone: number, nextCheckAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE share_verifications SET checks_done = greatest(checks_done, $2), next_check_at = $3
        WHERE share_id = $1 AND status = 'pending'`,
      [shareId, checksDone, nextCheckAt?.toISOString() ?? null],
    );
  }

  /**
   * The post was found. Answers whether this call verified it (not an earlier one). In the same
   * transaction a credited share's `followers_at_share` is added to `daily_stats.verified_reach` on the
   * share's own day and network (the row its credit made), so the boards' rollups follow.
   */
  async verified(
    shareId: string,
    post: { id: string; url: string },
    checksDone: number,
    at: Date,
    firstCollectionAt: Date | null,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE share_verifications
            SET status = 'verified', post_id = $2, post_url = $3, verified_at = $4,
                checks_done = greatest(checks_done, $5), next_check_at = NULL, next_collection_at = $6
          WHERE share_id = $1 AND status = 'pending'
         RETURNING followers_at_share AS followers, revoked`,
        [shareId, post.id, post.url, at.toISOString(), checksDone, firstCollectionAt?.toISOString() ?? null],
      )) as [{ followers: number; revoked: boolean }[], number];
      const [row] = rows[0];
      if (!row) return false;
      if (!row.revoked)
        await addToShareDay(manager, shareId, { verifiedReach: row.followers, engagement: 0 });
      return true;
    });
  }

  /**
   * Settles a pending verification as unverified. With `revoke`, the credit the share command gave it
   * is taken back on the share's own day in the organisation's time zone (the day it was added to):
   * shares − 1, reach − the audience snapshot, points − the share points, in `daily_stats` and
   * `pack_daily_stats` alike (`recountDailyStats` leaves revoked shares out the same way).
   */
  async settle(
    manager: EntityManager,
    row: VerificationRow,
    at: Date,
    revoke: boolean,
    sharePoints: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE share_verifications SET status = 'unverified', settled_at = $2, revoked = $3, next_check_at = NULL
        WHERE share_id = $1`,
      [row.shareId, at.toISOString(), revoke],
    );
    if (!revoke) return;
    await manager.query(
      `WITH share AS (
         SELECT s.organisation_id, s.member_id, s.pack_id, s.network, s.locale, s.audience_size::bigint AS reach,
                (s.created_at AT TIME ZONE o.timezone)::date AS day
           FROM shares s JOIN organisations o ON o.id = s.organisation_id
          WHERE s.id = $1
       ),
       per_pack AS (
         UPDATE pack_daily_stats p SET shares = p.shares - 1, reach = p.reach - share.reach
           FROM share
          WHERE p.organisation_id = share.organisation_id AND p.pack_id = share.pack_id
            AND p.member_id = share.member_id AND p.day = share.day AND p.network = share.network
            AND p.locale = share.locale
         RETURNING 1
       )
       UPDATE daily_stats d SET shares = d.shares - 1, reach = d.reach - share.reach, points = d.points - $2
         FROM share
        WHERE d.organisation_id = share.organisation_id AND d.member_id = share.member_id
          AND d.day = share.day AND d.network = share.network`,
      [row.shareId, sharePoints],
    );
  }

  async organisationSettings(manager: EntityManager, organisationId: string): Promise<unknown> {
    const [row] = (await manager.query(`SELECT settings FROM organisations WHERE id = $1`, [
      organisationId,
    ])) as {
      settings: unknown;
    }[];
    return row?.settings ?? null;
  }

  /**
   * A collection made: the snapshot, and the count of collections done with the next one's time. The
   * difference between its total and the previous snapshot's is added to `daily_stats.engagement` on
   * the share's day (credited shares), so the rollups equal the latest snapshots' totals. The
   * verification row is locked first: two collections of one share add their differences in turn.
   */
  async collected(
    shareId: string,
    organisationId: string,
    engagement: Engagement,
    collection: number,
    at: Date,
    nextAt: Date | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [previous] = (await manager.query(
        `SELECT coalesce((SELECT likes + reposts + replies + quotes FROM share_engagement_snapshots
                           WHERE share_id = v.share_id ORDER BY collected_at DESC, id LIMIT 1), 0)::int AS total
           FROM share_verifications v WHERE v.share_id = $1 FOR UPDATE OF v`,
        [shareId],
      )) as { total: number }[];
      await manager.query(
        `INSERT INTO share_engagement_snapshots (share_id, organisation_id, collected_at, likes, reposts, replies, quotes)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          shareId,
          organisationId,
          at.toISOString(),
          engagement.likes,
          engagement.reposts,
          engagement.replies,
          engagement.quotes,
        ],
      );
      await manager.query(
        `UPDATE share_verifications SET collections_done = greatest(collections_done, $2), next_collection_at = $3
          WHERE share_id = $1`,
        [shareId, collection + 1, nextAt?.toISOString() ?? null],
      );
      const delta = engagementTotal(engagement) - (previous?.total ?? 0);
      if (delta !== 0) await addToShareDay(manager, shareId, { verifiedReach: 0, engagement: delta });
    });
  }

  /** The post is gone: a last snapshot with the figures collected before (zeros if none), marked deleted. */
  async postDeleted(shareId: string, organisationId: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The last figures again: the engagement rollups are unchanged.
      await manager.query(
        `INSERT INTO share_engagement_snapshots (share_id, organisation_id, collected_at, likes, reposts, replies, quotes, deleted)
         SELECT $1, $2, $3, coalesce(last.likes, 0), coalesce(last.reposts, 0), coalesce(last.replies, 0),
                coalesce(last.quotes, 0), true
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (
             SELECT likes, reposts, replies, quotes FROM share_engagement_snapshots
              WHERE share_id = $1 ORDER BY collected_at DESC, id LIMIT 1
           ) last ON true`,
        [shareId, organisationId, at.toISOString()],
      );
      await manager.query(
        `UPDATE share_verifications SET post_deleted_at = $2, next_collection_at = NULL WHERE share_id = $1`,
        [shareId, at.toISOString()],
      );
    });
  }

  /** Pending verifications whose next check, or whose settlement, is due since before `before`. */
  async overdue(before: Date, deadlineMs: number, limit: number): Promise<{ id: string; createdAt: Date }[]> {
    return (await this.dataSource.query(
      `SELECT s.id, s.created_at AS "createdAt"
         FROM share_verifications v JOIN shares s ON s.id = v.share_id
        WHERE v.status = 'pending'
          AND (v.next_check_at < $1 OR s.created_at + make_interval(secs => $2::float8 / 1000) < $1)
        ORDER BY s.created_at
        LIMIT $3`,
      [before.toISOString(), deadlineMs, limit],
    )) as { id: string; createdAt: Date }[];
  }

  /** No more collections (the connection is gone or broken). */
  async stopCollecting(shareId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE share_verifications SET next_collection_at = NULL WHERE share_id = $1`,
      [shareId],
    );
  }
}

/**
 * Adds verified reach and engagement of a verified share to its `daily_stats` row: the share's local
 * day in the organisation's time zone and its network, where its credit was added. Shares that earned
 * no credit (repeats, beyond the daily cap) add nothing, as they add no reach.
 */
async function addToShareDay(
  manager: EntityManager,
  shareId: string,
  add: { verifiedReach: number; engagement: number },
): Promise<void> {
  await manager.query(
    `INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, verified_reach, engagement)
     SELECT s.organisation_id, s.member_id, (s.created_at AT TIME ZONE o.timezone)::date, s.network, $2, $3
       FROM shares s JOIN organisations o ON o.id = s.organisation_id
      WHERE s.id = $1 AND s.credited
     ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
        SET verified_reach = d.verified_reach + excluded.verified_reach, engagement = d.engagement + excluded.engagement`,
    [shareId, add.verifiedReach, add.engagement],
  );
}
