import { classifyUserAgent, classifyVisit, type VisitClass } from '@heimo/domain';
import type Redis from 'ioredis';
import { addressGroups } from '../../../infra/http/client-address';
import { ClickJournal } from './click-journal';
import { RAW_CLICK_FIELDS, RAW_SEPARATOR, type RawClicks } from './raw-clicks';
import { ClickBatchWriter } from './click-message';
import { CLICK_BATCH_FIELD, clickStreamKey, fastFailRedis } from './click-stream';
import { referrerHost } from './referrer-host';
import { VisitorHasher } from './visitor-hasher';

export { RAW_CLICK_FIELDS, RAW_SEPARATOR, type RawClicks } from './raw-clicks';

const RECOVERY_CHECK_MS = 500;
/** How often a shipper that writes to Redis looks for journals that processes no longer running left. */
export const JOURNAL_SWEEP_MS = 30_000;
const REPLAY_CHUNK = 100;
const MEMO_MAX = 2_000;
const MEMO_LENGTH = 512;

export interface ShipperOptions {
  readonly redisUrl: string;
  readonly redisPrefix: string;
  readonly journalDir: string;
  /** The server secret the visitor salts derive from. */
  readonly secret: string;
  /** How often to look for journals of stopped processes (JOURNAL_SWEEP_MS; tests make it short). */
  readonly sweepMs?: number;
  /**
   * Where the shipper adds what it shipped (`SHIPPED_COUNTS`: streamed, journalled, lost), shared
   * with the API's thread for the metrics; a shipper thread started again counts on in it.
   */
  readonly counts?: SharedArrayBuffer;
  readonly log?: (level: 'warn' | 'error' | 'info', message: string, error?: unknown) => void;
}

export interface ShipperStats {
  /** Clicks written to the Redis stream directly (replayed journal batches are not counted again). */
  streamed: number;
  /** Clicks written to the local journal while Redis was away. */
  journalled: number;
  /** Clicks neither Redis nor the journal took (the disk failed too). */
  lost: number;
}

/** The slots of `ShipperOptions.counts`, in order. */
export const SHIPPED_COUNTS = ['streamed', 'journalled', 'lost'] as const;

/** A buffer for `ShipperOptions.counts`. */
export function sharedShippedCounts(): SharedArrayBuffer {
  return new SharedArrayBuffer(SHIPPED_COUNTS.length * Float64Array.BYTES_PER_ELEMENT);
}

export interface ShipperStatus {
  readonly mode: 'stream' | 'journal';
  readonly stats: ShipperStats;
}

/**
 * Turns the redirect's raw clicks into click messages and ships them, off the redirect's thread
 * (see `ClickRecorder`): each click gets its class (click or preview), its anonymous visitor hash
 * (the address goes no further than this function), its referrer host and its id (from the
 * batch's, see `ClickBatchWriter`); each batch becomes one stream entry. When Redis does not take a batch, it goes to the fsync'd
 * {@link ClickJournal}, and every later one too until Redis answers again; then the journal is
 * replayed into the stream, in order, before new batches go there directly. One chain of promises
 * ships the batches, so they never overtake each other.
 */
export class ClickShipper {
  readonly stats: ShipperStats = { streamed: 0, journalled: 0, lost: 0 };
  private readonly streamKey: string;
  private readonly redis: Redis;
  private readonly journal: ClickJournal;
  private readonly hasher: VisitorHasher;
  private readonly log: NonNullable<ShipperOptions['log']>;
  private readonly counts: Float64Array;
  private readonly userAgents = new Map<string, VisitClass>();
  private readonly referrerHosts = new Map<string, string | null>();
  private chain: Promise<void> = Promise.resolve();
  private mode: 'stream' | 'journal' = 'stream';
  private recovery: NodeJS.Timeout | null = null;
  private recovering = false;
  private sweep: NodeJS.Timeout | null = null;
  private readonly sweepMs: number;
  private closed = false;

  constructor(options: ShipperOptions) {
    this.streamKey = clickStreamKey(options.redisPrefix);
    this.redis = fastFailRedis(options.redisUrl);
    // Errors are handled where commands fail; ioredis would otherwise report every reconnect attempt.
    this.redis.on('error', () => undefined);
    this.journal = new ClickJournal(options.journalDir);
    this.hasher = new VisitorHasher(options.secret);
    this.log = options.log ?? (() => undefined);
    this.sweepMs = options.sweepMs ?? JOURNAL_SWEEP_MS;
    this.counts = new Float64Array(options.counts ?? sharedShippedCounts());
  }

  /**
   * Connects to Redis (or starts in journal mode) and replays what earlier processes left; from then
   * on, every `sweepMs`, replays what processes that stopped meanwhile left (see `sweepOrphans`).
   */
  async start(): Promise<void> {
    this.sweep = setInterval(() => this.sweepOrphans(), this.sweepMs);
    this.sweep.unref();
    try {
      await this.redis.connect();
    } catch (error) {
      this.log('warn', 'Redis unreachable at start: clicks go to the journal', error);
      this.toJournalMode();
      return;
    }
    this.enqueue(() => this.replay());
  }

  /** Ships one handover of raw clicks; resolves when it is in Redis or the journal. */
  ship(raw: RawClicks): Promise<void> {
    for (const batch of this.encode(raw)) this.enqueue(() => this.send(batch.line, batch.count));
    return this.chain;
  }

  /** Waits for everything handed over so far. */
  async settle(): Promise<ShipperStatus> {
    await this.chain;
    return { mode: this.mode, stats: { ...this.stats } };
  }

