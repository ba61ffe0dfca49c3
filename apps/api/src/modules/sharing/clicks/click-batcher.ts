import { RAW_SEPARATOR, type RawClicks } from './raw-clicks';

/** A handover is posted once it holds this many clicks, or after the flush interval. */
const MAX_HANDOVER = 1_000;

/**
 * The redirect's side of counting, on whichever thread answers redirects: `record()` only keeps
 * references to the click's raw facts (strings the request already holds), so a redirect never waits
 * for Redis, the disk or the database, and builds no string of its own. Every `flushMs` (or at
 * MAX_HANDOVER clicks) the queued facts are joined into one handover string (`RawClicks`, see
 * raw-clicks.ts) for `post`, which sends it to the click shipper thread
 * (`click-shipper.worker.ts`); that thread gives each click its id, class and visitor hash and ships
 * the batch to the Redis stream or the journal.
 *
 * The clock is read once per handover, at its first click: every click of a handover carries that
 * time, at most one flush interval (a few milliseconds) early. Under full load a clock read and its
 * conversion to a string per click, and a string built per click and flattened again at the
 * handover, were the larger part of counting's cost on this thread (bench/redirect).
 */
export class ClickBatcher {
  /** The open handover: its time, then RAW_CLICK_FIELDS values per click. */
  private fields: string[] = [];
  private clicks = 0;
  /** Closed handovers `post` could not take yet (no shipper thread at the moment), oldest first. */
  private readonly waiting: RawClicks[] = [];
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
    shareId: string,
    address: string,
    userAgent: string,
    referer: string | undefined,
    secPurpose: string | undefined,
    purpose: string | undefined,
    xMoz: string | undefined,
  ): void {
    if (!this.enabled || this.closed) return;
    const fields = this.fields;
    if (this.clicks === 0) fields.push(String(Date.now()));
    fields.push(shareId, address, userAgent, referer ?? '', secPurpose ?? '', purpose ?? '', xMoz ?? '');
    this.clicks += 1;
    if (this.clicks >= MAX_HANDOVER) {
      this.handOver();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.handOver(), this.flushMs);
      this.timer.unref();
    }
  }

  /**
   * Closes the open handover and posts every closed one. When `post` cannot take one (no shipper
   * thread at the moment), it and those after it wait for the next call; new clicks go into a new
   * handover with a time of its own meanwhile.
   */
  handOver(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.clicks > 0) {
      this.waiting.push(this.fields.join(RAW_SEPARATOR));
      this.fields = [];
      this.clicks = 0;
    }
    while (this.waiting.length > 0) {
      if (!this.post(this.waiting[0] as RawClicks)) return;
      this.waiting.shift();
    }
  }

  /** Posts what is queued and takes no more clicks. */
  close(): void {
    this.handOver();
    this.closed = true;
  }
}

/** What the redirect needs to count a visit: a {@link ClickBatcher} on the thread that answers it. */
export type ClickSink = Pick<ClickBatcher, 'enabled' | 'record'>;
