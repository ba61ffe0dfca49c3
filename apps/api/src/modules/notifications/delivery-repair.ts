import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Repairs deliveries whose send job was lost and marks as failed those a dead worker left half-sent
 * (rather than risk sending them twice). By the database's clock, not the tick's (tests tick at
 * chosen times).
 */
@Injectable()
export class DeliveryRepair {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Queued rows whose job may be lost are to be queued again (a job id per row keeps one job); rows
   * a dead worker left `sending` for 10 minutes are marked failed, not sent again.
   */
  async repair(): Promise<{ requeue: string[]; interrupted: number }> {
    // Touched as they are picked, so the same rows do not crowd the next ticks.
    const [stale] = (await this.dataSource.query(
      `UPDATE notification_deliveries SET updated_at = now()
        WHERE id IN (SELECT id FROM notification_deliveries
                      WHERE (status = 'queued' AND updated_at < now() - interval '2 minutes')
                         OR (status = 'retrying' AND updated_at < now() - interval '6 hours')
                      ORDER BY updated_at LIMIT 500)
        RETURNING id`,
    )) as [{ id: string }[], number];
    const [, interrupted] = (await this.dataSource.query(
      `UPDATE notification_deliveries
          SET status = 'failed', updated_at = now(),
              last_error = 'The worker stopped while sending; not sent again, so it cannot arrive twice.'
        WHERE status = 'sending' AND updated_at < now() - interval '10 minutes'`,
    )) as [unknown, number];
    return { requeue: stale.map((row) => row.id), interrupted };
  }
}