  async close(): Promise<void> {
    await this.chain;
    this.closed = true;
    if (this.recovery) clearInterval(this.recovery);
    if (this.sweep) clearInterval(this.sweep);
    await this.journal.close();
    this.redis.disconnect();
  }

  /**
   * One handover as stream lines (`ClickBatchWriter`'s format; one line unless it holds more than
   * MAX_CLICKS_PER_BATCH clicks), in one pass: each click gets its class, its visitor hash and its
   * referrer host, and its id from its place in the batch. The click shipper thread's whole work per
   * click is here, and every microsecond of it is taken from the redirects when the CPUs are busy
   * (bench/redirect): no intermediate objects, and the user agent's class and the referrer's host
   * are remembered, since both repeat from visitor to visitor.
   */
  encode(raw: RawClicks): { line: string; count: number }[] {
    const fields = raw.split(RAW_SEPARATOR);
    const batches: { line: string; count: number }[] = [];
    const at = Number(fields[0]);
    if (!Number.isFinite(at)) return batches;
    let batch = new ClickBatchWriter();
    for (let i = 1; i + RAW_CLICK_FIELDS <= fields.length; i += RAW_CLICK_FIELDS) {
      const userAgent = fields[i + 2] as string;
      const host = this.referrerHostOf(fields[i + 3] as string);
      const visit = classifyVisit(
        {
          userAgent,
          secPurpose: fields[i + 4],
          purpose: fields[i + 5],
          xMoz: fields[i + 6],
          referrerHost: host,
        },
        this.byUserAgent,
      );
      if (batch.full) {
        batches.push({ line: batch.line(), count: batch.size });
        batch = new ClickBatchWriter();
      }
      // IPv6 visitors by their /64; the network (/24, /64) only ever as a keyed hash.
      const address = addressGroups(fields[i + 1] as string);
      batch.add(
        at,
        fields[i] as string,
        this.hasher.hash(address.visitor, userAgent, at),
        visit.reason,
        host,
        this.hasher.network(address.network, at),
      );
    }
    if (batch.size > 0) batches.push({ line: batch.line(), count: batch.size });
    return batches;
  }

  /** User agents repeat across visitors (a browser version is one string): each is classified once. */
  private readonly byUserAgent = (userAgent: string): VisitClass =>
    memoised(this.userAgents, userAgent, classifyUserAgent);

  private referrerHostOf(referer: string): string | null {
    return referer === '' ? null : memoised(this.referrerHosts, referer, referrerHost);
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.log('error', 'click shipping failed', error);
    });
  }

  private async send(line: string, count: number): Promise<void> {
    if (this.mode === 'stream') {
      try {
        await this.redis.xadd(this.streamKey, '*', CLICK_BATCH_FIELD, line);
        this.stats.streamed += count;
        this.counts[0] += count;
        return;
      } catch (error) {
        this.log('warn', 'Redis did not take a click batch: journalling until it is back', error);
        this.toJournalMode();
      }
    }
    try {
      await this.journal.append(line);
      this.stats.journalled += count;
      this.counts[1] += count;
    } catch (error) {
      this.stats.lost += count;
      this.counts[2] += count;
      this.log('error', `neither Redis nor the journal took a batch of ${count} clicks`, error);
    }
  }

  private toJournalMode(): void {
    this.mode = 'journal';
    if (this.recovery || this.closed) return;
    this.recovery = setInterval(() => {
      if (this.recovering || this.redis.status !== 'ready') return;
      this.recovering = true;
      this.enqueue(async () => {
        try {
          await this.replay();
        } finally {
          this.recovering = false;
        }
      });
    }, RECOVERY_CHECK_MS);
    this.recovery.unref();
  }

  /**
   * Another process that journalled clicks (Redis was away) and stopped before it could replay them
   * (killed, crashed) left its files behind. While this shipper writes to Redis, it takes such files
   * over (`ClickJournal.takeAll` claims them by renaming, so of several processes only one replays
   * a file) and replays them, queued behind the batches being shipped. A look that finds nothing
   * costs one directory listing. In journal mode the recovery loop does the same once Redis is back.
   */
  private sweepOrphans(): void {
    if (this.mode !== 'stream' || this.closed || this.recovering) return;
    this.recovering = true;
    this.enqueue(async () => {
      try {
        if (this.mode === 'stream') await this.replay();
      } finally {
        this.recovering = false;
      }
    });
  }

  /** Moves every journalled batch into the stream; back to `stream` mode when all went. */
  private async replay(): Promise<void> {
    const { lines, files } = await this.journal.takeAll();
    try {
      for (let i = 0; i < lines.length; i += REPLAY_CHUNK) {
        const pipeline = this.redis.pipeline();
        for (const line of lines.slice(i, i + REPLAY_CHUNK)) {
          pipeline.xadd(this.streamKey, '*', CLICK_BATCH_FIELD, line);
        }
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([error]) => error);
        if (failed) throw failed[0];
      }
    } catch (error) {
      // The files stay; a later replay sends them again (their click ids make that harmless).
      this.journal.markPending();
      this.log('warn', 'click journal replay failed; retrying', error);
      this.toJournalMode();
      return;
    }
    await this.journal.remove(files);
    if (lines.length) this.log('info', `click journal replayed into Redis (${lines.length} batches)`);
    this.mode = 'stream';
    if (this.recovery) {
      clearInterval(this.recovery);
      this.recovery = null;
    }
  }
}

/** `compute(key)`, remembered in `memo` (emptied when full); long keys are not remembered. */
function memoised<T>(memo: Map<string, T>, key: string, compute: (key: string) => T): T {
  if (key.length > MEMO_LENGTH) return compute(key);
  let known = memo.get(key);
  if (known === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    known = compute(key);
    memo.set(key, known);
  }
  return known;
}
