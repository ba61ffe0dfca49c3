import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationPreferencesDto } from './dto/notifications.dto';
import { DEFAULT_PREFERENCES, NotificationPreference } from './entities/notification-preference.entity';

/** A member's e-mail preferences, and the member an unsubscribe link names. */
@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(
    organisationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NotificationPreference | null> {
    return manager.getRepository(NotificationPreference).findOneBy({ organisationId, memberId });
  }

  /** The member's organisation and its name; null for a member erased or gone. */
  async unsubscribingMember(
    memberId: string,
  ): Promise<{ organisationId: string; organisationName: string } | null> {
    const rows: { organisationId: string; organisationName: string }[] = await this.dataSource.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName"
         FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.id = $1 AND m.email <> 'erased-' || m.id || '@invalid'`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  /** One statement: fields left out keep their value, even when another change lands at once. */
  async upsert(
    organisationId: string,
    memberId: string,
    change: Partial<NotificationPreferencesDto>,
  ): Promise<NotificationPreference | null> {
    const rows: NotificationPreference[] = await this.dataSource.manager.query(
      `INSERT INTO notification_preferences AS p (member_id, organisation_id, pack_alerts, training_reminders, weekly_summary, review_alerts)
       VALUES ($1, $2, coalesce($3::text, $6::text), coalesce($4::boolean, $7::boolean), coalesce($5::boolean, $8::boolean),
               coalesce($9::boolean, $10::boolean))
       ON CONFLICT (member_id) DO UPDATE
          SET pack_alerts = coalesce($3::text, p.pack_alerts),
              training_reminders = coalesce($4::boolean, p.training_reminders),
              weekly_summary = coalesce($5::boolean, p.weekly_summary),
              review_alerts = coalesce($9::boolean, p.review_alerts),
              updated_at = now()
       RETURNING pack_alerts AS "packAlerts", training_reminders AS "trainingReminders", weekly_summary AS "weeklySummary",
                 review_alerts AS "reviewAlerts"`,
      [
        memberId,
        organisationId,
        change.packAlerts ?? null,
        change.trainingReminders ?? null,
        change.weeklySummary ?? null,
        DEFAULT_PREFERENCES.packAlerts,
        DEFAULT_PREFERENCES.trainingReminders,
        DEFAULT_PREFERENCES.weeklySummary,
        change.reviewAlerts ?? null,
        DEFAULT_PREFERENCES.reviewAlerts,
      ],
    );
    return rows[0] ?? null;
  }
}
