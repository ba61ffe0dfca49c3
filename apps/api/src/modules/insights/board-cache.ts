import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Broadcast } from '../../infra/broadcast/broadcast';
import { LeaderboardsRepository, type BoardRow, type TeamTotalsRow } from './leaderboards.repository';

/** From this many active members on, an organisation's member boards are cached. */
export const LARGE_ORGANISATION = 2_000;
/** How long a cached board is answered from: the figures are at most this old (`asOf`). */
export const BOARD_TTL_MS = 30_000;
const SIZE_TTL_MS = 300_000;
const ZONE_TTL_MS = 60_000;
const MAX_BOARDS = 200;
/** Broadcast channel: an organisation's boards (and dashboards) changed in a way the cache must not keep. */
export const FORGET_BOARDS = 'insights.forget-boards';

export interface RankedBoardRow extends BoardRow {
  rank: number;
  position: number;
}

export interface CachedBoard {
  /** Every ranked member in board order. */
  readonly rows: readonly RankedBoardRow[];
  readonly positionOf: ReadonlyMap<string, number>;
  readonly asOf: Date;
}

interface Entry<T> {
  readonly expires: number;
  readonly value: Promise<T>;
}

/**
 * Whole member boards of large organisations, per filter combination, for {@link BOARD_TTL_MS}.
 * Summing a month of rollups for 100,000 members takes far longer than a leaderboard request may;
 * with the whole board at hand, any caller's rank and any top N are a lookup. Small organisations
 * (every test's) are read afresh on every request. Concurrent misses share one read.
 */
@Injectable()
export class BoardCache {
  private readonly boards = new Map<string, Entry<CachedBoard>>();
  private readonly sizes = new Map<string, Entry<boolean>>();
  private readonly zones = new Map<string, Entry<string | null>>();
  private readonly teamBoards = new Map<string, Entry<{ rows: TeamTotalsRow[]; asOf: Date }>>();

  constructor(
    private readonly repository: LeaderboardsRepository,
    private readonly broadcast: Broadcast,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'INSIGHTS_CACHE'>,
  ) {
    broadcast.on(FORGET_BOARDS, (organisationId) => this.drop(organisationId));
  }

  /** Whether the organisation's dashboards and team boards are cached (never with `INSIGHTS_CACHE=false`). */
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

  board(organisationId: string, filterKey: string, read: () => Promise<BoardRow[]>): Promise<CachedBoard> {
    return this.remember(this.boards, `${organisationId}|${filterKey}`, BOARD_TTL_MS, async () => {
      const asOf = new Date();
      const rows = await read();
      const ranked: RankedBoardRow[] = [];
      const positionOf = new Map<string, number>();
      let rank = 0;
      rows.forEach((row, index) => {
        // The rows come in board order (value DESC, id): a new value starts a new competition rank.
        if (index === 0 || row.value !== rows[index - 1]?.value) rank = index + 1;
        ranked.push({ ...row, rank, position: index + 1 });
        positionOf.set(row.id, index);
      });
      return { rows: ranked, positionOf, asOf };
    });
  }

  /** A team board's sums (one row per team), kept as long as a member board. */
  teams(
    organisationId: string,
    filterKey: string,
    read: () => Promise<TeamTotalsRow[]>,
  ): Promise<{ rows: TeamTotalsRow[]; asOf: Date }> {
    return this.remember(this.teamBoards, `${organisationId}|${filterKey}`, BOARD_TTL_MS, async () => {
      const asOf = new Date();
      return { rows: await read(), asOf };
    });
  }

  /**
   * After a member's change that the boards show (their opt-out): every process of the deployment
   * (every API replica, through Redis) reads the organisation's boards and dashboards afresh, this
   * one at once; resolves when the others have been told.
   */
  forget(organisationId: string): Promise<void> {
    return this.broadcast.send(FORGET_BOARDS, organisationId);
  }

  private drop(organisationId: string): void {
    for (const key of this.boards.keys()) if (key.startsWith(`${organisationId}|`)) this.boards.delete(key);
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
