import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { ClickIngestor } from './click-ingestor';
import { type ClickMessage, decodeClickBatch } from './click-message';
import { CLICK_BATCH_FIELD, CLICK_STREAM_GROUP, clickStreamKey, consumerRedis } from './click-stream';

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
  private readonly redis: Redis;
  readonly name: string;
  private readonly claimIdleMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
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
    // The blocking read returns within BLOCK_MS and the loop ends; while Redis is away it would
    // wait for ever, so the connection is closed after that (the loop then ends on the error).
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, BLOCK_MS + 500).unref())]);
    this.redis.disconnect();
    await this.loop;
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
        await new Promise((resolve) => setTimeout(resolve, backoff));
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
    }
    return this.handle(await this.read('>', true));
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

  private async handle(entries: StreamEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const clicks: ClickMessage[] = [];
    for (const [, fields] of entries) {
      // An entry deleted while pending has nothing left to store; it is only acknowledged.
      if (!fields) continue;
      for (let i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i] === CLICK_BATCH_FIELD) clicks.push(...decodeClickBatch(fields[i + 1] as string));
      }
    }
    for (let i = 0; i < clicks.length; i += CLICKS_PER_TRANSACTION) {
      await this.ingestor.ingest(clicks.slice(i, i + CLICKS_PER_TRANSACTION));
    }
    // Only after every commit: acknowledge and drop the entries.
    const ids = entries.map(([id]) => id);
    await this.redis
      .multi()
      .xack(this.key, CLICK_STREAM_GROUP, ...ids)
      .xdel(this.key, ...ids)
      .exec();
    this.processed += clicks.length;
    return clicks.length;
  }
}
