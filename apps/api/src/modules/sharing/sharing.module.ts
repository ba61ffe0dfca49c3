import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../infra/queue/queue-name';
import { AuditModule } from '../audit/audit.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TrainingApiModule } from '../training/training.module';
import { ClickIngestor } from './clicks/click-ingestor';
import { ClickPartitions } from './clicks/click-partitions';
import { ClickRetention } from './clicks/click-retention';
import { ClickRetentionRepository } from './clicks/click-retention.repository';
import { ClickRecorder } from './clicks/click-recorder';
import { ClickWorker } from './clicks/click-worker';
import { ClickRepository } from './clicks/click.repository';
import { ClickMaintenanceProcessor } from './jobs/click-maintenance.processor';
import { DROP_EXPIRED_CLICKS_JOB } from './jobs/drop-expired-clicks.job';
import { ENSURE_CLICK_PARTITIONS_JOB } from './jobs/ensure-click-partitions.job';
import { FeedController } from './feed/feed.controller';
import { FeedRepository } from './feed/feed.repository';
import { FeedService } from './feed/feed.service';
import { MySharesController } from './my-shares.controller';
import { MySharesRepository } from './my-shares.repository';
import { MySharesService } from './my-shares.service';
import { RedirectCache } from './redirect/redirect-cache';
import { RedirectListener } from './redirect/redirect-listener';
import { RedirectController } from './redirect/redirect.controller';
import { RedirectHandler } from './redirect/redirect.handler';
import { RedirectRepository } from './redirect/redirect.repository';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';
import { ShareCodeService } from './share-code.service';
import { ShareController } from './share/share.controller';
import { ShareRepository } from './share/share.repository';
import { ShareService } from './share/share.service';
import { SharingMetrics } from './sharing-metrics';
import { ShareReservationController } from './reservation/share-reservation.controller';
import { ShareReservationRepository } from './reservation/share-reservation.repository';
import { ShareReservationService } from './reservation/share-reservation.service';

@Injectable()
class ClickPartitionSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.ClickMaintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // Daily, and once now: a deployment that was down over a month's turn catches up at start.
    await this.queue.upsertJobScheduler(
      ENSURE_CLICK_PARTITIONS_JOB,
      { pattern: '41 2 * * *' },
      { name: ENSURE_CLICK_PARTITIONS_JOB, data: {} },
    );
    await this.queue.add(ENSURE_CLICK_PARTITIONS_JOB, {}, { removeOnComplete: true, removeOnFail: 100 });
    // Daily, after the partitions: months past CLICK_RETENTION_MONTHS, checked and dropped (ClickRetention).
    await this.queue.upsertJobScheduler(
      DROP_EXPIRED_CLICKS_JOB,
      { pattern: '17 3 * * *' },
      { name: DROP_EXPIRED_CLICKS_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}

/**
 * Shares, tracked links and click counting. The redirect (`/r/:code`) and the click recorder run in
 * every API process (the redirect also on REDIRECT_PORT when it is set, see `RedirectListener`); the click worker and the partition and retention jobs only where workers run.
 */
@Module({})
export class SharingModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: SharingModule,
      imports: [
        AuditModule,
        OrganisationsModule,
        TrainingApiModule,
        BullModule.registerQueue({ name: QueueName.ClickMaintenance }),
      ],
      controllers: [
        RedirectController,
        MySharesController,
        FeedController,
        ShareReservationController,
        ShareController,
      ],
      providers: [
        ShareRepository,
        ShareCodeService,
        RollupRepository,
        RollupService,
        RedirectRepository,
        RedirectCache,
        RedirectHandler,
        RedirectListener,
        ClickRecorder,
        ClickRepository,
        ClickIngestor,
        ClickPartitions,
        ClickRetention,
        ClickRetentionRepository,
        MySharesRepository,
        MySharesService,
        FeedRepository,
        FeedService,
        ShareService,
        ShareReservationRepository,
        ShareReservationService,
        SharingMetrics,
        ...(options.workers ? [ClickWorker, ClickMaintenanceProcessor, ClickPartitionSchedule] : []),
      ],
      exports: [
        ShareCodeService,
        RollupService,
        RedirectCache,
        RedirectHandler,
        RedirectListener,
        ClickRecorder,
        ClickIngestor,
        ClickPartitions,
        ClickRetention,
      ],
    };
  }
}
