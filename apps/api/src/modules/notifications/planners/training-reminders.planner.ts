import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EMAIL_FORMAT_LOCALES, emailLocale } from '@heimo/content';
import type { ModuleTrainingStatus } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { ReadinessService } from '../../training/readiness.service';
import { pickLocale } from '../../training/training-content';
import type { QueuedEmail } from '../notifications.service';
import type { EmailPlanner, OrgClock } from './email-planner';
import { PlannersRepository } from './planners.repository';

const DAY = 24 * 3600 * 1000;
/** A required module whose pass runs out within this many days is reminded of. */
export const EXPIRY_REMINDER_DAYS = 14;

type ReminderState = 'expiring' | 'expired' | 'outdated';

interface ReminderItem {
  readonly moduleId: string;
  /** The module, its version, the state and the date: each is reminded of once. */
  readonly key: string;
  readonly state: ReminderState;
  readonly date: Date | null;
}

/**
 * Training reminders, daily from DIGEST_HOUR: a required module expiring within 14 days, expired,
 * or outdated, each state of each module version reminded once. Readiness is computed for all the
 * organisation's advocates in one pass.
 */
@Injectable()
export class TrainingRemindersPlanner implements EmailPlanner {
  /** The local day each organisation's reminders were last looked at by this process (once a day is enough). */
  private readonly remindedOn = new Map<string, string>();

  constructor(
    private readonly plans: PlannersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: ReadinessService,
  ) {}

  private due(clock: OrgClock): boolean {
    return clock.localHour >= this.config.DIGEST_HOUR && this.remindedOn.get(clock.id) !== clock.localDate;
  }

  committed(clocks: readonly OrgClock[]): void {
    for (const clock of clocks) if (this.due(clock)) this.remindedOn.set(clock.id, clock.localDate);
  }

  async plan(clock: OrgClock, now: Date): Promise<QueuedEmail[]> {
    if (!this.due(clock)) return [];
    const advocates = await this.plans.reminderAdvocates(clock.id);
    if (!advocates.length) return [];
    const modules = await this.plans.publishedModules(clock.id);
    const readiness = await this.readiness.forMembers(clock.id, advocates, now);
    const emails: QueuedEmail[] = [];
    for (const advocate of advocates) {
      const items = reminderItems(readiness.get(advocate.id)?.modules ?? [], now);
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
      const dates = new Intl.DateTimeFormat(EMAIL_FORMAT_LOCALES[emailLocale(advocate.locale)], {
        dateStyle: 'long',
      });
      emails.push({
        organisationId: clock.id,
        memberId: advocate.id,
        kind: 'training_reminder',
        dedupeKey: `training_reminder:${advocate.id}:${digest}`,
        recipient: advocate.email,
        locale: advocate.locale,
        data: {
          name: advocate.name,
          modules: items.map((item) => {
            const content = modules.find((module) => module.id === item.moduleId)?.published;
            const title = content
              ? (content.title[pickLocale(content, [advocate.locale, clock.defaultLocale])] ?? '')
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
}

/** The member's required modules worth a reminder now. */
function reminderItems(statuses: readonly ModuleTrainingStatus[], now: Date): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const status of statuses) {
    const until = status.validUntil ? new Date(status.validUntil) : null;
    let state: ReminderState | null = null;
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
  return items;
}
