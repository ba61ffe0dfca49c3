import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import type { ShipperOptions, ShipperStatus } from './click-shipper';
import type { ShipperRequest } from './click-shipper.worker';
import { startModuleWorker } from './worker-thread';

/** A handover is posted once it holds this many clicks, or after CLICK_FLUSH_MS. */
const MAX_HANDOVER = 1_000;
const WORKER_START_MS = 5_000;

type ShipperMessage =
  | { type: 'ready' }
  | { type: 'synced'; id: number; status: ShipperStatus }
  | { type: 'closed'; id: number }
  | { type: 'log'; level: 'warn' | 'error' | 'info'; message: string; error?: string };

const LOST: ShipperStatus = { mode: 'journal', stats: { streamed: 0, journalled: 0, lost: 0 } };

/**
 * The redirect's side of counting. `record()` only appends the click's raw facts to an in-process
 * array, so a redirect never waits for Redis, the disk or the database. Every CLICK_FLUSH_MS the
 * array is handed to the click shipper thread (`click-shipper.worker.ts`), which gives each click
 * its id, class and visitor hash and sends the batch to the Redis stream, or to the journal under
 * DATA_DIR while Redis is away. The hashing and encoding so run beside the redirects rather than
 * between them (bench/redirect measured them at about half the cost of a redirect).
 *
 * What can still be lost: the clicks of the last few milliseconds if the process dies before they
 * reach the journal or Redis (memory only), and batches neither Redis nor the disk took
 * (`lost` in the status).
 */
@Injectable()
export class ClickRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClickRecorder.name);
  readonly enabled: boolean;
  /** Clicks handed to the recorder since the start. */
  recorded = 0;
  private readonly flushMs: number;
  private readonly options: Omit<ShipperOptions, 'log'>;
  private worker: Worker | null = null;
  private pending = '';
  private pendingClicks = 0;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (status: ShipperStatus) => void>();
  private closing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(RUNTIME_SERVICES) services: RuntimeServices) {
    this.enabled = config.CLICK_COUNTING;
    this.flushMs = config.CLICK_FLUSH_MS;
    this.options = {
      redisUrl: services.redisUrl,
      redisPrefix: config.REDIS_PREFIX,
      journalDir: join(config.DATA_DIR, 'click-journal'),
      secret: services.authSecret,
    };
  }

  async onModuleInit(): Promise<void> {
    if (this.enabled) await this.startWorker();
  }

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
    if (!this.enabled || this.closing) return;
    this.recorded += 1;
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

  /** Hands over what is queued and resolves once all of it is in Redis or the journal. */
  flush(): Promise<ShipperStatus> {
    this.handOver();
    return this.request('sync');
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    this.handOver();
    this.closing = true;
    await this.request('close');
    await this.worker.terminate();
    this.worker = null;
  }

  private handOver(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pendingClicks === 0 || !this.worker) return;
    const message: ShipperRequest = { type: 'clicks', raw: this.pending };
    this.worker.postMessage(message);
    this.pending = '';
    this.pendingClicks = 0;
  }

  private request(type: 'sync' | 'close'): Promise<ShipperStatus> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(LOST);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const message: ShipperRequest = { type, id };
      worker.postMessage(message);
    });
  }

  private startWorker(): Promise<void> {
    const entry = join(__dirname, `click-shipper.worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
    const worker = startModuleWorker(entry, this.options);
    this.worker = worker;
    return new Promise((resolve) => {
      const timeout = setTimeout(resolve, WORKER_START_MS);
      worker.on('message', (message: ShipperMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timeout);
          resolve();
        } else if (message.type === 'log') {
          this.logger[message.level === 'info' ? 'log' : message.level](
            { err: message.error },
            message.message,
          );
        } else {
          const done = this.waiting.get(message.id);
          this.waiting.delete(message.id);
          done?.(message.type === 'synced' ? message.status : LOST);
        }
      });
      worker.on('error', (error) => this.logger.error({ err: error }, 'click shipper thread failed'));
      worker.on('exit', (code) => {
        for (const done of this.waiting.values()) done(LOST);
        this.waiting.clear();
        if (this.closing || this.worker !== worker) return;
        // Clicks it held in memory are gone; new ones go to a new thread.
        this.logger.error({ code }, 'click shipper thread stopped; starting another');
        void this.startWorker();
      });
    });
  }
}
