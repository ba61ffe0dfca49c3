import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MemberKind } from '../../members/entities/member.entity';
import { audienceCondition } from '../../sharing/feed/pack-audience';
import type { TrainingContent } from '../../training/training-content';
import type { PackAlertFrequency } from '../entities/notification-preference.entity';
import type { OrgClock } from './email-planner';

export interface AlertQuery {
  readonly organisationId: string;
  readonly frequency: PackAlertFrequency;
  readonly from: Date;
  readonly to: Date;
  readonly now: Date;
  /** `pack_alert:<frequency>:` for a digest, null for `immediately` (one key per pack). */
  readonly keyPrefix: string | null;
  /** The digest's period in its dedupe key. */
  readonly key: string;
  readonly enabledNetworks: readonly NetworkId[];
  readonly defaultLocale: string;
}

export interface AlertRow {
  memberId: string;
  email: string;
  name: string;
  locale: string;
  packId: string;
  title: string;
  summary: string;
}

export interface ReminderAdvocate {
  id: string;
  email: string;
  name: string;
  locale: string;
  kind: MemberKind;
  teamId: string | null;
}

export interface SummaryLeader {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/** What the e-mail planners read: each organisation's clock and who is due which message. */
@Injectable()
export class PlannersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every organisation's local clock at `now`, with its digest cuts at `digestHour`. */
  clocks(now: Date, digestHour: number): Promise<OrgClock[]> {
    return this.dataSource.query(
      `SELECT o.id, o.name, o.default_locale AS "defaultLocale", o.settings,
              to_char($1::timestamptz AT TIME ZONE o.timezone, 'YYYY-MM-DD') AS "localDate",
              extract(hour FROM $1::timestamptz AT TIME ZONE o.timezone)::int AS "localHour",
              extract(isodow FROM $1::timestamptz AT TIME ZONE o.timezone)::int AS "isoDow",
              to_char($1::timestamptz AT TIME ZONE o.timezone, 'IYYY-"W"IW') AS "isoWeek",
              (date_trunc('day', $1::timestamptz AT TIME ZONE o.timezone) + make_interval(hours => $2::int))
                AT TIME ZONE o.timezone AS "todayCut",
              (date_trunc('day', $1::timestamptz AT TIME ZONE o.timezone) - interval '1 day' + make_interval(hours => $2::int))
                AT TIME ZONE o.timezone AS "dayBeforeCut",
              (date_trunc('day', $1::timestamptz AT TIME ZONE o.timezone) - interval '7 days' + make_interval(hours => $2::int))
                AT TIME ZONE o.timezone AS "weekBeforeCut"
         FROM organisations o
        ORDER BY o.id`,
      [now.toISOString(), digestHour],
    );
  }

  /** Members who asked for this frequency × the new packs of their audience, not yet e-mailed. */
  alertRows(query: AlertQuery): Promise<AlertRow[]> {
    return this.dataSource.query(
      `SELECT m.id AS "memberId", m.email, m.name, m.locale, p.id AS "packId", p.title, p.summary
         FROM members m
         LEFT JOIN notification_preferences np ON np.member_id = m.id
         JOIN packs p ON p.organisation_id = m.organisation_id
        WHERE m.organisation_id = $1 AND m.status = 'active' AND 'advocate' = ANY (m.roles)
          AND coalesce(np.pack_alerts, 'daily') = $2
          AND p.status = 'published' AND (p.expire_at IS NULL OR p.expire_at > $5)
          AND p.published_at >= $3 AND p.published_at < $4
          AND ${audienceCondition({ kind: 'm.kind', teamId: 'm.team_id', locale: 'm.locale' })}
          -- Something the member can share from it, as the feed decides (their locale, else the default).
          AND EXISTS (SELECT 1 FROM pack_variants v
                       WHERE v.pack_id = p.id AND v.network = ANY ($8::text[])
                         AND v.locale IN (m.locale, $9))
          AND NOT EXISTS (
                SELECT 1 FROM notification_deliveries d
                 WHERE d.dedupe_key = CASE WHEN $6::text IS NULL
                                           THEN 'pack_alert:immediately:' || m.id || ':' || p.id
                                           ELSE $6 || m.id || ':' || $7 END)
        ORDER BY m.id, p.published_at DESC, p.id`,
      [
        query.organisationId,
        query.frequency,
        query.from,
        query.to,
        query.now,
        query.keyPrefix,
        query.key,
        query.enabledNetworks,
        query.defaultLocale,
      ],
    );
  }

  /** The networks each of these packs has a variant on (any locale). */
  packNetworks(packIds: readonly string[]): Promise<{ packId: string; network: NetworkId }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT pack_id AS "packId", network FROM pack_variants WHERE pack_id = ANY ($1)`,
      [packIds],
    );
  }

  /** The organisation's active advocates who keep training reminders on. */
  reminderAdvocates(organisationId: string): Promise<ReminderAdvocate[]> {
    return this.dataSource.query(
      `SELECT m.id, m.email, m.name, m.locale, m.kind, m.team_id AS "teamId" FROM members m
         LEFT JOIN notification_preferences np ON np.member_id = m.id
        WHERE m.organisation_id = $1 AND m.status = 'active' AND 'advocate' = ANY (m.roles)
          AND coalesce(np.training_reminders, true)
        ORDER BY m.id`,
      [organisationId],
    );
  }

  /** The organisation's training modules that have a published version. */
  publishedModules(organisationId: string): Promise<{ id: string; published: TrainingContent | null }[]> {
    return this.dataSource.query(
      `SELECT id, published FROM training_modules WHERE organisation_id = $1 AND published IS NOT NULL`,
      [organisationId],
    );
  }

  /** The organisation's active leaders who keep the weekly summary on and have not had this week's. */
  summaryLeaders(organisationId: string, isoWeek: string): Promise<SummaryLeader[]> {
    return this.dataSource.query(
      `SELECT m.id, m.email, m.name, m.locale FROM members m
         LEFT JOIN notification_preferences np ON np.member_id = m.id
        WHERE m.organisation_id = $1 AND m.status = 'active' AND 'leader' = ANY (m.roles)
          AND coalesce(np.weekly_summary, true)
          AND NOT EXISTS (SELECT 1 FROM notification_deliveries d
                           WHERE d.dedupe_key = 'weekly_summary:' || m.id || ':' || $2)
        ORDER BY m.id`,
      [organisationId, isoWeek],
    );
  }
}
