import { engagementTotal } from '@heimo/domain';
import type {
  ShareEngagementDto,
  ShareVerificationDto,
  ShareVerificationStatus,
} from './dto/share-outcome.dto';

/** The columns {@link shareOutcome} reads, selected beside a share `alias` joined with {@link shareOutcomeJoins}. */
export const SHARE_OUTCOME_COLUMNS = `sv.status AS "verificationStatus", sv.post_url AS "postUrl",
  sv.post_deleted_at IS NOT NULL AS "postDeleted", se.likes, se.reposts, se.replies, se.quotes,
  se.collected_at AS "collectedAt"`;

/** A share's verification and its latest engagement snapshot (one index range of the share's snapshots). */
export const shareOutcomeJoins = (alias: string) => `
  LEFT JOIN share_verifications sv ON sv.share_id = ${alias}.id
  LEFT JOIN LATERAL (
    SELECT likes, reposts, replies, quotes, collected_at FROM share_engagement_snapshots
     WHERE share_id = ${alias}.id ORDER BY collected_at DESC, id DESC LIMIT 1
  ) se ON sv.status = 'verified'`;

export interface ShareOutcomeRow {
  verificationStatus: ShareVerificationStatus | null;
  postUrl: string | null;
  postDeleted: boolean | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  collectedAt: Date | null;
}

/**
 * A share's verification (null for a share on a network without a connection) and engagement (null
 * until the first collection of a verified post; a deleted post keeps its last figures).
 */
export function shareOutcome(row: ShareOutcomeRow): {
  verification: ShareVerificationDto | null;
  engagement: ShareEngagementDto | null;
} {
  const verification =
    row.verificationStatus === null
      ? null
      : { status: row.verificationStatus, postUrl: row.postUrl, postDeleted: row.postDeleted === true };
  const engagement =
    row.collectedAt === null
      ? null
      : {
          likes: row.likes ?? 0,
          reposts: row.reposts ?? 0,
          replies: row.replies ?? 0,
          quotes: row.quotes ?? 0,
          total: engagementTotal({
            likes: row.likes ?? 0,
            reposts: row.reposts ?? 0,
            replies: row.replies ?? 0,
            quotes: row.quotes ?? 0,
          }),
          collectedAt: new Date(row.collectedAt).toISOString(),
        };
  return { verification, engagement };
}
