import { join } from 'node:path';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import { ClickBatcher, type ClickSink } from './click-batcher';
import { sharedShippedCounts, type ShipperOptions, type ShipperStatus } from './click-shipper';
import type { ShipperRequest } from './click-shipper.worker';
import { moduleBeside, startModuleWorker } from './worker-thread';

const WORKER_START_MS = 5_000;

type ShipperMessage =
  | { type: 'ready' }
  | { type: 'synced'; id: number; status: ShipperStatus }
  | { type: 'closed'; id: number }
  | { type: 'log'; level: 'warn' | 'error' | 'info'; message: string; error?: string };

const LOST: ShipperStatus = { mode: 'journal', stats: { streamed: 0, journalled: 0, lost: 0 } };

/**
 * Counting in an API process: owns the click shipper thread (`click-shipper.worker.ts`) and the
 * {@link ClickBatcher} of the app's own thread, whose handovers it posts to that thread. Other
 * threads that answer redirects (the redirect listener, REDIRECT_PORT) get a message port of their
 * own to the shipper through {@link connectProducer}, and a new one whenever the shipper thread
 * is replaced.
 *
 * What can still be lost: the clicks of the last few milliseconds if the process dies before they
 * reach the journal or Redis (memory only), and batches neither Redis nor the disk took
 * (`lost` in the status).
 */
@Injectable()
export class ClickRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClickRecorder.name);
  readonly enabled: boolean;
  /** Where the redirects answered on this thread note their clicks. */
  readonly clicks: ClickSink;
  private readonly batcher: ClickBatcher;
  private readonly options: Omit<ShipperOptions, 'log'>;
  private worker: Worker | null = null;
  private readonly producers = new Set<(port: MessagePort) => void>();
  private nextId = 1;
  private readonly waiting = new Map<number, (status: ShipperStatus) => void>();
  private closing = false;
  /** Clicks shipped by this process's shipper threads, by `SHIPPED_COUNTS` (read by the metrics). */
  readonly shipped: Float64Array;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(RUNTIME_SERVICES) services: RuntimeServices) {
    this.enabled = config.CLICK_COUNTING;
    this.clicks = this.batcher = new ClickBatcher(this.enabled, config.CLICK_FLUSH_MS, (raw) => {
      if (!this.worker) return false;
      const message: ShipperRequest = { type: 'clicks', raw };
      this.worker.postMessage(message);
      return true;
    });
    const counts = sharedShippedCounts();
    this.shipped = new Float64Array(counts);
    this.options = {
      counts,
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
   * Gives another thread that answers redirects a port of its own to the shipper thread (it posts
   * `{ type: 'clicks', raw }` and `{ type: 'sync', id }` there, and gets `{ type: 'synced', id,
   * status }` back): `onPort` is called now and again with a new port whenever the shipper thread
   * is replaced. Returns a function that stops that.
   */
  connectProducer(onPort: (port: MessagePort) => void): () => void {
    this.producers.add(onPort);
    if (this.worker) this.sendProducerPort(this.worker, onPort);
    return () => this.producers.delete(onPort);
  }

  /** Hands over what is queued and resolves once all of it is in Redis or the journal. */
  flush(): Promise<ShipperStatus> {
    this.batcher.handOver();
    return this.request('sync');
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    this.batcher.close();
    this.closing = true;
    await this.request('close');
    await this.worker.terminate();
    this.worker = null;
  }

  private sendProducerPort(worker: Worker, onPort: (port: MessagePort) => void): void {
    const channel = new MessageChannel();
    const message: ShipperRequest = { type: 'producer', port: channel.port1 };
    worker.postMessage(message, [channel.port1]);
    onPort(channel.port2);
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
    const entry = moduleBeside(__dirname, __filename, 'click-shipper.worker');
    const worker = startModuleWorker(entry, this.options);
    this.worker = worker;
    // The thread takes messages before it is ready (it queues them until Redis or the journal is).
    for (const onPort of this.producers) this.sendProducerPort(worker, onPort);
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
