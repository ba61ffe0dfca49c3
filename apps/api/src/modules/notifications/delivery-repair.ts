import { Injectable } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';

/**
 * Repairs deliveries whose send job was lost and marks as failed those a dead worker left half-sent
 * (rather than risk sending them twice). By the database's clock, not the tick's (tests tick at
 * chosen times).
 */
@Injectable()
export class DeliveryRepair {
  constructor(private readonly deliveries: NotificationsRepository) {}

  /**
   * Queued rows whose job may be lost are to be queued again (a job id per row keeps one job); rows
   * a dead worker left `sending` for 10 minutes are marked failed, not sent again.
   */
  async repair(): Promise<{ requeue: string[]; interrupted: number }> {
    const requeue = await this.deliveries.pickStale();
    const interrupted = await this.deliveries.failInterrupted();
    return { requeue, interrupted };
  }
}
