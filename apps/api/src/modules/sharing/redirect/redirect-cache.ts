import { isShareCode } from '@heimo/content';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import type { Share } from '../entities/share.entity';

/** Where a code sends a visitor, and which share a click counts for. */
export interface RedirectTarget {
  readonly shareId: string;
  readonly location: string;
}

/** A code that is not in the database is remembered as missing this long (a flood of one bad code). */
const MISSING_TTL_MS = 10_000;
const MISSING_MAX = 10_000;
/** Database look-ups for cache misses at once; more wait their turn. */
const MAX_LOOKUPS = 4;
/** Misses waiting beyond this answer "busy" rather than pile up (a flood of random codes). */
const MAX_WAITING = 2_000;

export class RedirectBusyError extends Error {
  constructor() {
    super('too many tracked-link look-ups waiting');
  }
}

/**
 * Code → destination, in process. A hit is a `Map` read: no database, no Redis, no promise. A miss
 * reads the share by code from the database (concurrent misses of one code share one query) and
 * keeps it. Shares never change their code or destination, so an entry never goes stale. The share
 * command calls {@link prime} after its transaction commits, so the first click of a new share is a
 * hit too.
 *
 * Bounded to REDIRECT_CACHE_SIZE by two generations rather than an exact LRU list (which would
 * reorder on every hit): entries go into `recent`; when it holds half the size, it becomes `older`
 * and the previous `older` is dropped; a hit in `older` moves the entry back to `recent`. Codes used
 * within the last half-size insertions always stay.
 */
@Injectable()
export class RedirectCache {
  private recent = new Map<string, RedirectTarget>();
  private older = new Map<string, RedirectTarget>();
  private readonly missing = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<RedirectTarget | null>>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private readonly generationSize: number;
  hits = 0;
  misses = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.generationSize = Math.max(1, Math.floor(config.REDIRECT_CACHE_SIZE / 2));
  }

  /** The cached target; `null` for a code known to be missing; `undefined` when the cache does not know. */
  peek(code: string): RedirectTarget | null | undefined {
    const entry = this.recent.get(code);
    if (entry !== undefined) {
      this.hits += 1;
      return entry;
    }
    const aging = this.older.get(code);
    if (aging !== undefined) {
      this.hits += 1;
      this.older.delete(code);
      this.remember(code, aging);
      return aging;
    }
    const missingUntil = this.missing.get(code);
    if (missingUntil !== undefined) {
      if (missingUntil > Date.now()) return null;
      this.missing.delete(code);
    }
    return undefined;
  }

  /** Reads the code from the database (a miss). Rejects with {@link RedirectBusyError} under a flood. */
  load(code: string): Promise<RedirectTarget | null> {
    if (!isShareCode(code)) return Promise.resolve(null);
    const pending = this.inFlight.get(code);
    if (pending) return pending;
    this.misses += 1;
    const lookup = this.lookup(code).finally(() => this.inFlight.delete(code));
    this.inFlight.set(code, lookup);
    return lookup;
  }

  /** Puts a share in the cache (after the transaction that made it committed). */
  prime(share: Pick<Share, 'id' | 'code' | 'redirectUrl'>): void {
    this.missing.delete(share.code);
    this.remember(share.code, { shareId: share.id, location: share.redirectUrl });
  }

  get size(): number {
    return this.recent.size + this.older.size;
  }

  private async lookup(code: string): Promise<RedirectTarget | null> {
    if (this.active >= MAX_LOOKUPS) {
      if (this.waiting.length >= MAX_WAITING) throw new RedirectBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
    try {
      const rows: { id: string; redirectUrl: string }[] = await this.dataSource.query(
        'SELECT id, redirect_url AS "redirectUrl" FROM shares WHERE code = $1',
        [code],
      );
      const row = rows[0];
      if (!row) {
        if (this.missing.size >= MISSING_MAX) this.missing.clear();
        this.missing.set(code, Date.now() + MISSING_TTL_MS);
        return null;
      }
      const target = { shareId: row.id, location: row.redirectUrl };
      this.remember(code, target);
      return target;
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  private remember(code: string, target: RedirectTarget): void {
    this.older.delete(code);
    this.recent.set(code, target);
    if (this.recent.size >= this.generationSize) {
      this.older = this.recent;
      this.recent = new Map();
    }
  }
}
