import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../infra/http/app-error';
import { HttpStatus } from '@nestjs/common';
import type { Caller } from '../../infra/http/caller';
import type {
  NotificationPreferencesDto,
  UnsubscribePreviewDto,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { DEFAULT_PREFERENCES, NotificationPreference } from './entities/notification-preference.entity';
import { UnsubscribeTokens, type UnsubscribeTopic } from './unsubscribe-token';

export class UnsubscribeTokenError extends AppError {
  constructor(reason: 'invalid' | 'expired') {
    super(
      HttpStatus.BAD_REQUEST,
      `unsubscribe.${reason}_token`,
      'Invalid unsubscribe link',
      reason === 'expired'
        ? 'This unsubscribe link has expired. Sign in and change your e-mail preferences on your profile.'
        : 'This unsubscribe link is not valid. Copy the whole link from the e-mail, or sign in and change your preferences.',
      [{ field: 'token', code: `unsubscribe.${reason}_token`, message: 'The token is not valid.' }],
    );
  }
}

const OFF: Readonly<Record<UnsubscribeTopic, Partial<NotificationPreferencesDto>>> = {
  pack_alerts: { packAlerts: 'off' },
  training_reminders: { trainingReminders: false },
  weekly_summary: { weeklySummary: false },
  all: { packAlerts: 'off', trainingReminders: false, weeklySummary: false },
};

/** What a member receives by e-mail: their choice on the profile page, or an unsubscribe link's. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async get(
    organisationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NotificationPreferencesDto> {
    const row = await manager.getRepository(NotificationPreference).findOneBy({ organisationId, memberId });
    return toDto(row);
  }

  update(caller: Caller, change: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.write(caller.organisationId, caller.memberId, change);
  }

  /** What the link would turn off, without changing anything (link scanners open links too). */
  async preview(token: string): Promise<UnsubscribePreviewDto> {
    const { memberId, topic, member } = await this.checked(token);
    return {
      topic,
      organisationName: member.organisationName,
      preferences: await this.get(member.organisationId, memberId),
    };
  }

  /** One-click unsubscribe (RFC 8058): turns the link's topic off, without signing in. */
  async unsubscribe(token: string): Promise<UnsubscribePreviewDto> {
    const { memberId, topic, member } = await this.checked(token);
    const preferences = await this.write(member.organisationId, memberId, OFF[topic]);
    return { topic, organisationName: member.organisationName, preferences };
  }

  /** The token's member and topic; a member erased or gone makes the link invalid. */
  private async checked(token: string): Promise<{
    memberId: string;
    topic: UnsubscribeTopic;
    member: { organisationId: string; organisationName: string };
  }> {
    const check = this.tokens.check(token);
    if (!check.ok) throw new UnsubscribeTokenError(check.reason);
    const rows: { organisationId: string; organisationName: string }[] = await this.dataSource.query(
      `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName"
         FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.id = $1 AND m.email <> 'erased-' || m.id || '@invalid'`,
      [check.memberId],
    );
    const member = rows[0];
    if (!member) throw new UnsubscribeTokenError('invalid');
    return { memberId: check.memberId, topic: check.topic, member };
  }

  /** One statement: fields left out keep their value, even when another change lands at once. */
  private async write(
    organisationId: string,
    memberId: string,
    change: Partial<NotificationPreferencesDto>,
  ): Promise<NotificationPreferencesDto> {
    const rows: NotificationPreference[] = await this.dataSource.manager.query(
      `INSERT INTO notification_preferences AS p (member_id, organisation_id, pack_alerts, training_reminders, weekly_summary)
       VALUES ($1, $2, coalesce($3::text, $6::text), coalesce($4::boolean, $7::boolean), coalesce($5::boolean, $8::boolean))
       ON CONFLICT (member_id) DO UPDATE
          SET pack_alerts = coalesce($3::text, p.pack_alerts),
              training_reminders = coalesce($4::boolean, p.training_reminders),
              weekly_summary = coalesce($5::boolean, p.weekly_summary),
              updated_at = now()
       RETURNING pack_alerts AS "packAlerts", training_reminders AS "trainingReminders", weekly_summary AS "weeklySummary"`,
      [
        memberId,
        organisationId,
        change.packAlerts ?? null,
        change.trainingReminders ?? null,
        change.weeklySummary ?? null,
        DEFAULT_PREFERENCES.packAlerts,
        DEFAULT_PREFERENCES.trainingReminders,
        DEFAULT_PREFERENCES.weeklySummary,
      ],
    );
    return toDto(rows[0] ?? null);
  }
}

function toDto(row: NotificationPreference | null): NotificationPreferencesDto {
  return {
    packAlerts: row?.packAlerts ?? DEFAULT_PREFERENCES.packAlerts,
    trainingReminders: row?.trainingReminders ?? DEFAULT_PREFERENCES.trainingReminders,
    weeklySummary: row?.weeklySummary ?? DEFAULT_PREFERENCES.weeklySummary,
  };
}
