import { BullModule, InjectQueue } from '@nestjs/bullmq';
import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { QueueName } from '../../infra/queue/queue-name';
import { InsightsModule } from '../insights/insights.module';
import { TrainingApiModule } from '../training/training.module';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRepair } from './delivery-repair';
import { DeliverySender } from './delivery-sender';
import { NOTIFY_TICK_JOB } from './jobs/notification-jobs';
import { NotificationsProcessor } from './jobs/notifications.processor';
import { MailTransport } from './mail-transport';
import { NotificationScheduler } from './notification-scheduler';
import {
  DeliveriesController,
  NotificationPreferencesController,
  UnsubscribeController,
} from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PackAlertsPlanner } from './planners/pack-alerts.planner';
import { PlannersRepository } from './planners/planners.repository';
import { TrainingRemindersPlanner } from './planners/training-reminders.planner';
import { WeeklySummaryPlanner } from './planners/weekly-summary.planner';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';
import { PACK_REVIEW_ALERTS } from '../packs/pack-review-alerts';
import { ReviewAlerts } from './review-alerts';
import { UnsubscribeTokens } from './unsubscribe-token';
import { WEBHOOK_FAILURE_ALERTS } from '../webhooks/webhook-failure-alerts';
import { WebhookFailureMails } from './webhook-failure-mails';

@Injectable()
class NotificationTickSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NOTIFICATION_TICK_SECONDS === 0) {
      await this.queue.removeJobScheduler(NOTIFY_TICK_JOB);
      return;
    }
    await this.queue.upsertJobScheduler(
      NOTIFY_TICK_JOB,
      { every: this.config.NOTIFICATION_TICK_SECONDS * 1000 },
      { name: NOTIFY_TICK_JOB, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}

/**
 * E-mail: invitations, pack alerts and digests, training reminders and weekly summaries, sent over
 * SMTP or into the local outbox, with preferences and one-click unsubscribe. Global, so any module
 * can queue a message with `NotificationsService`.
 */
@Global()
@Module({})
export class NotificationsModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        BullModule.registerQueue({ name: QueueName.Notifications }),
        TrainingApiModule,
        InsightsModule,
      ],
      controllers: [NotificationPreferencesController, UnsubscribeController, DeliveriesController],
      providers: [
        NotificationsService,
        NotificationsRepository,
        PreferencesRepository,
        PlannersRepository,
        MailTransport,
        UnsubscribeTokens,
        PreferencesService,
        ReviewAlerts,
        { provide: PACK_REVIEW_ALERTS, useExisting: ReviewAlerts },
        WebhookFailureMails,
        { provide: WEBHOOK_FAILURE_ALERTS, useExisting: WebhookFailureMails },
        DeliveriesService,
        DeliveriesRepository,
        DeliverySender,
        PackAlertsPlanner,
        TrainingRemindersPlanner,
        WeeklySummaryPlanner,
        DeliveryRepair,
        NotificationScheduler,
        ...(options.workers ? [NotificationsProcessor, NotificationTickSchedule] : []),
      ],
      exports: [
        NotificationsService,
        MailTransport,
        UnsubscribeTokens,
        NotificationScheduler,
        PreferencesService,
        PACK_REVIEW_ALERTS,
        WEBHOOK_FAILURE_ALERTS,
      ],
    };
  }
}
