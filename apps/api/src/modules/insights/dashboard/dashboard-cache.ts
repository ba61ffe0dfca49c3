import { Injectable } from '@nestjs/common';
import { BOARD_TTL_MS } from '../board-cache';

const MAX_ENTRIES = 200;

interface Entry<T> {
  readonly expires: number;
  readonly value: Promise<T>;
}

/**
 * Dashboards of large organisations (those `BoardCache.isLarge` calls large), per filter
 * combination, for as long as a leaderboard ({@link BOARD_TTL_MS}): reading a month of rollups of
 * 100,000 members takes longer than a request may, and leaders reload and filter often. Concurrent
 * misses share one read; a failed read is not kept.
 */
@Injectable()
export class DashboardCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
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
