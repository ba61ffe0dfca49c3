import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { DeliveryRepair } from './delivery-repair';
import { NotificationsService, type QueuedEmail } from './notifications.service';
import type { EmailPlanner, OrgClock } from './planners/email-planner';
import { PackAlertsPlanner } from './planners/pack-alerts.planner';
import { PlannersRepository } from './planners/planners.repository';
import { TrainingRemindersPlanner } from './planners/training-reminders.planner';
import { WeeklySummaryPlanner } from './planners/weekly-summary.planner';

export interface TickResult {
  readonly queued: number;
  readonly requeued: number;
  readonly interrupted: number;
}

/**
 * Decides, once a minute, which e-mails are due — each planner for its kind, per organisation at
 * its local time — and queues each once (its dedupe key). Then repairs deliveries whose send job
 * was lost or whose worker died while sending.
 */
@Injectable()
export class NotificationScheduler {
  private readonly planners: readonly EmailPlanner[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlannersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly repairs: DeliveryRepair,
    packAlerts: PackAlertsPlanner,
    trainingReminders: TrainingRemindersPlanner,
    weeklySummaries: WeeklySummaryPlanner,
  ) {
    this.planners = [packAlerts, trainingReminders, weeklySummaries];
  }

  async tick(now: Date = new Date()): Promise<TickResult> {
    const clocks = await this.clocks(now);
    const emails: QueuedEmail[] = [];
    for (const clock of clocks)
      for (const planner of this.planners) emails.push(...(await planner.plan(clock, now)));
    const ids = await this.dataSource.transaction(async (manager) => {
      const queued: (string | null)[] = [];
      for (const email of emails) queued.push(await this.notifications.enqueue(manager, email));
      return queued;
    });
    for (const planner of this.planners) planner.committed?.(clocks);
    const repaired = await this.repairs.repair();
    await this.notifications.dispatch(ids);
    await this.notifications.requeue(repaired.requeue);
    return {
      queued: ids.filter((id) => id !== null).length,
      requeued: repaired.requeue.length,
      interrupted: repaired.interrupted,
    };
  }

  private clocks(now: Date): Promise<OrgClock[]> {
    return this.plans.clocks(now, this.config.DIGEST_HOUR);
  }
}
