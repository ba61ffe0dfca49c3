import { Readable } from 'node:stream';
import { buildTrackedLink } from '@heimo/content';
import {
  ConnectedNetworkError,
  MAX_POST_SCHEDULE_AHEAD_MS,
  type MediaFile,
  type PostDraft,
  nextEngagementAt,
} from '@heimo/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AppError, NotFoundError, ValidationError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import { QueueName } from '../../infra/queue/queue-name';
import { MEDIA_STORAGE, type MediaStorage } from '../media/storage/media-storage';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { ConnectedNetworkAdapters } from './adapter-registry';
import { ConnectionCalls } from './connection-calls';
import { ConnectionsRepository } from './connections.repository';
import type { SharePostDto } from './dto/share-post.dto';
import { POST_SHARE_JOB, type PostShareData, postJobId } from './jobs/connection-jobs';
import { type PostableShare, type SharePostRow, SharePostsRepository } from './share-posts.repository';
import { ShareVerifications } from './share-verifications.service';

/** Attempts of a post job for `unavailable` (exponential backoff); `rate_limited` waits spend none. */
export const POST_ATTEMPTS = 5;
/** A time this little in the past still means "now" (the client's clock, the request's way). */
const PAST_SLACK_MS = 60_000;
/** The largest picture sent with a post (Bluesky's blob limit is about 1 MB; Mastodon's far above). */
const MAX_PICTURE_BYTES = 5 * 1024 * 1024;

const problem = (status: HttpStatus, code: string, title: string, detail: string) =>
  new AppError(status, code, title, detail);

/**
 * "Post for me": Heimo posts a share through the member's connected account, now or at a chosen
 * time, on the connections queue. A post that may have been made is never made twice: the draft
 * carries the share as its key (a record key derived from it on Bluesky, the same Idempotency-Key on
 * Mastodon). A post made verifies the share at once.
 */
