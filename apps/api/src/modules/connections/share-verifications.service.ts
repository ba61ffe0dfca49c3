import {
  type NetworkId,
  VERIFICATION_CHECKS_AFTER_MS,
  VERIFICATION_DEADLINE_MS,
  nextVerificationAt,
} from '@heimo/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import { ConnectedNetworkAdapters } from './adapter-registry';
import {
  COLLECT_ENGAGEMENT_JOB,
  SETTLE_SHARE_JOB,
  VERIFY_SHARE_JOB,
  collectJobId,
  settleJobId,
  verifyJobId,
} from './jobs/connection-jobs';
import { ShareVerificationsRepository } from './share-verifications.repository';

/** The longest a share's answer waits for its checks to be queued. */
const QUEUE_WAIT_MS = 2_000;

/** A share as verification needs it. */
export interface VerifiableShare {
  readonly id: string;
  readonly organisationId: string;
  readonly memberId: string;
  readonly network: NetworkId;
  readonly createdAt: Date;
}

/**
 * For the share command: a share on a network the member has connected gets a verification (in the
 * share's transaction) and, after the commit, its checks at VERIFICATION_CHECKS_AFTER_MS and its
 * settlement at VERIFICATION_DEADLINE_MS as delayed jobs.
 */
@Injectable()
export class ShareVerifications {
  private readonly logger = new Logger(ShareVerifications.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Connections) private readonly queue: Queue,
    private readonly verifications: ShareVerificationsRepository,
    private readonly adapters: ConnectedNetworkAdapters,
  ) {}

  /** In the share's transaction. Answers whether the share will be verified. */
  begin(manager: EntityManager, share: VerifiableShare): Promise<boolean> {
    if (!this.adapters.get(share.network)) return Promise.resolve(false);
    const firstCheckAt = nextVerificationAt(share.createdAt, 0) ?? share.createdAt;
    return this.verifications.begin(manager, share, firstCheckAt);
  }

  /**
   * After the commit: the checks and the settlement. A failure to queue is logged, never the share's,
   * and the share's answer waits at most QUEUE_WAIT_MS for Redis (the hourly sweep queues what is lost).
   */
  async schedule(share: Pick<VerifiableShare, 'id' | 'createdAt'>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, QUEUE_WAIT_MS);
    });
    await Promise.race([this.queueChecks(share), waited]);
    clearTimeout(timer);
  }

  private async queueChecks(share: Pick<VerifiableShare, 'id' | 'createdAt'>): Promise<void> {
    const now = Date.now();
    const at = (after: number) => Math.max(0, share.createdAt.getTime() + after - now);
    try {
      await this.queue.addBulk([
        ...VERIFICATION_CHECKS_AFTER_MS.map((after, check) => ({
          name: VERIFY_SHARE_JOB,
          data: { shareId: share.id, check },
          opts: this.options(verifyJobId(share.id, check), at(after)),
        })),
        {
          name: SETTLE_SHARE_JOB,
          data: { shareId: share.id },
          opts: this.options(settleJobId(share.id), at(VERIFICATION_DEADLINE_MS)),
        },
      ]);
    } catch (error) {
      this.logger.error({ shareId: share.id, error: String(error) }, 'share verification not queued');
    }
  }

  /** The next engagement collection of a verified share's post. */
  async scheduleCollection(shareId: string, collection: number, at: Date): Promise<void> {
    await this.queue.add(
      COLLECT_ENGAGEMENT_JOB,
      { shareId, collection },
      this.options(collectJobId(shareId, collection), Math.max(0, at.getTime() - Date.now())),
    );
  }

  options(jobId: string, delay: number): JobsOptions {
    return {
      jobId,
      delay,
      attempts: 5,
      backoff: { type: 'exponential', delay: this.config.CONNECTION_RETRY_BASE_MS },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    };
  }
}
