import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { emailLocale } from '@heimo/content';
import { addDays, findNetwork, type NetworkId } from '@heimo/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { DashboardService } from '../insights/dashboard/dashboard.service';
import type { DashboardDto, KpiDto } from '../insights/dashboard/dto/dashboard.dto';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { audienceCondition } from '../sharing/feed/pack-audience';
import { ReadinessService } from '../training/readiness.service';
import { pickLocale } from '../training/training-content';
import type { TrainingContent } from '../training/training-content';
import type { PackAlertFrequency } from './entities/notification-preference.entity';
import { NotificationsService, type QueuedEmail } from './notifications.service';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** A required module whose pass runs out within this many days is reminded of. */
export const EXPIRY_REMINDER_DAYS = 14;

/** An organisation's clock at the tick. */
interface OrgClock {
  id: string;
  name: string;
  defaultLocale: string;
  settings: unknown;
  localDate: string;
  localHour: number;
  isoDow: number;
  isoWeek: string;
  /** Today at DIGEST_HOUR, local time, as an instant. */
  todayCut: Date;
  /** Yesterday and a week ago at DIGEST_HOUR, local time (not 24 h or 168 h earlier: DST). */
  dayBeforeCut: Date;
  weekBeforeCut: Date;
}

interface AlertRow {
  memberId: string;
  email: string;
  name: string;
  locale: string;
  packId: string;
  title: string;
  summary: string;
}

export interface TickResult {
  readonly queued: number;
  readonly requeued: number;
  readonly interrupted: number;
}

/**
 * Decides, once a minute, which e-mails are due, and queues each once (its dedupe key):
 * - pack alerts: one per new pack for `immediately`; the day's digest once per local day from
 *   DIGEST_HOUR for `daily` (packs published in the 24 hours before today's DIGEST_HOUR); the week's
 *   on Mondays for `weekly`;
 * - training reminders from DIGEST_HOUR: a required module expiring within 14 days, expired, or
 *   outdated, each state of each module version reminded once;
 * - the weekly summary for leaders on Mondays from DIGEST_HOUR.
 * "Local" is the organisation's time zone. It also repairs deliveries whose send job was lost and
 * marks as failed those a dead worker left half-sent (rather than risk sending them twice).
 */
