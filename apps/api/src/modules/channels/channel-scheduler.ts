import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ChannelEvent,
  type ChannelMessage,
  EMAIL_FORMAT_LOCALES,
  WEEKLY_SUMMARY_LABELS,
  emailLocale,
} from '@heimo/content';
import { addDays, findNetwork, type ModuleTrainingStatus } from '@heimo/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { leaderboardWindow } from '../insights/leaderboard-window';
import { LeaderboardsService } from '../insights/leaderboards.service';
import { mediaPath } from '../media/media-path';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { ReadinessService } from '../training/readiness.service';
import { ChannelQueue } from './channel-queue';
import { type ChannelClock, ChannelsRepository, type NewChannelPost } from './channels.repository';

const DAY = 24 * 3600 * 1000;
/** A required module whose passes run out within this many days is listed among the deadlines. */
export const DEADLINE_WINDOW_DAYS = 14;
/** How many advocates the week's board names. */
export const TOP_ADVOCATES = 5;
/** A queued post older than this has lost its job (Redis away at the commit): queued again. */
const LOST_JOB_MS = 5 * 60_000;
/** A post `sending` for this long belongs to a worker that died: failed, never posted twice. */
const INTERRUPTED_MS = 10 * 60_000;

export interface ChannelTickResult {
  readonly queued: number;
  readonly requeued: number;
  readonly interrupted: number;
}

/**
 * Decides, at every tick, what each enabled channel is due: every pack published for employees
 * (once per channel and pack), and on Mondays from DIGEST_HOUR local time last week's top advocates
 * and the training deadlines (once per channel and ISO week). What a channel is sent is planned
 * here for every kind alike; how it looks is the kind's template.
 */
