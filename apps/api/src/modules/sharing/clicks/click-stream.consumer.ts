import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { ClickIngestor } from './click-ingestor';
import { type ClickMessage, readClickBatch } from './click-message';
import {
  CLICK_BATCH_FIELD,
  CLICK_STREAM_GROUP,
  clickParkedKey,
  clickStreamKey,
  consumerRedis,
} from './click-stream';

/** Stream entries read at once; each holds up to a thousand clicks. */
const ENTRIES_PER_READ = 20;
/** Clicks per transaction: large enough to amortise round trips, small enough to keep locks short. */
const CLICKS_PER_TRANSACTION = 5_000;
const BLOCK_MS = 1_000;
/** A batch another consumer took and did not acknowledge within this time is taken over. */
export const CLAIM_IDLE_MS = 30_000;
const CLAIM_EVERY_MS = 5_000;

/** Fields are null for an entry deleted while it was pending. */
type StreamEntry = [id: string, fields: string[] | null];

export interface ConsumerOptions {
  readonly redisUrl: string;
  readonly redisPrefix: string;
  /** Entries pending this long at another consumer are claimed (tests make it short). */
  readonly claimIdleMs?: number;
  readonly name?: string;
}

/**
 * The click worker's loop: reads batches from the clicks stream as a member of the consumer group,
 * stores them through {@link ClickIngestor} and acknowledges (and deletes) the entries only after
 * the transaction committed. A worker killed before its commit leaves its entries pending; another
 * worker claims them after {@link CLAIM_IDLE_MS} (XAUTOCLAIM) and stores them, and the click ids
 * make sure nothing is counted twice even when the first worker had committed but not acknowledged.
 */
export class ClickStreamConsumer {
  private readonly logger = new Logger(ClickStreamConsumer.name);
  private readonly key: string;
  private readonly parkedKey: string;
  /** Where the next look at the parked entries starts (exclusive), '-' for the start. */
  private parkedFrom = '-';
  private readonly redis: Redis;
  readonly name: string;
  private readonly claimIdleMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  /** Ends the wait between two failed rounds. */
  private wake: (() => void) | null = null;
  /** True while the loop waits in its blocking read, holding no batch. */
  private waiting = false;
  private lastClaim = 0;
  private groupReady = false;
  /** Entries of this consumer that failed: read them again (id 0) before new ones. */
  private retryOwn = true;
  /** Clicks handled (stored or found already stored) since the start. */
  processed = 0;

