import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WebhookEventType } from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromEntities,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

const OLDEST_FIRST: KeysetOrder = { column: 'e.created_at', kind: 'instant', id: 'e.id', direction: 'ASC' };
const NEWEST_FIRST: KeysetOrder = { column: 'd.created_at', kind: 'instant', id: 'd.id', direction: 'DESC' };

/** What one attempt leaves on a delivery. */
export interface AttemptRecord {
  readonly status: WebhookDelivery['status'];
  readonly responseStatus: number | null;
  readonly durationMs: number;
  readonly responseExcerpt: string | null;
  readonly errorCode: string | null;
  readonly at: Date;
}

export type NewWebhookDelivery = Pick<
  WebhookDelivery,
  'organisationId' | 'endpointId' | 'messageId' | 'eventType' | 'body'
>;

/** Endpoints and their deliveries; lookups by id for a caller go through the scoped helpers. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listEndpoints(organisationId: string, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    const qb = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.organisation_id = :organisationId', { organisationId });
    return keysetPageFromEntities(qb, OLDEST_FIRST, page, (endpoint) => endpoint);
  }

  listDeliveries(
    organisationId: string,
    endpointId: string,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    const qb = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.organisation_id = :organisationId AND d.endpoint_id = :endpointId', {
        organisationId,
        endpointId,
      });
    return keysetPageFromEntities(qb, NEWEST_FIRST, page, (delivery) => delivery);
  }

  async insertEndpoint(manager: EntityManager, endpoint: Partial<WebhookEndpoint>): Promise<WebhookEndpoint> {
    const repo = manager.getRepository(WebhookEndpoint);
    return repo.save(repo.create(endpoint));
  }

  saveEndpoint(manager: EntityManager, endpoint: WebhookEndpoint): Promise<WebhookEndpoint> {
    return manager.getRepository(WebhookEndpoint).save(endpoint);
  }

  async deleteEndpoint(manager: EntityManager, organisationId: string, id: string): Promise<boolean> {
    const result = await manager.getRepository(WebhookEndpoint).delete({ organisationId, id });
    return Boolean(result.affected);
  }

  /** The organisation's switched-on endpoints that subscribe to the event. */
  subscribers(
    manager: EntityManager,
    organisationId: string,
    type: WebhookEventType,
  ): Promise<{ id: string }[]> {
    return manager.query(
      `SELECT id FROM webhook_endpoints WHERE organisation_id = $1 AND enabled AND $2 = ANY(events) ORDER BY id`,
      [organisationId, type],
    );
  }

  async insertDeliveries(manager: EntityManager, rows: readonly NewWebhookDelivery[]): Promise<string[]> {
    if (!rows.length) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(WebhookDelivery)
      .values(rows.map((row) => ({ ...row })))
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /** The delivery and its endpoint, for the sender. */
  findForSending(deliveryId: string): Promise<WebhookDelivery | null> {
    return this.dataSource
      .getRepository(WebhookDelivery)
      .findOne({ where: { id: deliveryId }, relations: { endpoint: true } });
  }

  async recordAttempt(deliveryId: string, attempt: AttemptRecord): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = attempts + 1, last_attempt_at = $3, response_status = $4,
              duration_ms = $5, response_excerpt = $6, error_code = $7
        WHERE id = $1`,
      [
        deliveryId,
        attempt.status,
        attempt.at,
        attempt.responseStatus,
        attempt.durationMs,
        attempt.responseExcerpt,
        attempt.errorCode,
      ],
    );
  }

  /** Deliveries never tried whose job went missing: pending, no attempt, older than `before`. */
  async lostDeliveries(before: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
        WHERE d.status = 'pending' AND d.attempts = 0 AND d.created_at < $1
        ORDER BY d.created_at LIMIT $2`,
      [before, limit],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Deletes deliveries created before `before`, a batch at a time; answers how many went. */
  async deleteOlderThan(before: Date, batch: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE created_at < $1 LIMIT $2)`,
      [before, batch],
    )) as [unknown, number];
    return deleted;
  }

  async markFailedUnsent(deliveryId: string, errorCode: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'failed', error_code = $2 WHERE id = $1 AND status <> 'succeeded'`,
      [deliveryId, errorCode],
    );
  }

  async markPending(manager: EntityManager, deliveryId: string): Promise<void> {
    await manager.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1`, [deliveryId]);
  }

  /**
   * Switches the endpoint off for failing, in the caller's transaction. Null when it was off already
   * (another delivery got there first, or an admin): nobody is told twice.
   */
  async disableFailing(
    manager: EntityManager,
    endpointId: string,
    at: Date,
  ): Promise<WebhookEndpoint | null> {
    const [rows] = (await manager.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'failing', disabled_at = $2
        WHERE id = $1 AND enabled RETURNING id`,
      [endpointId, at],
    )) as [{ id: string }[], number];
    if (!rows.length) return null;
    return manager.getRepository(WebhookEndpoint).findOneBy({ id: endpointId });
  }

  /** The organisation's active admins, who hear of a disabled endpoint. */
  admins(
    manager: EntityManager,
    organisationId: string,
  ): Promise<{ id: string; email: string; name: string; locale: string }[]> {
    return manager.query(
      `SELECT id, email, name, locale FROM members
        WHERE organisation_id = $1 AND status = 'active' AND 'admin' = ANY(roles) ORDER BY id`,
      [organisationId],
    );
  }

  async organisationName(manager: EntityManager, organisationId: string): Promise<string> {
    const [row] = (await manager.query(`SELECT name FROM organisations WHERE id = $1`, [organisationId])) as {
      name: string;
    }[];
    return row?.name ?? '';
  }
}
