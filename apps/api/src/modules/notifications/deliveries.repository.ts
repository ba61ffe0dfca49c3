import type { EmailKind } from '@heimo/content';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromSql,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import type { DeliveryStatus } from './entities/notification-delivery.entity';

export interface DeliveryRow {
  id: string;
  kind: EmailKind;
  recipient: string;
  memberId: string | null;
  subject: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  outboxFile: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const NEWEST_FIRST: KeysetOrder = { column: 'created_at', kind: 'instant', id: 'id', direction: 'DESC' };

/** The organisation's delivery log, as admins read it. */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId: string, status: DeliveryStatus | null, page: PageRequest): Promise<Page<DeliveryRow>> {
    const params: unknown[] = [organisationId, status];
    return keysetPageFromSql(
      NEWEST_FIRST,
      page,
      (_name, value) => `$${params.push(value)}`,
      (keyset) =>
        this.dataSource.query(
          `SELECT id, kind, recipient, member_id AS "memberId", subject, status, attempts, last_error AS "lastError",
                  outbox_file AS "outboxFile", created_at AS "createdAt", sent_at AS "sentAt", ${keyset.select}
             FROM notification_deliveries
            WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2) AND ${keyset.after}
            ORDER BY ${keyset.orderBy}
            LIMIT ${keyset.limit}`,
          params,
        ),
      (row: DeliveryRow) => row,
    );
  }

  /** The outbox file of the organisation's delivery; null when there is none (or no such delivery). */
  async outboxFile(organisationId: string, deliveryId: string): Promise<string | null> {
    const rows: { outboxFile: string | null }[] = await this.dataSource.query(
      `SELECT outbox_file AS "outboxFile" FROM notification_deliveries WHERE organisation_id = $1 AND id = $2`,
      [organisationId, deliveryId],
    );
    return rows[0]?.outboxFile ?? null;
  }
}
