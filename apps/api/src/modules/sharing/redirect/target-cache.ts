import { isShareCode } from '@heimo/content';

/**
 * The `shareId` of a code that is reserved for a share not made yet (the phone's share sheet is
 * open): the visitor is sent on, nothing is counted and the target is never cached, so the first
 * look-up after the confirmation finds the share.
 */
export const UNCOUNTED = '';

/** Where a code sends a visitor, and which share a click counts for ({@link UNCOUNTED}: none). */
export interface RedirectTarget {
  readonly shareId: string;
  readonly location: string;
}

/** A code that no share has is remembered as missing this long (a flood of one bad code). */
const MISSING_TTL_MS = 10_000;
const MISSING_MAX = 10_000;
/** Look-ups for cache misses at once; more wait their turn. */
const MAX_LOOKUPS = 4;
/** Misses waiting beyond this answer "busy" rather than pile up (a flood of random codes). */
const MAX_WAITING = 2_000;

export class RedirectBusyError extends Error {
  constructor() {
    super('too many tracked-link look-ups waiting');
  }
}

/** Reads one code's target from where shares are stored; null when there is no such share. */
export type TargetFetch = (code: string) => Promise<RedirectTarget | null>;

/**
 * Code → destination, in memory, with no framework around it: the API's {@link RedirectCache}
 * (reading the database) and the redirect listener's thread (asking the API's thread) are both
 * this. A hit is a `Map` read: no database, no Redis, no promise. A miss fetches the code
 * (concurrent misses of one code share one fetch, at most MAX_LOOKUPS at once) and keeps it.
 * Shares never change their code or destination, so an entry never goes stale.
 *
 * Bounded by two generations rather than an exact LRU list (which would reorder on every hit):
 * entries go into `recent`; when it holds `generationSize`, it becomes `older` and the previous
 * `older` is dropped; a hit in `older` moves the entry back to `recent`. Codes used within the last
 * `generationSize` insertions always stay.
 */
export class TargetCache {
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
    capacity: number,
    private readonly fetch: TargetFetch,
  ) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
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

  /** Fetches the code (a miss). Rejects with {@link RedirectBusyError} under a flood. */
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
  prime(code: string, target: RedirectTarget): void {
    this.missing.delete(code);
    this.remember(code, target);
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
      const target = await this.fetch(code);
      if (!target) {
        if (this.missing.size >= MISSING_MAX) this.missing.clear();
        this.missing.set(code, Date.now() + MISSING_TTL_MS);
        return null;
      }
      if (target.shareId !== UNCOUNTED) this.remember(code, target);
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