@Injectable()
export class SharePosts {
  private readonly logger = new Logger(SharePosts.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Connections) private readonly queue: Queue,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly posts: SharePostsRepository,
    private readonly accounts: ConnectionsRepository,
    private readonly adapters: ConnectedNetworkAdapters,
    private readonly calls: ConnectionCalls,
    private readonly verifications: ShareVerifications,
  ) {}

  async get(caller: Caller, shareId: string): Promise<SharePostDto> {
    await this.ownShare(caller, shareId);
    const row = await this.posts.find(shareId);
    if (!row) throw new NotFoundError('share_post.not_found', 'Heimo was not asked to post this share.');
    return toDto(row);
  }

  /** Checks in order: `at`, the share, the setting, the network's adapter, the connection, a job already. */
  async schedule(caller: Caller, shareId: string, atText: string | undefined): Promise<SharePostDto> {
    const now = Date.now();
    const at = atText === undefined ? new Date(now) : new Date(atText);
    if (at.getTime() < now - PAST_SLACK_MS)
      throw new ValidationError([{ field: 'at', code: 'share_post.at_past', message: 'at is in the past' }]);
    if (at.getTime() > now + MAX_POST_SCHEDULE_AHEAD_MS)
      throw new ValidationError([
        { field: 'at', code: 'share_post.at_too_far', message: 'at is more than 30 days ahead' },
      ]);
    const share = await this.ownShare(caller, shareId);
    if (!mergeSettings(share.settings).postForMe)
      throw problem(
        HttpStatus.FORBIDDEN,
        'share_post.disabled',
        'Forbidden',
        'Your organisation does not let Heimo post for its members.',
      );
    if (!this.adapters.get(share.network))
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'share_post.network_unsupported',
        'Unprocessable content',
        'Heimo cannot post on this network; open the share window instead.',
      );
    const account = await this.accounts.find(share.memberId, share.network);
    if (!account || account.status !== 'active' || account.organisationId !== share.organisationId)
      throw problem(
        HttpStatus.CONFLICT,
        'share_post.no_connection',
        'Conflict',
        'Connect your account on this network first (or again, when the connection broke).',
      );
    const row = await this.posts.schedule(share, at);
    if (!row) {
      const current = await this.posts.find(shareId);
      throw new AppError(
        HttpStatus.CONFLICT,
        'share_post.exists',
        'Conflict',
        'This share is being posted, or was posted, already.',
        [],
        {},
        current ? { post: toDto(current) } : {},
      );
    }
    try {
      await this.queue.add(POST_SHARE_JOB, { shareId } satisfies PostShareData, {
        jobId: postJobId(shareId, at),
        delay: Math.max(0, at.getTime() - Date.now()),
        attempts: POST_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.CONNECTION_RETRY_BASE_MS },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      });
    } catch (error) {
      // No job, no post: the row says so, and the member may ask again.
      this.logger.error({ shareId, error: String(error) }, 'share post not queued');
      await this.posts.failed(shareId, 'queue_unavailable', new Date());
      throw problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'share_post.queue_unavailable',
        'Service unavailable',
        'Heimo could not schedule the post just now. Try again in a moment.',
      );
    }
    return toDto(row);
  }

  /** Cancels a scheduled post: `share_post.not_scheduled` when it is posting, posted, failed or cancelled. */
  async cancel(caller: Caller, shareId: string): Promise<void> {
    await this.ownShare(caller, shareId);
    const row = await this.posts.find(shareId);
    if (!row) throw new NotFoundError('share_post.not_found', 'Heimo was not asked to post this share.');
    if (!(await this.posts.cancel(shareId, new Date())))
      throw new AppError(
        HttpStatus.CONFLICT,
        'share_post.not_scheduled',
        'Conflict',
        'Only a post waiting for its time can be cancelled.',
        [],
        {},
        { post: toDto((await this.posts.find(shareId)) ?? row) },
      );
    // The job finds the post cancelled if it runs anyway (removing a job that is running is refused).
    await this.queue.remove(postJobId(shareId, row.scheduledAt)).catch(() => 0);
  }

  /**
   * The job. `unavailable` is thrown for BullMQ to retry (the last attempt fails the post) and
   * `rate_limited` for the processor to delay the job; both leave the post `posting` with the code.
   */
  async run(job: Job<PostShareData>): Promise<unknown> {
    const { shareId } = job.data;
    const row = await this.posts.start(shareId);
    if (!row) return { skipped: (await this.posts.find(shareId))?.status ?? 'deleted' };
    const share = await this.posts.share(shareId);
    if (!share) return { skipped: 'deleted' };
    const now = () => new Date();
    if (!share.memberActive) {
      await this.posts.failed(shareId, 'member_deactivated', now());
      return { failed: 'member_deactivated' };
    }
    if (!mergeSettings(share.settings).postForMe) {
      await this.posts.failed(shareId, 'disabled', now());
      return { failed: 'disabled' };
    }
    const account = await this.accounts.find(share.memberId, share.network);
    let result;
    try {
      const draft = await this.draft(share);
      result = await this.calls.call(account, (adapter, credentials) => adapter.post(credentials, draft));
    } catch (error) {
      if (!(error instanceof ConnectedNetworkError)) {
        if (this.lastAttempt(job)) await this.posts.failed(shareId, 'internal', now());
        throw error;
      }
      if (error.kind === 'rate_limited') {
        await this.posts.retrying(shareId, error.kind);
        throw error;
      }
      if (error.kind === 'unavailable') {
        if (this.lastAttempt(job)) await this.posts.failed(shareId, error.kind, now());
        else await this.posts.retrying(shareId, error.kind);
        throw error;
      }
      // `unauthorized` has marked the connection broken (ConnectionCalls); `rejected`, `not_found` are final.
      await this.posts.failed(shareId, error.kind, now());
      return { failed: error.kind };
    }
    if (!result.ok) {
      await this.posts.failed(shareId, result.reason, now());
      return { failed: result.reason };
    }
    const at = now();
    const firstCollectionAt = nextEngagementAt(at, 0);
    const verified = await this.posts.posted(shareId, result.value, at, firstCollectionAt);
    if (verified && firstCollectionAt)
      await this.verifications.scheduleCollection(shareId, 0, firstCollectionAt);
    return { posted: result.value.id };
  }

  private lastAttempt(job: Job): boolean {
    return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  }

  private async ownShare(caller: Caller, shareId: string): Promise<PostableShare> {
    const share = await this.posts.share(shareId, caller.organisationId, caller.memberId);
    if (!share) throw new NotFoundError('share.not_found', 'There is no such share of yours.');
    return share;
  }

  /** The caption (the share's final text, tracked link in), the card and the pack's first picture. */
  private async draft(share: PostableShare): Promise<PostDraft> {
    const link = share.hasLink ? buildTrackedLink(this.config.publicUrl, share.code) : null;
    const image = await this.picture(share);
    return {
      text: share.text,
      link,
      card: link ? { title: share.title, description: share.summary, image } : null,
      image,
      key: { id: share.id, at: new Date(share.createdAt) },
    };
  }

  private async picture(share: PostableShare): Promise<MediaFile | null> {
    for (const id of share.mediaIds) {
      const asset = await this.posts.mediaAsset(share.organisationId, id);
      if (!asset || asset.kind !== 'image') continue;
      const stored = await this.storage.get(asset.storageKey);
      if (!stored || stored.bytes > MAX_PICTURE_BYTES) {
        stored?.stream.destroy();
        continue;
      }
      const bytes = await readAll(stored.stream);
      return { bytes, mimeType: asset.contentType, alt: asset.altText };
    }
    return null;
  }
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return new Uint8Array(Buffer.concat(chunks));
}

export function toDto(row: SharePostRow): SharePostDto {
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return {
    shareId: row.shareId,
    network: row.network,
    status: row.status,
    scheduledAt: new Date(row.scheduledAt).toISOString(),
    attempts: row.attempts,
    errorCode: row.errorCode,
    failedAt: iso(row.failedAt),
    postId: row.postId,
    postUrl: row.postUrl,
    postedAt: iso(row.postedAt),
    cancelledAt: iso(row.cancelledAt),
  };
}
