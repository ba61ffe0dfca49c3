import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Broadcast } from '../../infra/broadcast/broadcast';
import { LeaderboardsRepository } from './leaderboards.repository';

/** From this many active members on, an organisation's dashboards are cached. */
export const LARGE_ORGANISATION = 2_000;
/** How long a cached dashboard is answered from: the figures are at most this old (`asOf`). */
export const BOARD_TTL_MS = 30_000;
const SIZE_TTL_MS = 300_000;
const ZONE_TTL_MS = 60_000;
const MAX_BOARDS = 200;
/** Broadcast channel: an organisation's boards (and dashboards) changed in a way the cache must not keep. */
export const FORGET_BOARDS = 'insights.forget-boards';

interface Entry<T> {
  readonly expires: number;
  readonly value: Promise<T>;
}

/**
 * The organisations' sizes (whether their dashboards are cached) and time zones, and the broadcast
 * that makes every process read an organisation's cached dashboards afresh. Member boards, team boards
 * (`team_period_stats`), the CSV downloads and My impact are read from the period rollups on every
 * request; the dashboards have their own cache (`DashboardCache`, for {@link BOARD_TTL_MS}, unless
 * `INSIGHTS_CACHE=false`). Concurrent misses share one read.
 */
@Injectable()
export class BoardCache {
  private readonly sizes = new Map<string, Entry<boolean>>();
  private readonly zones = new Map<string, Entry<string | null>>();

  constructor(
    private readonly repository: LeaderboardsRepository,
    private readonly broadcast: Broadcast,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'INSIGHTS_CACHE'>,
  ) {}

  /** Whether the organisation's dashboards are cached (never with `INSIGHTS_CACHE=false`). */
  isLarge(organisationId: string): Promise<boolean> {
    if (!this.config.INSIGHTS_CACHE) return Promise.resolve(false);
    return this.remember(this.sizes, organisationId, SIZE_TTL_MS, async () => {
      return (await this.repository.activeMembers(organisationId)) >= LARGE_ORGANISATION;
    });
  }

  /** The organisation's time zone, re-read every minute (a changed zone applies from then). */
  timezoneOf(organisationId: string): Promise<string | null> {
    return this.remember(this.zones, organisationId, ZONE_TTL_MS, () =>
      this.repository.timezoneOf(organisationId),
    );
  }

  /**
   * After a member's change that the boards show (their opt-out): every process of the deployment
   * (every API replica, through Redis) reads the organisation's boards and dashboards afresh, this
   * one at once; resolves when the others have been told.
   */
  forget(organisationId: string): Promise<void> {
    return this.broadcast.send(FORGET_BOARDS, organisationId);
  }

  private remember<T>(
    cache: Map<string, Entry<T>>,
    key: string,
    ttl: number,
    read: () => Promise<T>,
  ): Promise<T> {
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = read();
    cache.delete(key);
    cache.set(key, { expires: now + ttl, value });
    // A failed read is not remembered; the oldest entries make room.
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    while (cache.size > MAX_BOARDS) cache.delete(cache.keys().next().value as string);
    return value;
  }
}
