import type { NetworkId, PostJobStatus } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A share's post job ("post for me"). */
export interface SharePostRow {
  readonly shareId: string;
  readonly organisationId: string;
  readonly memberId: string;
  readonly network: NetworkId;
  readonly status: PostJobStatus;
  readonly scheduledAt: Date;
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly failedAt: Date | null;
  readonly postId: string | null;
  readonly postUrl: string | null;
  readonly postedAt: Date | null;
  readonly cancelledAt: Date | null;
}

/** A share with what its post needs: the final text, the code, the pack's card and picture. */
export interface PostableShare {
  readonly id: string;
  readonly organisationId: string;
  readonly memberId: string;
  readonly network: NetworkId;
  readonly text: string;
  readonly code: string;
  readonly createdAt: Date;
  readonly hasLink: boolean;
  readonly title: string;
  readonly summary: string;
  readonly mediaIds: string[];
  readonly memberActive: boolean;
  readonly settings: unknown;
}

const COLUMNS = `share_id AS "shareId", organisation_id AS "organisationId", member_id AS "memberId", network,
  status, scheduled_at AS "scheduledAt", attempts, error_code AS "errorCode", failed_at AS "failedAt",
  post_id AS "postId", post_url AS "postUrl", posted_at AS "postedAt", cancelled_at AS "cancelledAt"`;

/** The SQL of "post for me". */
@Injectable()
export class SharePostsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member's own share in the organisation, or null (another member's or organisation's is null too). */
  async share(shareId: string, organisationId?: string, memberId?: string): Promise<PostableShare | null> {
    const [row] = (await this.dataSource.query(
      `SELECT s.id, s.organisation_id AS "organisationId", s.member_id AS "memberId", s.network, s.text,
              s.code, s.created_at AS "createdAt", p.destination_url IS NOT NULL AS "hasLink",
              coalesce(v.title, p.title) AS title, p.summary,
              CASE WHEN cardinality(v.media_ids) > 0 THEN v.media_ids ELSE p.media_ids END AS "mediaIds",
              m.status <> 'deactivated' AS "memberActive", o.settings
         FROM shares s
         JOIN packs p ON p.id = s.pack_id
         JOIN members m ON m.id = s.member_id
         JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN LATERAL (
           SELECT pv.title, pv.media_ids FROM pack_variants pv
            WHERE pv.pack_id = s.pack_id AND pv.network = s.network AND pv.locale = s.locale LIMIT 1
         ) v ON true
        WHERE s.id = $1 AND ($2::uuid IS NULL OR s.organisation_id = $2) AND ($3::uuid IS NULL OR s.member_id = $3)`,
      [shareId, organisationId ?? null, memberId ?? null],
    )) as PostableShare[];
    return row ?? null;
  }

  async find(shareId: string): Promise<SharePostRow | null> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM share_posts WHERE share_id = $1`, [
      shareId,
    ])) as SharePostRow[];
    return row ?? null;
  }

  /**
   * Schedules the share's post at `at`: a new job, or again after one failed or was cancelled.
   * Answers null when a job is scheduled, posting or posted already.
   */
  async schedule(share: PostableShare, at: Date): Promise<SharePostRow | null> {
    const rows = (await this.dataSource.query(
      `INSERT INTO share_posts (share_id, organisation_id, member_id, network, status, scheduled_at)
       VALUES ($1, $2, $3, $4, 'scheduled', $5)
       ON CONFLICT (share_id) DO UPDATE
          SET status = 'scheduled', scheduled_at = EXCLUDED.scheduled_at, attempts = 0, error_code = NULL,
              failed_at = NULL, cancelled_at = NULL
        WHERE share_posts.status IN ('failed', 'cancelled')
       RETURNING ${COLUMNS}`,
      [share.id, share.organisationId, share.memberId, share.network, at.toISOString()],
    )) as SharePostRow[];
    return rows[0] ?? null;
  }

  /** Cancels a scheduled post. Answers whether one was. */
  async cancel(shareId: string, at: Date): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE share_posts SET status = 'cancelled', cancelled_at = $2
        WHERE share_id = $1 AND status = 'scheduled' RETURNING share_id`,
      [shareId, at.toISOString()],
    )) as [unknown[], number];
    return rows[0].length > 0;
  }

  /** The job starts an attempt: scheduled (or posting again after a retryable failure) → posting. */
  async start(shareId: string): Promise<SharePostRow | null> {
    const rows = (await this.dataSource.query(
      `UPDATE share_posts SET status = 'posting', attempts = attempts + 1
        WHERE share_id = $1 AND status IN ('scheduled', 'posting') RETURNING ${COLUMNS}`,
      [shareId],
    )) as [SharePostRow[], number];
    return rows[0][0] ?? null;
  }

  /** The last retryable failure, noted while the job waits to try again (still `posting`). */
  async retrying(shareId: string, errorCode: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE share_posts SET error_code = $2 WHERE share_id = $1 AND status = 'posting'`,
      [shareId, errorCode],
    );
  }

  async failed(shareId: string, errorCode: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE share_posts SET status = 'failed', error_code = $2, failed_at = $3
        WHERE share_id = $1 AND status IN ('scheduled', 'posting')`,
      [shareId, errorCode, at.toISOString()],
    );
  }

  /**
   * The post was made: the job is `posted`, and the share is verified with the post at once (its
   * verification made when the member connected after the share), so its checks stop. Answers
   * whether this call verified it (an engagement collection is then due).
   */
  async posted(
    shareId: string,
    post: { id: string; url: string },
    at: Date,
    firstCollectionAt: Date | null,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE share_posts SET status = 'posted', post_id = $2, post_url = $3, posted_at = $4, error_code = NULL
          WHERE share_id = $1`,
        [shareId, post.id, post.url, at.toISOString()],
      );
      const rows = (await manager.query(
        `INSERT INTO share_verifications (share_id, organisation_id, member_id, network, followers_at_share,
                status, post_id, post_url, verified_at, next_check_at, next_collection_at)
         SELECT p.share_id, p.organisation_id, p.member_id, p.network, coalesce(a.followers, 0),
                'verified', $2, $3, $4, NULL, $5
           FROM share_posts p
           LEFT JOIN connected_accounts a ON a.member_id = p.member_id AND a.network = p.network
          WHERE p.share_id = $1
         ON CONFLICT (share_id) DO UPDATE
            SET status = 'verified', post_id = $2, post_url = $3, verified_at = $4, next_check_at = NULL,
                next_collection_at = $5
          WHERE share_verifications.status = 'pending'
         RETURNING share_id`,
        [shareId, post.id, post.url, at.toISOString(), firstCollectionAt?.toISOString() ?? null],
      )) as unknown[];
      return rows.length > 0;
    });
  }

  /** A media asset's storage key, type and alt text, in the organisation. */
  async mediaAsset(
    organisationId: string,
    id: string,
  ): Promise<{ storageKey: string; contentType: string; altText: string; kind: string } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT storage_key AS "storageKey", content_type AS "contentType", alt_text AS "altText", kind
         FROM media_assets WHERE id = $1 AND organisation_id = $2`,
      [id, organisationId],
    )) as { storageKey: string; contentType: string; altText: string; kind: string }[];
    return row ?? null;
  }
}
