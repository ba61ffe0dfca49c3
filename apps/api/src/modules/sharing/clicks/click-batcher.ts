import type { RawClicks } from './click-shipper';

/** A handover is posted once it holds this many clicks, or after the flush interval. */
const MAX_HANDOVER = 1_000;

/**
 * The redirect's side of counting, on whichever thread answers redirects: `record()` only appends
 * the click's raw facts to one string, so a redirect never waits for Redis, the disk or the
 * database. Every `flushMs` (or at MAX_HANDOVER clicks) the string is handed to `post`, which sends
 * it to the click shipper thread (`click-shipper.worker.ts`); that thread gives each click its id,
 * class and visitor hash and ships the batch to the Redis stream or the journal.
 */
export class ClickBatcher {
  private pending = '';
  private pendingClicks = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly enabled: boolean,
    private readonly flushMs: number,
    private readonly post: (raw: RawClicks) => boolean,
  ) {}

  /**
   * Queues one GET of a tracked link; never throws, never waits. The address is only hashed (in
   * the shipper thread) and never leaves the process.
   */
  record(
    at: number,
    shareId: string,
    address: string,
    userAgent: string,
    referer: string | undefined,
    secPurpose: string | undefined,
    purpose: string | undefined,
    xMoz: string | undefined,
  ): void {
    if (!this.enabled || this.closed) return;
    // RAW_SEPARATOR-ended fields (see click-shipper.ts).
    this.pending += `${at}\0${shareId}\0${address}\0${userAgent}\0${referer ?? ''}\0${secPurpose ?? ''}\0${purpose ?? ''}\0${xMoz ?? ''}\0`;
    this.pendingClicks += 1;
    if (this.pendingClicks >= MAX_HANDOVER) {
      this.handOver();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.handOver(), this.flushMs);
      this.timer.unref();
    }
  }

  /**
   * Posts what is queued now. When `post` cannot take it (no shipper thread at the moment), the
   * clicks stay queued for the next handover.
   */
  handOver(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pendingClicks === 0) return;
    if (!this.post(this.pending)) return;
    this.pending = '';
    this.pendingClicks = 0;
  }

  /** Posts what is queued and takes no more clicks. */
  close(): void {
    this.handOver();
    this.closed = true;
  }
}

/** What the redirect needs to count a visit: a {@link ClickBatcher} on the thread that answers it. */
export type ClickSink = Pick<ClickBatcher, 'enabled' | 'record'>;
