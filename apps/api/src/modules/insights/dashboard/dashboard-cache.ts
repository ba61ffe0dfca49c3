import { Injectable } from '@nestjs/common';
import { Broadcast } from '../../../infra/broadcast/broadcast';
import { BOARD_TTL_MS, FORGET_BOARDS } from '../board-cache';

const MAX_ENTRIES = 200;

interface Entry<T> {
  readonly expires: number;
  readonly value: Promise<T>;
}

/**
 * Dashboards of large organisations (those `BoardCache.isLarge` calls large), per filter
 * combination, for as long as a leaderboard ({@link BOARD_TTL_MS}): reading a month of rollups of
 * 100,000 members takes longer than a request may, and leaders reload and filter often. Concurrent
 * misses share one read; a failed read is not kept. An opt-out drops the organisation's dashboards
 * in every process ({@link BoardCache.forget}), since the top advocates show names.
 */
@Injectable()
export class DashboardCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(broadcast: Broadcast) {
    broadcast.on(FORGET_BOARDS, (organisationId) => {
      for (const key of this.entries.keys())
        if (key.startsWith(`${organisationId}|`)) this.entries.delete(key);
    });
  }

  get<T>(organisationId: string, filterKey: string, read: () => Promise<T>): Promise<T> {
    const key = `${organisationId}|${filterKey}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = read();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + BOARD_TTL_MS, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
