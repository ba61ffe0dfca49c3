import { buildTrackedLink } from '@heimo/content';
import {
  ConnectedNetworkError,
  POST_BEFORE_SHARE_TOLERANCE_MS,
  VERIFICATION_DEADLINE_MS,
  findSharePost,
  nextEngagementAt,
  nextVerificationAt,
} from '@heimo/domain';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { QueueName } from '../../../infra/queue/queue-name';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import { ConnectionCalls } from '../connection-calls';
import { ConnectionsRepository } from '../connections.repository';
import { SharePosts } from '../share-posts.service';
import { ShareVerificationsRepository } from '../share-verifications.repository';
import { ShareVerifications } from '../share-verifications.service';
import {
  COLLECT_ENGAGEMENT_JOB,
  type CollectEngagementData,
  FOLLOWERS_STALE_MS,
  REFRESH_BATCH,
  LOST_AFTER_MS,
  POST_SHARE_JOB,
  type PostShareData,
  REFRESH_FOLLOWERS_JOB,
  SETTLE_SHARE_JOB,
  SWEEP_VERIFICATIONS_JOB,
  type SettleShareData,
  VERIFY_SHARE_JOB,
  type VerifyShareData,
} from './connection-jobs';

/** Posts read per check: a member posts fewer than this within a day of a share. */
const POSTS_PER_CHECK = 100;

/**
 * The connected networks' jobs. A network's answer decides what happens next, the same for every
 * network: `rate_limited` waits as long as it asks (the job is delayed, no attempt spent);
 * `unavailable` throws, so BullMQ tries again with exponential backoff (CONNECTION_RETRY_BASE_MS,
 * 5 attempts); `unauthorized` has marked the connection broken (ConnectionCalls) and nothing calls
 * the network for it again; `rejected` and `not_found` are final for the step.
 */
