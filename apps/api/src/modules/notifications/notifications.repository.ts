import type { EmailKind } from '@heimo/content';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationDelivery } from './entities/notification-delivery.entity';

/** A delivery row as written by `enqueue`. */
export interface NewDelivery {
  readonly organisationId: string;
  readonly memberId: string | null;
  readonly kind: EmailKind;
  readonly dedupeKey: string;
  readonly recipient: string;
  readonly locale: string;
  readonly payload: Record<string, unknown>;
}

export interface DeliveryPayload {
  data?: Record<string, unknown>;
  secretKeys?: string[];
}

/** A delivery claimed for sending, with its organisation's name. */
export interface ClaimedDelivery extends Pick<
  NotificationDelivery,
  'id' | 'kind' | 'recipient' | 'locale' | 'memberId' | 'attempts'
> {
  payload: DeliveryPayload;
  organisationName: string;
}

export interface DeliveryOutcome {
  subject?: string;
  lastError?: string;
  messageId?: string;
  outboxFile?: string | null;
  payload?: Record<string, unknown>;
}

/** The life of a `notification_deliveries` row: written, claimed, finished, repaired. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the row in the caller's transaction; its id, or null when the dedupe key exists already. */
  async insert(manager: EntityManager, delivery: NewDelivery): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification_deliveries (organisation_id, member_id, kind, dedupe_key, recipient, locale, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        delivery.organisationId,
        delivery.memberId,
        delivery.kind,
        delivery.dedupeKey,
        delivery.recipient,
        delivery.locale,
        JSON.stringify(delivery.payload),
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Fails the member's invitation e-mails not sent yet (their link is dead), in the caller's transaction. */
  async failPendingInvitations(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE notification_deliveries
          SET status = 'failed', last_error = 'A newer invitation replaced it.', payload = '{}', updated_at = now()
        WHERE organisation_id = $1 AND member_id = $2 AND kind = 'invitation' AND status IN ('queued', 'retrying')`,
      [organisationId, memberId],
    );
  }

  /** `queued`/`retrying` → `sending`, attempts + 1, in one statement; null when not claimable. */
  async claim(deliveryId: string): Promise<ClaimedDelivery | null> {
    const [claimed] = (await this.dataSource.query(
      `UPDATE notification_deliveries d SET status = 'sending', attempts = d.attempts + 1, updated_at = now()
         FROM organisations o
        WHERE d.id = $1 AND d.status IN ('queued', 'retrying') AND o.id = d.organisation_id
        RETURNING d.id, d.kind, d.recipient, d.locale, d.member_id AS "memberId", d.attempts, d.payload, o.name AS "organisationName"`,
      [deliveryId],
    )) as [ClaimedDelivery[], number];
    return claimed[0] ?? null;
  }

  /** Ends a `sending` row with this status; fields left out keep their value. */
  async finish(id: string, status: 'sent' | 'retrying' | 'failed', fields: DeliveryOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries
          SET status = $2, updated_at = now(),
              subject = coalesce($3, subject), last_error = CASE WHEN $2 = 'sent' THEN last_error ELSE $4 END,
              message_id = coalesce($5, message_id), outbox_file = coalesce($6, outbox_file),
              payload = coalesce($7::jsonb, payload), sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
        WHERE id = $1 AND status = 'sending'`,
      [
        id,
        status,
        fields.subject ?? null,
        fields.lastError ?? null,
        fields.messageId ?? null,
        fields.outboxFile ?? null,
        fields.payload ? JSON.stringify(fields.payload) : null,
      ],
    );
  }

  /**
   * Up to 500 rows whose job may be lost (queued for 2 minutes, retrying for 6 hours), touched as
   * they are picked so the same rows do not crowd the next ticks.
   */
  async pickStale(): Promise<string[]> {
    const [stale] = (await this.dataSource.query(
      `UPDATE notification_deliveries SET updated_at = now()
        WHERE id IN (SELECT id FROM notification_deliveries
                      WHERE (status = 'queued' AND updated_at < now() - interval '2 minutes')
                         OR (status = 'retrying' AND updated_at < now() - interval '6 hours')
                      ORDER BY updated_at LIMIT 500)
        RETURNING id`,
    )) as [{ id: string }[], number];
    return stale.map((row) => row.id);
  }

  /** Marks rows left `sending` for 10 minutes failed; how many. */
  async failInterrupted(): Promise<number> {
    const [, interrupted] = (await this.dataSource.query(
      `UPDATE notification_deliveries
          SET status = 'failed', updated_at = now(),
              last_error = 'The worker stopped while sending; not sent again, so it cannot arrive twice.'
        WHERE status = 'sending' AND updated_at < now() - interval '10 minutes'`,
    )) as [unknown, number];
    return interrupted;
  }
}