@Injectable()
export class NotificationScheduler {
  /** The local day each organisation's reminders were last looked at by this process (once a day is enough). */
  private readonly remindedOn = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly readiness: ReadinessService,
    private readonly dashboards: DashboardService,
  ) {}

  async tick(now: Date = new Date()): Promise<TickResult> {
    const clocks = await this.clocks(now);
    const emails: QueuedEmail[] = [];
    const reminded: OrgClock[] = [];
    for (const clock of clocks) {
      emails.push(...(await this.packAlerts(clock, now)));
      if (clock.localHour >= this.config.DIGEST_HOUR) {
        if (this.remindedOn.get(clock.id) !== clock.localDate) {
          emails.push(...(await this.trainingReminders(clock, now)));
          reminded.push(clock);
        }
        if (clock.isoDow === 1) emails.push(...(await this.weeklySummaries(clock)));
      }
    }
    const ids = await this.dataSource.transaction(async (manager) => {
      const queued: (string | null)[] = [];
      for (const email of emails) queued.push(await this.notifications.enqueue(manager, email));
      return queued;
    });
    // Only once the reminders are committed: a failed tick looks again next minute.
    for (const clock of reminded) this.remindedOn.set(clock.id, clock.localDate);
    const repaired = await this.repair();
    await this.notifications.dispatch(ids);
    await this.notifications.requeue(repaired.requeue);
    return {
      queued: ids.filter((id) => id !== null).length,
      requeued: repaired.requeue.length,
      interrupted: repaired.interrupted,
    };
  }

  private async clocks(now: Date): Promise<OrgClock[]> {
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
      [now.toISOString(), this.config.DIGEST_HOUR],
    );
  }

  private async packAlerts(clock: OrgClock, now: Date): Promise<QueuedEmail[]> {
    const emails: QueuedEmail[] = [];
    const windows: { frequency: PackAlertFrequency; from: Date; to: Date; key: string }[] = [
      { frequency: 'immediately', from: new Date(now.getTime() - DAY), to: now, key: '' },
    ];
    if (clock.localHour >= this.config.DIGEST_HOUR) {
      windows.push({
        frequency: 'daily',
        from: clock.dayBeforeCut,
        to: clock.todayCut,
        key: clock.localDate,
      });
      if (clock.isoDow === 1)
        windows.push({
          frequency: 'weekly',
          from: clock.weekBeforeCut,
          to: clock.todayCut,
          key: clock.isoWeek,
        });
    }
    for (const window of windows) {
      const rows = await this.alertRows(clock, window, now);
      const byMember = new Map<string, AlertRow[]>();
      for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
      const buttons = await this.shareButtons(clock, [...new Set(rows.map((row) => row.packId))]);
      for (const packs of byMember.values()) {
        const groups = window.frequency === 'immediately' ? packs.map((pack) => [pack]) : [packs];
        for (const group of groups) {
          const [first] = group;
          if (!first) continue;
          const member = first;
          emails.push({
            organisationId: clock.id,
            memberId: member.memberId,
            kind: 'pack_alert',
            dedupeKey:
              window.frequency === 'immediately'
                ? `pack_alert:immediately:${member.memberId}:${first.packId}`
                : `pack_alert:${window.frequency}:${member.memberId}:${window.key}`,
            recipient: member.email,
            locale: member.locale,
            data: {
              name: member.name,
              frequency: window.frequency,
              single: group.length === 1,
              count: group.length,
              firstTitle: first.title,
              packs: group.map((pack) => ({
                title: pack.title,
                summary: pack.summary,
                openUrl: `${this.config.publicUrl}/feed?pack=${pack.packId}`,
                networks: (buttons.get(pack.packId) ?? []).map((network) => ({
                  label: findNetwork(network)?.label ?? network,
                  url: `${this.config.publicUrl}/feed?pack=${pack.packId}&network=${network}`,
                })),
              })),
            },
          });
        }
      }
    }
    return emails;
  }

  /** Members who asked for this frequency × the new packs of their audience, not yet e-mailed. */
  private alertRows(
    clock: OrgClock,
    window: { frequency: PackAlertFrequency; from: Date; to: Date; key: string },
    now: Date,
  ): Promise<AlertRow[]> {
    const keyPrefix = window.frequency === 'immediately' ? null : `pack_alert:${window.frequency}:`;
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
        clock.id,
        window.frequency,
        window.from,
        window.to,
        now,
        keyPrefix,
        window.key,
        mergeSettings(clock.settings).enabledNetworks,
        clock.defaultLocale,
      ],
    );
  }

  /** The enabled networks each pack has a variant on (any locale), in registry order. */
  private async shareButtons(clock: OrgClock, packIds: readonly string[]): Promise<Map<string, NetworkId[]>> {
    if (!packIds.length) return new Map();
    const enabled = mergeSettings(clock.settings).enabledNetworks;
    const rows: { packId: string; network: NetworkId }[] = await this.dataSource.query(
      `SELECT DISTINCT pack_id AS "packId", network FROM pack_variants WHERE pack_id = ANY ($1)`,
      [packIds],
    );
    const result = new Map<string, NetworkId[]>();
    for (const packId of packIds) {
      const networks = new Set(rows.filter((row) => row.packId === packId).map((row) => row.network));
      result.set(
        packId,
        enabled.filter((network) => networks.has(network)),
      );
    }
    return result;
  }

  private async trainingReminders(clock: OrgClock, now: Date): Promise<QueuedEmail[]> {
    const members: { id: string; email: string; name: string; locale: string }[] =
      await this.dataSource.query(
        `SELECT m.id, m.email, m.name, m.locale FROM members m
         LEFT JOIN notification_preferences np ON np.member_id = m.id
        WHERE m.organisation_id = $1 AND m.status = 'active' AND 'advocate' = ANY (m.roles)
          AND coalesce(np.training_reminders, true)
        ORDER BY m.id`,
        [clock.id],
      );
    if (!members.length) return [];
    const modules: { id: string; published: TrainingContent | null }[] = await this.dataSource.query(
      `SELECT id, published FROM training_modules WHERE organisation_id = $1 AND published IS NOT NULL`,
      [clock.id],
    );
    const emails: QueuedEmail[] = [];
    for (const member of members) {
      const readiness = await this.readiness.forMember(clock.id, member.id, now);
      const items: {
        moduleId: string;
        key: string;
        state: 'expiring' | 'expired' | 'outdated';
        date: Date | null;
      }[] = [];
      for (const status of readiness.modules) {
        const until = status.validUntil ? new Date(status.validUntil) : null;
        let state: 'expiring' | 'expired' | 'outdated' | null = null;
        if (status.status === 'expired') state = 'expired';
        else if (status.status === 'outdated') state = 'outdated';
        else if (
          status.status === 'passed' &&
          until &&
          until.getTime() - now.getTime() <= EXPIRY_REMINDER_DAYS * DAY
        )
          state = 'expiring';
        if (state)
          items.push({
            moduleId: status.moduleId,
            key: `${status.moduleId}:${status.currentVersion}:${state}:${until?.toISOString().slice(0, 10) ?? ''}`,
            state,
            date: until,
          });
      }
      if (!items.length) continue;
      const digest = createHash('sha256')
        .update(
          items
            .map((item) => item.key)
            .sort()
            .join('|'),
        )
        .digest('base64url')
        .slice(0, 22);
      const locale = emailLocale(member.locale);
      const dates = new Intl.DateTimeFormat(locale === 'fi' ? 'fi-FI' : 'en-GB', { dateStyle: 'long' });
      emails.push({
        organisationId: clock.id,
        memberId: member.id,
        kind: 'training_reminder',
        dedupeKey: `training_reminder:${member.id}:${digest}`,
        recipient: member.email,
        locale: member.locale,
        data: {
          name: member.name,
          modules: items.map((item) => {
            const content = modules.find((module) => module.id === item.moduleId)?.published;
            const title = content
              ? (content.title[pickLocale(content, [member.locale, clock.defaultLocale])] ?? '')
              : '';
            return {
              title,
              url: `${this.config.publicUrl}/training/${item.moduleId}`,
              expiring: item.state === 'expiring',
              expired: item.state === 'expired',
              outdated: item.state === 'outdated',
              date: item.date ? dates.format(item.date) : '',
            };
          }),
        },
      });
    }
    return emails;
  }

  private async weeklySummaries(clock: OrgClock): Promise<QueuedEmail[]> {
    const leaders: { id: string; email: string; name: string; locale: string }[] =
      await this.dataSource.query(
        `SELECT m.id, m.email, m.name, m.locale FROM members m
         LEFT JOIN notification_preferences np ON np.member_id = m.id
        WHERE m.organisation_id = $1 AND m.status = 'active' AND 'leader' = ANY (m.roles)
          AND coalesce(np.weekly_summary, true)
          AND NOT EXISTS (SELECT 1 FROM notification_deliveries d
                           WHERE d.dedupe_key = 'weekly_summary:' || m.id || ':' || $2)
        ORDER BY m.id`,
        [clock.id, clock.isoWeek],
      );
    if (!leaders.length) return [];
    // The week before this Monday, against the week before it: the leader dashboard's own figures.
    const to = addDays(clock.localDate, -1);
    const from = addDays(clock.localDate, -7);
    const summaries = await Promise.all(
      leaders.map((leader) =>
        this.dashboards.dashboard({ organisationId: clock.id, memberId: leader.id }, { from, to }),
      ),
    );
    return leaders.map((leader, index) => {
      const { kpis, topAdvocates, currency } = summaries[index] as DashboardDto;
      const locale = emailLocale(leader.locale);
      const tag = locale === 'fi' ? 'fi-FI' : 'en-GB';
      const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
      const money = new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
      });
      const labels =
        locale === 'fi'
          ? {
              shares: 'Jaot',
              reach: 'Ansaittu tavoittavuus',
              clicks: 'Klikit',
              uniqueClicks: 'Yksilölliset klikit',
              earnedMediaValue: 'Ansaitun median arvo',
              anonymous: 'Nimetön lähettiläs',
              new: 'uusi',
            }
          : {
              shares: 'Shares',
              reach: 'Earned reach',
              clicks: 'Clicks',
              uniqueClicks: 'Unique clicks',
              earnedMediaValue: 'Earned media value',
              anonymous: 'Anonymous advocate',
              new: 'new',
            };
      const change = ({ value, previous }: KpiDto) =>
        !previous
          ? value
            ? labels.new
            : '±0 %'
          : `${(value ?? 0) >= previous ? '+' : '−'}${number.format(Math.abs((((value ?? 0) - previous) / previous) * 100))} %`;
      const figures = [
        ['shares', kpis.shares, number],
        ['reach', kpis.reach, number],
        ['clicks', kpis.clicks, number],
        ['uniqueClicks', kpis.uniqueClicks, number],
        // EMV is in minor units (cents).
        ['earnedMediaValue', { ...kpis.emvMinor, value: (kpis.emvMinor.value ?? 0) / 100 }, money],
      ] as const;
      return {
        organisationId: clock.id,
        memberId: leader.id,
        kind: 'weekly_summary' as const,
        dedupeKey: `weekly_summary:${leader.id}:${clock.isoWeek}`,
        recipient: leader.email,
        locale: leader.locale,
        data: {
          name: leader.name,
          periodLabel: clock.isoWeek,
          figures: figures.map(([key, kpi, format]) => ({
            label: labels[key],
            value: format.format(kpi.value ?? 0),
            change: change(kpi),
          })),
          advocates: topAdvocates
            .filter((row) => row.points > 0)
            .slice(0, 5)
            .map((row, rank) => ({
              rank: rank + 1,
              name: row.anonymous ? labels.anonymous : row.name,
              points: number.format(row.points),
            })),
          insightsUrl: `${this.config.publicUrl}/insights`,
        },
      };
    });
  }

  /**
   * By the database's clock, not the tick's (tests tick at chosen times).
   * Queued rows whose job may be lost are queued again (a job id per row keeps one job); rows a
   * dead worker left `sending` for 10 minutes are marked failed, not sent again.
   */
  private async repair(): Promise<{ requeue: string[]; interrupted: number }> {
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
