import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SubscriptionRow {
  readonly id: string;
  readonly endpoint: string;
  readonly browser: string | null;
  readonly system: string | null;
  readonly enabled: boolean;
  readonly sessionId: string;
  readonly createdAt: Date;
  readonly lastSentAt: Date | null;
}

/** What the sender needs of one subscription, and whether its session is still open. */
export interface SendableRow {
  readonly id: string;
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
  readonly enabled: boolean;
  readonly sessionOpen: boolean;
}

export interface PushAudience {
  readonly subscriptionIds: readonly string[];
  readonly timeZone: string;
  readonly quietHoursStart: string | null;
  readonly quietHoursEnd: string | null;
}

const COLUMNS = `p.id, p.endpoint, se.browser, se.system, p.enabled, p.session_id AS "sessionId",
                 p.created_at AS "createdAt", p.last_sent_at AS "lastSentAt"`;
const SESSION_OPEN = `se.revoked_at IS NULL AND se.expires_at > now()`;

/** Push subscriptions: a member's devices, and who is sent what. */
@Injectable()
export class PushRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes the member's subscriptions whose session has ended (signed out, revoked, expired). */
  async deleteEnded(memberId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM push_subscriptions p USING sessions se
        WHERE p.session_id = se.id AND p.member_id = $1 AND NOT (${SESSION_OPEN})`,
      [memberId],
    );
  }

  list(organisationId: string, memberId: string): Promise<SubscriptionRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM push_subscriptions p JOIN sessions se ON se.id = p.session_id
        WHERE p.organisation_id = $1 AND p.member_id = $2 ORDER BY p.created_at, p.id`,
      [organisationId, memberId],
    );
  }

  /** One statement: the same browser subscribing again takes the new keys and this session, and is on. */
  async upsert(
    organisationId: string,
    memberId: string,
    sessionId: string,
    subscription: { endpoint: string; p256dh: string; auth: string },
  ): Promise<SubscriptionRow> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `WITH saved AS (
         INSERT INTO push_subscriptions AS p (organisation_id, member_id, session_id, endpoint, p256dh, auth)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (member_id, endpoint) DO UPDATE
            SET session_id = excluded.session_id, p256dh = excluded.p256dh, auth = excluded.auth, enabled = true
         RETURNING p.*)
       SELECT ${COLUMNS} FROM saved p JOIN sessions se ON se.id = p.session_id`,
      [organisationId, memberId, sessionId, subscription.endpoint, subscription.p256dh, subscription.auth],
    );
    const [row] = rows;
    if (!row) throw new Error('the push subscription was not saved');
    return row;
  }

  async setEnabled(
    organisationId: string,
    memberId: string,
    id: string,
    enabled: boolean,
  ): Promise<SubscriptionRow | null> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `WITH saved AS (
         UPDATE push_subscriptions p SET enabled = $4
          WHERE p.id = $3 AND p.organisation_id = $1 AND p.member_id = $2 RETURNING p.*)
       SELECT ${COLUMNS} FROM saved p JOIN sessions se ON se.id = p.session_id`,
      [organisationId, memberId, id, enabled],
    );
    return rows[0] ?? null;
  }

  async delete(organisationId: string, memberId: string, id: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM push_subscriptions WHERE id = $3 AND organisation_id = $1 AND member_id = $2`,
      [organisationId, memberId, id],
    )) as [unknown, number];
    return count > 0;
  }

  /** Deletes one subscription whatever its owner (the push service says it is gone). */
  async deleteById(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM push_subscriptions WHERE id = $1`, [id]);
  }

  async sendable(id: string): Promise<SendableRow | null> {
    const rows: SendableRow[] = await this.dataSource.query(
      `SELECT p.id, p.endpoint, p.p256dh, p.auth, p.enabled, (${SESSION_OPEN}) AS "sessionOpen"
         FROM push_subscriptions p JOIN sessions se ON se.id = p.session_id WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE push_subscriptions SET last_sent_at = now() WHERE id = $1`, [id]);
  }

  /** The member's devices that get messages, and the quiet hours in the member's (or organisation's) zone. */
  async audience(memberId: string): Promise<PushAudience | null> {
    await this.deleteEnded(memberId);
    const rows: (Omit<PushAudience, 'subscriptionIds'> & { subscriptionIds: string[] | null })[] =
      await this.dataSource.query(
        `SELECT coalesce(m.time_zone, o.timezone) AS "timeZone", m.quiet_hours_start AS "quietHoursStart",
                m.quiet_hours_end AS "quietHoursEnd",
                (SELECT array_agg(p.id ORDER BY p.created_at) FROM push_subscriptions p
                  WHERE p.member_id = m.id AND p.enabled) AS "subscriptionIds"
           FROM members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.id = $1 AND m.status = 'active'`,
        [memberId],
      );
    const row = rows[0];
    return row ? { ...row, subscriptionIds: row.subscriptionIds ?? [] } : null;
  }

  async settings(
    organisationId: string,
    memberId: string,
  ): Promise<{
    timeZone: string | null;
    organisationTimeZone: string;
    quietHoursStart: string | null;
    quietHoursEnd: string | null;
  }> {
    const rows = await this.dataSource.query(
      `SELECT m.time_zone AS "timeZone", o.timezone AS "organisationTimeZone",
              m.quiet_hours_start AS "quietHoursStart", m.quiet_hours_end AS "quietHoursEnd"
         FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.id = $2 AND m.organisation_id = $1`,
      [organisationId, memberId],
    );
    return rows[0];
  }

  /** One statement: fields left out (undefined) keep their value; null clears one. */
  async updateSettings(
    organisationId: string,
    memberId: string,
    change: { timeZone?: string | null; quietHoursStart?: string | null; quietHoursEnd?: string | null },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE members SET
          time_zone = CASE WHEN $3 THEN $4::text ELSE time_zone END,
          quiet_hours_start = CASE WHEN $5 THEN $6::text ELSE quiet_hours_start END,
          quiet_hours_end = CASE WHEN $7 THEN $8::text ELSE quiet_hours_end END
        WHERE id = $2 AND organisation_id = $1`,
      [
        organisationId,
        memberId,
        change.timeZone !== undefined,
        change.timeZone ?? null,
        change.quietHoursStart !== undefined,
        change.quietHoursStart ?? null,
        change.quietHoursEnd !== undefined,
        change.quietHoursEnd ?? null,
      ],
    );
  }
}
