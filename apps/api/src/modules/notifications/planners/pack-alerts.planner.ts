import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { findNetwork, type NetworkId } from '@heimo/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import { audienceCondition } from '../../sharing/feed/pack-audience';
import type { PackAlertFrequency } from '../entities/notification-preference.entity';
import type { QueuedEmail } from '../notifications.service';
import type { EmailPlanner, OrgClock } from './email-planner';

const DAY = 24 * 3600 * 1000;

interface AlertWindow {
  readonly frequency: PackAlertFrequency;
  readonly from: Date;
  readonly to: Date;
  /** The digest's period in its dedupe key (local date or ISO week); empty for `immediately`. */
  readonly key: string;
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

/**
 * Pack alerts: one per new pack for `immediately`; the day's digest once per local day from
 * DIGEST_HOUR for `daily` (packs published in the 24 hours before today's DIGEST_HOUR); the week's
 * on Mondays for `weekly`.
 */
@Injectable()
export class PackAlertsPlanner implements EmailPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(clock: OrgClock, now: Date): Promise<QueuedEmail[]> {
    const emails: QueuedEmail[] = [];
    for (const window of this.windows(clock, now)) {
      const rows = await this.alertRows(clock, window, now);
      const byMember = new Map<string, AlertRow[]>();
      for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
      const buttons = await this.shareButtons(clock, [...new Set(rows.map((row) => row.packId))]);
      for (const packs of byMember.values()) {
        const groups = window.frequency === 'immediately' ? packs.map((pack) => [pack]) : [packs];
        for (const group of groups) {
          const [first] = group;
          if (first) emails.push(this.email(clock, window, group, first, buttons));
        }
      }
    }
    return emails;
  }

  private windows(clock: OrgClock, now: Date): AlertWindow[] {
    const windows: AlertWindow[] = [
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
    return windows;
  }

  private email(
    clock: OrgClock,
    window: AlertWindow,
    group: readonly AlertRow[],
    first: AlertRow,
    buttons: ReadonlyMap<string, readonly NetworkId[]>,
  ): QueuedEmail {
    return {
      organisationId: clock.id,
      memberId: first.memberId,
      kind: 'pack_alert',
      dedupeKey:
        window.frequency === 'immediately'
          ? `pack_alert:immediately:${first.memberId}:${first.packId}`
          : `pack_alert:${window.frequency}:${first.memberId}:${window.key}`,
      recipient: first.email,
      locale: first.locale,
      data: {
        name: first.name,
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
    };
  }

  /** Members who asked for this frequency × the new packs of their audience, not yet e-mailed. */
  private alertRows(clock: OrgClock, window: AlertWindow, now: Date): Promise<AlertRow[]> {
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
}