@Injectable()
export class ChannelScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelsRepository,
    private readonly queue: ChannelQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly leaderboards: LeaderboardsService,
    private readonly readiness: ReadinessService,
  ) {}

  async tick(now: Date = new Date()): Promise<ChannelTickResult> {
    const clocks = await this.channels.clocks(now);
    const posts: NewChannelPost[] = [
      ...(await this.packPosts(clocks, now)),
      ...(await this.weeklyPosts(clocks, now)),
    ];
    const ids = await this.dataSource.transaction(async (manager) => {
      const queued: (string | null)[] = [];
      for (const post of posts) queued.push(await this.channels.insertPost(manager, post));
      return queued;
    });
    const interrupted = await this.channels.failInterrupted(new Date(now.getTime() - INTERRUPTED_MS));
    const lost = await this.channels.staleQueuedPosts(new Date(now.getTime() - LOST_JOB_MS));
    await this.queue.dispatch(ids);
    await this.queue.requeue(lost);
    return { queued: ids.filter((id) => id !== null).length, requeued: lost.length, interrupted };
  }

  private post(
    clock: ChannelClock,
    message: ChannelMessage,
    key: string,
    data: Record<string, unknown>,
  ): NewChannelPost {
    return {
      organisationId: clock.organisationId,
      channelId: clock.channelId,
      message,
      dedupeKey: `${message}:${clock.channelId}:${key}`,
      locale: clock.locale,
      data: { organisationName: clock.organisationName, ...data },
    };
  }

  private async packPosts(clocks: readonly ChannelClock[], now: Date): Promise<NewChannelPost[]> {
    const subscribed = clocks.filter((clock) => wants(clock, 'pack_published'));
    const rows = await this.channels.newPacks(
      subscribed.map((clock) => clock.channelId),
      now,
    );
    const byChannel = new Map(subscribed.map((clock) => [clock.channelId, clock]));
    return rows.flatMap((row) => {
      const clock = byChannel.get(row.channelId);
      if (!clock) return [];
      const enabled = mergeSettings(clock.settings).enabledNetworks;
      const networks = enabled.filter((network) => row.networks.includes(network));
      return [
        this.post(clock, 'pack_published', row.packId, {
          title: row.title,
          summary: row.summary,
          networkList: networks.map((network) => findNetwork(network)?.label ?? network).join(', '),
          openUrl: `${this.config.publicUrl}/feed?pack=${row.packId}`,
          pictureUrl: row.pictureId ? `${this.config.publicUrl}${mediaPath(row.pictureId)}` : null,
          pictureAlt: row.pictureAlt ?? '',
        }),
      ];
    });
  }

  /** Mondays from DIGEST_HOUR: each organisation's board and deadlines computed once for all its channels. */
  private async weeklyPosts(clocks: readonly ChannelClock[], now: Date): Promise<NewChannelPost[]> {
    const due = clocks.filter((clock) => clock.isoDow === 1 && clock.localHour >= this.config.DIGEST_HOUR);
    const wanted = due.flatMap((clock) =>
      (['top_advocates', 'training_deadlines'] as const)
        .filter((event) => wants(clock, event))
        .map((event) => ({ clock, event, key: `${event}:${clock.channelId}:${clock.isoWeek}` })),
    );
    const existing = await this.channels.existingKeys(wanted.map((item) => item.key));
    const boards = new Map<string, Promise<Record<string, unknown> | null>>();
    const deadlines = new Map<string, Promise<Record<string, unknown> | null>>();
    const posts: NewChannelPost[] = [];
    for (const { clock, event } of wanted.filter((item) => !existing.has(item.key))) {
      const cache = event === 'top_advocates' ? boards : deadlines;
      let data = cache.get(clock.organisationId);
      if (!data) {
        data = event === 'top_advocates' ? this.board(clock, now) : this.deadlines(clock, now);
        cache.set(clock.organisationId, data);
      }
      const filled = await data;
      if (filled) posts.push(this.post(clock, event, clock.isoWeek, filled));
    }
    return posts;
  }

  /** Last week's top advocates (the leaderboard's points board); nothing when no one scored. */
  private async board(clock: ChannelClock, now: Date): Promise<Record<string, unknown> | null> {
    const lang = emailLocale(clock.locale);
    const { from } = leaderboardWindow('week', clock.timezone, new Date(now.getTime() - 7 * DAY));
    if (!from) return null;
    const entries = await this.leaderboards.weekTop(clock.organisationId, from, TOP_ADVOCATES);
    if (!entries.length) return null;
    const number = new Intl.NumberFormat(EMAIL_FORMAT_LOCALES[lang], { maximumFractionDigits: 0 });
    const dates = new Intl.DateTimeFormat(EMAIL_FORMAT_LOCALES[lang], {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
    return {
      periodLabel: dates.formatRange(
        new Date(`${from}T12:00:00Z`),
        new Date(`${addDays(from, 6)}T12:00:00Z`),
      ),
      advocates: entries.map((entry) => ({
        rank: entry.rank,
        name: entry.anonymous || !entry.name ? WEEKLY_SUMMARY_LABELS[lang].anonymous : entry.name,
        points: number.format(entry.points),
      })),
      boardUrl: `${this.config.publicUrl}/impact`,
    };
  }

  /** Required training running out within 14 days, expired or outdated, as counts per module. */
  private async deadlines(clock: ChannelClock, now: Date): Promise<Record<string, unknown> | null> {
    const advocates = await this.channels.activeAdvocates(clock.organisationId);
    if (!advocates.length) return null;
    const readiness = await this.readiness.forMembers(clock.organisationId, advocates, now);
    const perModule = new Map<
      string,
      { expiring: number; expiringBy: Date | null; expired: number; outdated: number }
    >();
    for (const member of readiness.values())
      for (const status of member.modules) {
        const state = deadlineState(status, now);
        if (!state) continue;
        const row = perModule.get(status.moduleId) ?? {
          expiring: 0,
          expiringBy: null,
          expired: 0,
          outdated: 0,
        };
        row[state] += 1;
        if (
          state === 'expiring' &&
          status.validUntil &&
          (!row.expiringBy || status.validUntil < row.expiringBy)
        )
          row.expiringBy = status.validUntil;
        perModule.set(status.moduleId, row);
      }
    if (!perModule.size) return null;
    const lang = emailLocale(clock.locale);
    const dates = new Intl.DateTimeFormat(EMAIL_FORMAT_LOCALES[lang], {
      dateStyle: 'long',
      timeZone: clock.timezone,
    });
    const titles = new Map(
      (await this.channels.moduleTitles(clock.organisationId)).map((module) => {
        const title = module.published?.title ?? {};
        return [module.id, title[lang] ?? title[clock.locale] ?? Object.values(title)[0] ?? ''];
      }),
    );
    return {
      modules: [...perModule.entries()]
        .map(([moduleId, row]) => ({
          title: titles.get(moduleId) ?? '',
          url: `${this.config.publicUrl}/training/${moduleId}`,
          expiring: row.expiring,
          expiringBy: row.expiringBy ? dates.format(row.expiringBy) : '',
          expired: row.expired,
          outdated: row.outdated,
        }))
        .sort((a, b) => a.title.localeCompare(b.title)),
      trainingUrl: `${this.config.publicUrl}/training`,
    };
  }
}

const wants = (clock: ChannelClock, event: ChannelEvent) => clock.events.includes(event);

function deadlineState(status: ModuleTrainingStatus, now: Date): 'expiring' | 'expired' | 'outdated' | null {
  if (status.status === 'expired') return 'expired';
  if (status.status === 'outdated') return 'outdated';
  if (
    status.status === 'passed' &&
    status.validUntil &&
    new Date(status.validUntil).getTime() - now.getTime() <= DEADLINE_WINDOW_DAYS * DAY
  )
    return 'expiring';
  return null;
}
