import { Injectable } from '@nestjs/common';
import type { Page } from '../../infra/database/keyset';
import { NotFoundError } from '../../infra/http/app-error';
import { DeliveriesRepository, type DeliveryRow } from './deliveries.repository';
import type { DeliveryDto, ListDeliveriesQueryDto } from './dto/notifications.dto';
import { MailTransport, type OutboxPreview } from './mail-transport';

const messageNotFound = () =>
  new NotFoundError('notification.message_not_found', 'No such message in the outbox.');

/** The delivery log and, with no SMTP server, the local outbox: for admins of the organisation. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly transport: MailTransport,
  ) {}

  async list(organisationId: string, query: ListDeliveriesQueryDto): Promise<Page<DeliveryDto>> {
    const page = await this.deliveries.list(organisationId, query.status ?? null, query);
    return { ...page, items: page.items.map(toDeliveryDto) };
  }

  /** The raw message (RFC 822) of a delivery in the local outbox. */
  async message(organisationId: string, deliveryId: string): Promise<Buffer> {
    const file = await this.deliveries.outboxFile(organisationId, deliveryId);
    const raw = file ? await this.transport.readOutbox(file) : null;
    if (!raw) throw messageNotFound();
    return raw;
  }

  /** Subject, addresses and both parts of a delivery in the local outbox. */
  async preview(organisationId: string, deliveryId: string): Promise<OutboxPreview> {
    const file = await this.deliveries.outboxFile(organisationId, deliveryId);
    const preview = file ? await this.transport.readPreview(file) : null;
    if (!preview) throw messageNotFound();
    return preview;
  }
}

function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
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
  };
}