  constructor(
    private readonly ingestor: ClickIngestor,
    options: ConsumerOptions,
  ) {
    this.key = clickStreamKey(options.redisPrefix);
    this.parkedKey = clickParkedKey(options.redisPrefix);
    this.redis = consumerRedis(options.redisUrl);
    this.redis.on('error', () => undefined);
    // After any reconnection, a batch may have been delivered to this consumer with its reply lost
    // in the dropped connection (ioredis resends an unanswered read, which then asks for NEW
    // entries). Such a batch is pending here, and only XAUTOCLAIM would find it, CLAIM_IDLE_MS
    // later: read this consumer's own pending entries first instead.
    this.redis.on('ready', () => {
      this.retryOwn = true;
    });
    this.name = options.name ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.claimIdleMs = options.claimIdleMs ?? CLAIM_IDLE_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    // A loop waiting in its blocking read holds nothing: the read is cut at once by the disconnect
    // below (entries Redis hands out as it is cut stay pending in the group, where XAUTOCLAIM finds
    // them). A loop storing a batch ends within BLOCK_MS; while Redis is away it would wait for
    // ever, so the connection is closed after that (the loop then ends on the error, or is left
    // behind, below).
    if (!this.waiting) {
      await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, BLOCK_MS + 500).unref())]);
    }
    const connected = this.redis.status === 'ready';
    this.redis.disconnect();
    this.wake?.();
    if (connected) {
      // A batch being stored is committed first.
      await this.loop;
    } else {
      // A command queued while ioredis was between two reconnection attempts is never settled by
      // a disconnect: the loop waiting for it is left behind rather than waited for.
      await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, 200).unref())]);
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        await this.step();
        backoff = 100;
      } catch (error) {
        if (!this.running) break;
        this.logger.warn({ err: error }, 'click worker step failed; retrying');
        this.retryOwn = true;
        // A Redis that came back empty (no persistence) has lost the group: make it again.
        this.groupReady = false;
        // A stop ends the wait (see stop): Redis may stay away for longer than the app may take to close.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      // From the start of the stream: batches written before any worker ran are counted too.
      await this.redis.xgroup('CREATE', this.key, CLICK_STREAM_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    this.groupReady = true;
  }

  /** One round: own unacknowledged entries first, then abandoned ones, then new ones. */
  async step(): Promise<number> {
    if (this.redis.status === 'wait') await this.redis.connect();
    await this.ensureGroup();
    if (this.retryOwn) {
      const own = await this.read('0', false);
      if (own.length === 0) this.retryOwn = false;
      else return this.handle(own);
    }
    if (Date.now() - this.lastClaim >= CLAIM_EVERY_MS) {
      this.lastClaim = Date.now();
      const claimed = await this.claim();
      // A full page: there may be more abandoned entries; claim again on the next round.
      if (claimed.length >= ENTRIES_PER_READ) this.lastClaim = 0;
      if (claimed.length) return this.handle(claimed);
      const unparked = await this.unpark();
      if (unparked > 0) return unparked;
    }
    this.waiting = true;
    let entries: StreamEntry[];
    try {
      entries = await this.read('>', true);
    } finally {
      this.waiting = false;
    }
    return this.handle(entries);
  }

  private async read(from: '0' | '>', block: boolean): Promise<StreamEntry[]> {
    const args: (string | number)[] = ['GROUP', CLICK_STREAM_GROUP, this.name, 'COUNT', ENTRIES_PER_READ];
    if (block) args.push('BLOCK', BLOCK_MS);
    args.push('STREAMS', this.key, from);
    const reply = (await this.redis.call('XREADGROUP', ...args)) as [string, StreamEntry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  private async claim(): Promise<StreamEntry[]> {
    const reply = (await this.redis.call(
      'XAUTOCLAIM',
      this.key,
      CLICK_STREAM_GROUP,
      this.name,
      this.claimIdleMs,
      '0-0',
      'COUNT',
      ENTRIES_PER_READ,
    )) as [string, StreamEntry[]];
    return (reply?.[1] ?? []).filter((entry) => Array.isArray(entry));
  }

  /**
   * Stores the clicks of `entries`, then acknowledges and deletes them. An entry in a format this
   * version does not read (written by a newer API process while workers are being upgraded) is
   * moved to the parked stream in the same MULTI, not dropped.
   */
  private async handle(entries: StreamEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const clicks: ClickMessage[] = [];
    const parked: [id: string, fields: string[], format: number | null][] = [];
    for (const [id, fields] of entries) {
      // An entry deleted while pending has nothing left to store; it is only acknowledged.
      if (!fields) continue;
      for (let i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i] !== CLICK_BATCH_FIELD) continue;
        const batch = readClickBatch(fields[i + 1] as string);
        if (batch.clicks === null) parked.push([id, fields, batch.format]);
        else for (const click of batch.clicks) clicks.push(click);
      }
    }
    await this.store(clicks);
    // Only after every commit: acknowledge and drop the entries.
    const ids = entries.map(([id]) => id);
    const multi = this.redis.multi();
    for (const [, fields] of parked) multi.xadd(this.parkedKey, '*', ...fields);
    await multi
      .xack(this.key, CLICK_STREAM_GROUP, ...ids)
      .xdel(this.key, ...ids)
      .exec();
    for (const [id, , format] of parked) {
      this.logger.warn(
        { entry: id, format, parkedIn: this.parkedKey },
        'click batch in a stream format this worker does not read, parked for a newer worker: upgrade the workers',
      );
    }
    return clicks.length;
  }

  private async store(clicks: ClickMessage[]): Promise<void> {
    for (let i = 0; i < clicks.length; i += CLICKS_PER_TRANSACTION) {
      await this.ingestor.ingest(clicks.slice(i, i + CLICKS_PER_TRANSACTION));
    }
    this.processed += clicks.length;
  }

  /**
   * Stores what it can read of the parked entries (parked by workers of an older version) and
   * deletes those; a page per call, going round the parked stream.
   */
  private async unpark(): Promise<number> {
    const page = (await this.redis.xrange(
      this.parkedKey,
      this.parkedFrom,
      '+',
      'COUNT',
      ENTRIES_PER_READ,
    )) as [string, string[]][];
    const last = page.at(-1);
    this.parkedFrom = last && page.length >= ENTRIES_PER_READ ? `(${last[0]}` : '-';
    const clicks: ClickMessage[] = [];
    const readable: string[] = [];
    for (const [id, fields] of page) {
      const at = fields.indexOf(CLICK_BATCH_FIELD);
      const batch = at === -1 ? null : readClickBatch(fields[at + 1] as string);
      if (batch?.clicks === null) continue;
      readable.push(id);
      for (const click of batch?.clicks ?? []) clicks.push(click);
    }
    if (readable.length === 0) return 0;
    await this.store(clicks);
    await this.redis.xdel(this.parkedKey, ...readable);
    return clicks.length;
  }
}
