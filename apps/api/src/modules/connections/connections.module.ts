import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Global, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../infra/queue/queue-name';
import { SecurityModule } from '../../infra/security/security.module';
import { AuditModule } from '../audit/audit.module';
import { MediaModule } from '../media/media.module';
import { BlueskyAdapter } from './adapters/bluesky/bluesky.adapter';
import { MastodonAdapterModule } from './adapters/mastodon/mastodon-adapter.module';
import { MastodonAdapter } from './adapters/mastodon/mastodon.adapter';
import { CONNECTED_NETWORK_ADAPTERS, ConnectedNetworkAdapters } from './adapter-registry';
import { ConnectionCalls } from './connection-calls';
import { ConnectionsController } from './connections.controller';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { REFRESH_EVERY_MS, REFRESH_FOLLOWERS_JOB, SWEEP_VERIFICATIONS_JOB } from './jobs/connection-jobs';
import { ConnectionsProcessor } from './jobs/connections.processor';
import { SharePostsController } from './share-posts.controller';
import { SharePostsRepository } from './share-posts.repository';
import { SharePosts } from './share-posts.service';
import { ShareVerificationsRepository } from './share-verifications.repository';
import { ShareVerifications } from './share-verifications.service';

@Injectable()
class FollowerRefreshSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Connections) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // One scheduler entry per job however many workers start: BullMQ keys it by id.
    for (const name of [REFRESH_FOLLOWERS_JOB, SWEEP_VERIFICATIONS_JOB])
      await this.queue.upsertJobScheduler(
        name,
        { every: REFRESH_EVERY_MS },
        { name, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
      );
  }
}

/**
 * Connected accounts (Bluesky, Mastodon): connecting, verified follower counts, share verification
 * and engagement. Every network's adapter is listed once here, under CONNECTED_NETWORK_ADAPTERS.
 * Global, so the share command (sharing) can begin a share's verification with `ShareVerifications`.
 */
@Global()
@Module({})
export class ConnectionsModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: ConnectionsModule,
      imports: [
        AuditModule,
        SecurityModule,
        MastodonAdapterModule,
        MediaModule,
        BullModule.registerQueue({ name: QueueName.Connections }),
      ],
      controllers: [ConnectionsController, SharePostsController],
      providers: [
        BlueskyAdapter,
        {
          provide: CONNECTED_NETWORK_ADAPTERS,
          useFactory: (bluesky: BlueskyAdapter, mastodon: MastodonAdapter) => [bluesky, mastodon],
          inject: [BlueskyAdapter, MastodonAdapter],
        },
        ConnectedNetworkAdapters,
        ConnectionsRepository,
        ConnectionCalls,
        ConnectionsService,
        ShareVerificationsRepository,
        ShareVerifications,
        SharePostsRepository,
        SharePosts,
        ...(options.workers ? [ConnectionsProcessor, FollowerRefreshSchedule] : []),
      ],
      exports: [ShareVerifications, ConnectedNetworkAdapters],
    };
  }
}
