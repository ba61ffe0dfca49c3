import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../infra/http/app-error';
import {
  assertCursorInstant,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  type Page,
  toPage,
} from '../../infra/http/keyset-page';
import type { DeliveryDto, ListDeliveriesQueryDto } from './dto/notifications.dto';
import type { DeliveryStatus } from './entities/notification-delivery.entity';
import { MailTransport, type OutboxPreview } from './mail-transport';

const messageNotFound = () =>
  new NotFoundError('notification.message_not_found', 'No such message in the outbox.');
import type { EmailKind } from '@heimo/content';

interface DeliveryRow {
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
  cursorAt: string;
}

/** The delivery log and, with no SMTP server, the local outbox: for admins of the organisation. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
  ) {}

  async list(organisationId: string, query: ListDeliveriesQueryDto): Promise<Page<DeliveryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [organisationId, limit + 1, query.status ?? null];
    let after = '';
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
      assertCursorInstant(at);
      params.push(at, id);
      after = 'AND (created_at, id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, kind, recipient, member_id AS "memberId", subject, status, attempts, last_error AS "lastError",
              outbox_file AS "outboxFile", created_at AS "createdAt", sent_at AS "sentAt",
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
         FROM notification_deliveries
        WHERE organisation_id = $1 AND ($3::text IS NULL OR status = $3) ${after}
        ORDER BY created_at DESC, id DESC
        LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (row) => [row.cursorAt, row.id],
      (row) => ({
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        memberId: row.memberId,
        subject: row.subject,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        inOutbox: row.outboxFile !== null,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
      }),
    );
  }

  /** The raw message (RFC 822) of a delivery in the local outbox. */
  async message(organisationId: string, deliveryId: string): Promise<Buffer> {
    const file = await this.outboxFile(organisationId, deliveryId);
    const raw = file ? await this.transport.readOutbox(file) : null;
    if (!raw) throw messageNotFound();
    return raw;
  }

  /** Subject, addresses and both parts of a delivery in the local outbox. */
  async preview(organisationId: string, deliveryId: string): Promise<OutboxPreview> {
    const file = await this.outboxFile(organisationId, deliveryId);
    const preview = file ? await this.transport.readPreview(file) : null;
    if (!preview) throw messageNotFound();
    return preview;
  }

  private async outboxFile(organisationId: string, deliveryId: string): Promise<string | null> {
    const rows: { outboxFile: string | null }[] = await this.dataSource.query(
      `SELECT outbox_file AS "outboxFile" FROM notification_deliveries WHERE organisation_id = $1 AND id = $2`,
      [organisationId, deliveryId],
    );
    return rows[0]?.outboxFile ?? null;
  }
}
