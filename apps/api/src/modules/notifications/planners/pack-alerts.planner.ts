import { Inject, Injectable } from '@nestjs/common';
import { findNetwork, type NetworkId } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import type { PackAlertFrequency } from '../entities/notification-preference.entity';
import type { QueuedEmail } from '../notifications.service';
import type { EmailPlanner, OrgClock } from './email-planner';
import { type AlertRow, PlannersRepository } from './planners.repository';

const DAY = 24 * 3600 * 1000;

interface AlertWindow {
  readonly frequency: PackAlertFrequency;
  readonly from: Date;
  readonly to: Date;
  /** The digest's period in its dedupe key (local date or ISO week); empty for `immediately`. */
  readonly key: string;
}

/**
 * Pack alerts: one per new pack for `immediately`; the day's digest once per local day from
 * DIGEST_HOUR for `daily` (packs published in the 24 hours before today's DIGEST_HOUR); the week's
 * on Mondays for `weekly`.
 */
@Injectable()
export class PackAlertsPlanner implements EmailPlanner {
  constructor(
    private readonly plans: PlannersRepository,
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
    return this.plans.alertRows({
      organisationId: clock.id,
      frequency: window.frequency,
      from: window.from,
      to: window.to,
      now,
      keyPrefix,
      key: window.key,
      enabledNetworks: mergeSettings(clock.settings).enabledNetworks,
      defaultLocale: clock.defaultLocale,
    });
  }

  /** The enabled networks each pack has a variant on (any locale), in registry order. */
  private async shareButtons(clock: OrgClock, packIds: readonly string[]): Promise<Map<string, NetworkId[]>> {
    if (!packIds.length) return new Map();
    const enabled = mergeSettings(clock.settings).enabledNetworks;
    const rows = await this.plans.packNetworks(packIds);
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
