import type { Worker } from 'node:worker_threads';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { ClickRecorder } from '../clicks/click-recorder';
import type { ShipperStatus } from '../clicks/click-shipper';
import { moduleBeside, startModuleWorker } from '../clicks/worker-thread';
import { RedirectBusyError, RedirectCache, type RedirectTarget } from './redirect-cache';
import type { ListenerMessage, ListenerRequest, RedirectListenerOptions } from './redirect-listener.worker';

/**
 * Tracked links on a port of their own (REDIRECT_PORT), answered by a thread with nothing else on
 * it (`redirect-listener.worker.ts`, which says why). This side starts the thread, answers its
 * cache misses from the API's {@link RedirectCache}, gives it a port to the click shipper thread
 * (again whenever the {@link ClickRecorder} replaces that thread), writes its log lines, and
 * closes it before the click recorder closes, so its last clicks are shipped.
 */
@Injectable()
export class RedirectListener implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RedirectListener.name);
  private worker: Worker | null = null;
  private disconnect: (() => void) | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (status: ShipperStatus | null) => void>();
  /** The port it listens on, once it does. */
  port: number | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: RedirectCache,
    private readonly recorder: ClickRecorder,
  ) {}

  /** Starts the thread on REDIRECT_PORT (when it is set) and resolves once it listens. */
  async start(): Promise<void> {
    if (this.config.REDIRECT_PORT === null || this.worker) return;
    const options: RedirectListenerOptions = {
      host: this.config.HOST,
      port: this.config.REDIRECT_PORT,
      counting: this.config.CLICK_COUNTING,
      flushMs: this.config.CLICK_FLUSH_MS,
      cacheSize: this.config.REDIRECT_CACHE_SIZE,
    };
    const entry = moduleBeside(__dirname, __filename, 'redirect-listener.worker');
    const worker = startModuleWorker(entry, options);
    this.worker = worker;
    const started = new Promise<number>((resolve, reject) => {
      worker.on('message', (message: ListenerMessage) => {
        if (message.type === 'listening') resolve(message.port);
        else if (message.type === 'failed') reject(new Error(`REDIRECT_PORT: ${message.error}`));
        else if (message.type === 'lookup') this.lookup(worker, message.id, message.code);
        else if (message.type === 'log')
          this.logger.error({ err: message.error, ...message.context }, message.message);
        else {
          const done = this.waiting.get(message.id);
          this.waiting.delete(message.id);
          done?.(message.status);
        }
      });
      worker.on('error', (error) => {
        this.logger.error({ err: error }, 'redirect listener thread failed');
        reject(error);
      });
      worker.on('exit', (code) => {
        for (const done of this.waiting.values()) done(null);
        this.waiting.clear();
        if (this.worker === worker) {
          this.logger.error({ code }, 'redirect listener thread stopped');
          this.worker = null;
          this.port = null;
        }
        reject(new Error(`redirect listener thread stopped (${code})`));
      });
    });
    this.disconnect = this.recorder.connectProducer((port) => {
      const message: ListenerRequest = { type: 'clicks-port', port };
      worker.postMessage(message, [port]);
    });
    try {
      this.port = await started;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Hands the thread's queued clicks to the shipper and resolves once they are in Redis or the journal. */
  flush(): Promise<ShipperStatus | null> {
    return this.request('flush');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await this.request('close');
    this.worker = null;
    this.port = null;
    this.disconnect?.();
    this.disconnect = null;
    await worker.terminate();
  }

  private request(type: 'flush' | 'close'): Promise<ShipperStatus | null> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const message: ListenerRequest = { type, id };
      worker.postMessage(message);
    });
  }

  /** A miss of the thread's cache: this thread's cache, else the database. */
  private lookup(worker: Worker, id: number, code: string): void {
    const reply = (target: RedirectTarget | null, busy = false) => {
      const message: ListenerRequest = { type: 'target', id, target, busy };
      worker.postMessage(message);
    };
    const cached = this.cache.peek(code);
    if (cached !== undefined) return reply(cached);
    this.cache.load(code).then(
      (target) => reply(target),
      (error: unknown) => {
        if (!(error instanceof RedirectBusyError))
          this.logger.error({ err: error }, 'tracked-link look-up failed');
        reply(null, true);
      },
    );
  }
}