@Processor(QueueName.Connections, { concurrency: 2 })
export class ConnectionsProcessor extends WorkerHost {
  private readonly logger = new Logger(ConnectionsProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: ConnectionsRepository,
    private readonly verifications: ShareVerificationsRepository,
    private readonly scheduler: ShareVerifications,
    private readonly calls: ConnectionCalls,
    private readonly sharePosts: SharePosts,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<unknown> {
    try {
      switch (job.name) {
        case VERIFY_SHARE_JOB:
          return await this.verify(job.data as VerifyShareData);
        case SETTLE_SHARE_JOB:
          return await this.settle(job.data as SettleShareData);
        case COLLECT_ENGAGEMENT_JOB:
          return await this.collect(job.data as CollectEngagementData);
        case REFRESH_FOLLOWERS_JOB:
          return await this.refreshFollowers();
        case POST_SHARE_JOB:
          return await this.sharePosts.run(job as Job<PostShareData>);
        case SWEEP_VERIFICATIONS_JOB:
          return await this.sweep();
        default:
          throw new Error(`unknown job ${job.name}`);
      }
    } catch (error) {
      if (error instanceof ConnectedNetworkError && error.kind === 'rate_limited') {
        const wait = error.retryAfterMs ?? this.config.CONNECTION_RETRY_BASE_MS;
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
      throw error;
    }
  }

  private async verify({ shareId, check }: VerifyShareData): Promise<unknown> {
    const row = await this.verifications.find(shareId);
    if (!row || row.status !== 'pending') return { skipped: row?.status ?? 'deleted' };
    const sharedAt = new Date(row.sharedAt);
    const nextCheckAt = nextVerificationAt(sharedAt, check + 1);
    if (!row.memberActive) {
      await this.verifications.checked(shareId, check + 1, nextCheckAt);
      return { skipped: 'member deactivated' };
    }
    const account = await this.accounts.find(row.memberId, row.network);
    let result;
    try {
      result = await this.calls.call(account, (adapter, credentials) =>
        adapter.recentPosts(
          credentials,
          new Date(sharedAt.getTime() - POST_BEFORE_SHARE_TOLERANCE_MS),
          POSTS_PER_CHECK,
        ),
      );
    } catch (error) {
      if (
        !(error instanceof ConnectedNetworkError) ||
        error.kind === 'rate_limited' ||
        error.kind === 'unavailable'
      )
        throw error;
      await this.verifications.checked(shareId, check + 1, nextCheckAt);
      return { failed: error.kind };
    }
    if (!result.ok) {
      await this.verifications.checked(shareId, check + 1, nextCheckAt);
      return { skipped: result.reason };
    }
    const post = findSharePost(result.value, buildTrackedLink(this.config.publicUrl, row.code), sharedAt);
    if (!post) {
      await this.verifications.checked(shareId, check + 1, nextCheckAt);
      return { found: false };
    }
    const now = new Date();
    const firstCollectionAt = nextEngagementAt(now, 0);
    const verified = await this.verifications.verified(shareId, post, check + 1, now, firstCollectionAt);
    if (verified && firstCollectionAt) await this.scheduler.scheduleCollection(shareId, 0, firstCollectionAt);
    return { found: true, postId: post.id };
  }

  private async settle({ shareId }: SettleShareData): Promise<unknown> {
    return this.verifications.transaction(async (manager) => {
      const row = await this.verifications.find(shareId, manager, true);
      if (!row || row.status !== 'pending') return { skipped: row?.status ?? 'deleted' };
      const settings = mergeSettings(
        await this.verifications.organisationSettings(manager, row.organisationId),
      );
      // A deactivated member's checks stopped: what could not be checked is not held against them.
      const revoke = settings.unverifiedSharePolicy === 'revoke' && row.credited && row.memberActive;
      await this.verifications.settle(manager, row, new Date(), revoke, settings.points.share);
      return { settled: revoke ? 'revoked' : 'kept' };
    });
  }

  private async collect({ shareId, collection }: CollectEngagementData): Promise<unknown> {
    const row = await this.verifications.find(shareId);
    if (!row || row.status !== 'verified' || !row.postId || row.postDeletedAt || !row.verifiedAt)
      return { skipped: 'not collectable' };
    if (row.collectionsDone > collection) return { skipped: 'collected already' };
    const postId = row.postId;
    const account = row.memberActive ? await this.accounts.find(row.memberId, row.network) : null;
    const now = new Date();
    let result;
    try {
      result = await this.calls.call(account, (adapter, credentials) =>
        adapter.engagement(credentials, postId),
      );
    } catch (error) {
      if (!(error instanceof ConnectedNetworkError)) throw error;
      if (error.kind === 'not_found') {
        await this.verifications.postDeleted(shareId, row.organisationId, now);
        return { deleted: true };
      }
      if (error.kind === 'rate_limited' || error.kind === 'unavailable') throw error;
      await this.verifications.stopCollecting(shareId);
      return { failed: error.kind };
    }
    if (!result.ok) {
      await this.verifications.stopCollecting(shareId);
      return { skipped: result.reason };
    }
    const nextAt = nextEngagementAt(new Date(row.verifiedAt), collection + 1);
    await this.verifications.collected(shareId, row.organisationId, result.value, collection, now, nextAt);
    if (nextAt) await this.scheduler.scheduleCollection(shareId, collection + 1, nextAt);
    return { collected: result.value };
  }

  /** Verifications whose jobs were lost, queued again (same job ids: one that is only late is not doubled). */
  private async sweep(): Promise<unknown> {
    const lost = await this.verifications.overdue(
      new Date(Date.now() - LOST_AFTER_MS),
      VERIFICATION_DEADLINE_MS,
      REFRESH_BATCH,
    );
    for (const share of lost)
      await this.scheduler.schedule({ id: share.id, createdAt: new Date(share.createdAt) });
    return { requeued: lost.length };
  }

  /** Follower counts older than a day, read again; each account's failure is its own. */
  private async refreshFollowers(): Promise<unknown> {
    const stale = await this.accounts.staleFollowers(
      new Date(Date.now() - FOLLOWERS_STALE_MS),
      REFRESH_BATCH,
    );
    let refreshed = 0;
    for (const account of stale) {
      try {
        const result = await this.calls.call(account, (adapter, credentials) => adapter.account(credentials));
        if (!result.ok) continue;
        await this.accounts.transaction((manager) =>
          this.accounts.setFollowers(
            manager,
            { ...account, handle: result.value.handle },
            result.value.followers,
            new Date(),
          ),
        );
        refreshed++;
      } catch (error) {
        this.logger.warn({ accountId: account.id, error: String(error) }, 'follower count not refreshed');
      }
    }
    return { refreshed, of: stale.length };
  }
}
