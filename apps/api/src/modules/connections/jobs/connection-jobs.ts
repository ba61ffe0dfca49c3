/** One look for the post that carries a share's link (`check` = index in VERIFICATION_CHECKS_AFTER_MS). */
export const VERIFY_SHARE_JOB = 'verify-share';
/** At VERIFICATION_DEADLINE_MS: a share still pending becomes unverified, per the organisation's policy. */
export const SETTLE_SHARE_JOB = 'settle-share';
/** One engagement collection of a verified share's post (`collection` = index in ENGAGEMENT_COLLECTIONS_AFTER_MS). */
export const COLLECT_ENGAGEMENT_JOB = 'collect-engagement';
/** Daily: follower counts of connections read more than FOLLOWERS_STALE_MS ago. */
export const REFRESH_FOLLOWERS_JOB = 'refresh-followers';
export const REFRESH_EVERY_MS = 60 * 60_000;
/**
 * Hourly: verifications whose next check or settlement is over an hour late lost their jobs (Redis
 * away when the share was committed); they are queued again under the same ids.
 */
export const SWEEP_VERIFICATIONS_JOB = 'sweep-verifications';
export const LOST_AFTER_MS = 60 * 60_000;
export const FOLLOWERS_STALE_MS = 24 * 60 * 60_000;
export const REFRESH_BATCH = 200;

/** "Post for me": posts a share through the member's connected account (at its scheduled time). */
export const POST_SHARE_JOB = 'post-share';
export interface PostShareData {
  readonly shareId: string;
}

export interface VerifyShareData {
  readonly shareId: string;
  readonly check: number;
}
export interface SettleShareData {
  readonly shareId: string;
}
export interface CollectEngagementData {
  readonly shareId: string;
  readonly collection: number;
}
export type ConnectionJobData =
  VerifyShareData | SettleShareData | CollectEngagementData | PostShareData | Record<string, never>;

/** BullMQ ids may not contain `:`; one id per step, so a step queued twice runs once. */
export const verifyJobId = (shareId: string, check: number) => `verify_${shareId}_${check}`;
export const settleJobId = (shareId: string) => `settle_${shareId}`;
export const collectJobId = (shareId: string, collection: number) => `engagement_${shareId}_${collection}`;
/** One job per scheduled time: a post scheduled again after a failure or a cancellation gets a new one. */
export const postJobId = (shareId: string, at: Date) => `post_${shareId}_${new Date(at).getTime()}`;
