import type { Worker } from 'node:worker_threads';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { ClickRecorder } from '../clicks/click-recorder';
import type { ShipperStatus } from '../clicks/click-shipper';
import { moduleBeside, startModuleWorker } from '../clicks/worker-thread';
import { RedirectBusyError, RedirectCache, type RedirectTarget } from './redirect-cache';
import { redirectAnswerCounts, sharedRedirectAnswerBuffer } from './tracked-link-handler';
import type { ListenerMessage, ListenerRequest, RedirectListenerOptions } from './redirect-listener.worker';

/** A stopped thread is replaced after this long. */
const RESTART_MS = 1_000;
/** `close` waits this long for the thread's answer before it is terminated. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Tracked links on a port of their own (REDIRECT_PORT), answered by a thread with nothing else on
 * it (`redirect-listener.worker.ts`, which says why). This side starts the thread, answers its
 * cache misses from the API's {@link RedirectCache}, gives it a port to the click shipper thread
 * (again whenever the {@link ClickRecorder} replaces that thread), writes its log lines, starts
 * another thread if it stops, and closes it before the click recorder closes, so its last clicks
 * are shipped.
 *
 * It starts when the app is bootstrapped (after the click shipper, and in `main` after the
 * migrations), and only in an app `createApp` made: a worker process serves no HTTP.
 */
@Injectable()
export class RedirectListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RedirectListener.name);
  private worker: Worker | null = null;
  private disconnect: (() => void) | null = null;
  private restart: NodeJS.Timeout | null = null;
  private wanted = false;
  private stopping = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (status: ShipperStatus | null) => void>();
  /** The port it listens on, once it does. */
  port: number | null = null;
  /** Cache misses of the thread answered here since the start. */
  lookups = 0;
  private readonly answersBuffer = sharedRedirectAnswerBuffer();
  /**
   * What the thread answered (`REDIRECT_OUTCOMES`), written by it and read here; a thread started
   * again after a stop counts on in the same slots.
   */
  readonly answers = redirectAnswerCounts(this.answersBuffer);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: RedirectCache,
    private readonly recorder: ClickRecorder,
  ) {}

  /** Called by `createApp`: this app serves HTTP, so it serves REDIRECT_PORT too when it is set. */
  serveWithApp(): void {
    this.wanted = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.wanted && this.config.REDIRECT_PORT !== null)
      this.port = await this.start(this.config.REDIRECT_PORT);
  }

  /** Hands the thread's queued clicks to the shipper and resolves once they are in Redis or the journal. */
  flush(): Promise<ShipperStatus | null> {
    return this.request('flush');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.restart) clearTimeout(this.restart);
    const worker = this.worker;
    if (!worker) return;
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), CLOSE_TIMEOUT_MS).unref());
    await Promise.race([this.request('close'), timeout]);
    this.detach(worker);
    await worker.terminate();
  }

  /** Starts a thread listening on `port` and resolves with the port it listens on. */
  private start(port: number): Promise<number> {
    const options: RedirectListenerOptions = {
      host: this.config.HOST,
      port,
      counting: this.config.CLICK_COUNTING,
      flushMs: this.config.CLICK_FLUSH_MS,
      cacheSize: this.config.REDIRECT_CACHE_SIZE,
      trustProxy: this.config.TRUST_PROXY,
      answers: this.answersBuffer,
    };
    const worker = startModuleWorker(
      moduleBeside(__dirname, __filename, 'redirect-listener.worker'),
      options,
    );
    this.worker = worker;
    this.disconnect = this.recorder.connectProducer((shipperPort) => {
      const message: ListenerRequest = { type: 'clicks-port', port: shipperPort };
      worker.postMessage(message, [shipperPort]);
    });
    return new Promise<number>((resolve, reject) => {
      let listening = false;
      worker.on('message', (message: ListenerMessage) => {
        if (message.type === 'listening') {
          listening = true;
          resolve(message.port);
        } else if (message.type === 'failed') {
          this.logger.error({ err: message.error }, 'redirect listener failed');
          if (!listening) {
            reject(new Error(`REDIRECT_PORT: ${message.error}`));
            void worker.terminate();
          }
        } else if (message.type === 'lookup') {
          this.lookup(worker, message.id, message.code);
        } else if (message.type === 'log') {
          this.logger.error({ err: message.error, ...message.context }, message.message);
        } else {
          const done = this.waiting.get(message.id);
          this.waiting.delete(message.id);
          done?.(message.status);
        }
      });
      worker.on('error', (error) => this.logger.error({ err: error }, 'redirect listener thread failed'));
      worker.on('exit', (code) => {
        reject(new Error(`redirect listener thread stopped (${code}) before it listened`));
        for (const done of this.waiting.values()) done(null);
        this.waiting.clear();
        if (this.worker !== worker) return;
        this.detach(worker);
        if (this.stopping || !listening) return;
        // Tracked links must not stay unanswered: the same port again, in a new thread.
        this.logger.error({ code }, 'redirect listener thread stopped; starting another');
        this.restart = setTimeout(() => {
          this.restart = null;
          if (this.stopping || this.port === null) return;
          this.start(this.port).catch((error: unknown) => {
            this.logger.error({ err: error }, 'redirect listener could not start again');
          });
        }, RESTART_MS);
      });
    });
  }

  private detach(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.disconnect?.();
    this.disconnect = null;
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
    this.lookups += 1;
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
