import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../infra/config/config.module';
import { Metrics, within } from '../../infra/metrics/metrics';
import { ClickRecorder } from './clicks/click-recorder';
import { SHIPPED_COUNTS } from './clicks/click-shipper';
import { clickStreamKey, fastFailRedis } from './clicks/click-stream';
import { ClickWorker } from './clicks/click-worker';
import { RedirectListener } from './redirect/redirect-listener';
import { RedirectHandler } from './redirect/redirect.handler';
import { REDIRECT_OUTCOMES } from './redirect/tracked-link-handler';

/** A scrape waits at most this long for Redis. */
const COLLECT_TIMEOUT_MS = 1_000;

/**
 * The click pipeline's metrics, read at each scrape from what the pipeline counts anyway, so the
 * redirect does nothing more than a plain increment (`TrackedLinkHandler.answers`):
 *
 * - `heimo_redirects_total{outcome}`: tracked-link answers of this process, on the API's thread and
 *   on REDIRECT_PORT's thread (a shared buffer) together;
 * - `heimo_clicks_streamed_total`, `heimo_clicks_journalled_total`, `heimo_clicks_lost_total`: clicks
 *   the shipper thread handed to the Redis stream, wrote to the journal, or could put nowhere;
 * - `heimo_clicks_stored_total`: clicks the click worker of this process stored;
 * - `heimo_click_stream_entries` and `heimo_click_stream_oldest_age_seconds`: batches waiting in the
 *   stream (entries are deleted once stored, so the oldest one is the oldest not stored yet).
 */
@Injectable()
export class SharingMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private redis: Redis | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly handler: RedirectHandler,
    private readonly listener: RedirectListener,
    private readonly recorder: ClickRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
    @Optional() private readonly worker?: ClickWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.metrics.enabled) return;
    const answers = [this.handler.answers, this.listener.answers];
    this.metrics.counter({
      name: 'heimo_redirects_total',
      help: 'Tracked links (/r/:code) answered by this process, by outcome.',
      labelNames: ['outcome'] as const,
      collect() {
        this.reset();
        REDIRECT_OUTCOMES.forEach((outcome, slot) => {
          this.inc(
            { outcome },
            answers.reduce((sum, counts) => sum + (counts[slot] ?? 0), 0),
          );
        });
      },
    });
    const shipped = this.recorder.shipped;
    const helps: Record<(typeof SHIPPED_COUNTS)[number], string> = {
      streamed: 'Clicks handed to the Redis click stream by this process.',
      journalled: 'Clicks written to the local click journal (Redis away) by this process; replayed later.',
      lost: 'Clicks neither Redis nor the journal took (should stay 0).',
    };
    SHIPPED_COUNTS.forEach((name, slot) => {
      this.metrics.counter({
        name: `heimo_clicks_${name}_total`,
        help: helps[name],
        collect() {
          this.reset();
          this.inc(shipped[slot] ?? 0);
        },
      });
    });
    const consumer = this.worker?.consumer;
    this.metrics.counter({
      name: 'heimo_clicks_stored_total',
      help: 'Clicks the click worker of this process stored (or found stored already).',
      collect() {
        this.reset();
        this.inc(consumer?.processed ?? 0);
      },
    });
    const key = clickStreamKey(this.config.REDIS_PREFIX);
    this.connection();
    const redis = () => this.connection();
    this.metrics.gauge({
      name: 'heimo_click_stream_entries',
      help: 'Click batches in the Redis stream not stored yet (each a few milliseconds of one process).',
      async collect() {
        const length = await within(redis().xlen(key), COLLECT_TIMEOUT_MS, null);
        if (length !== null) this.set(length);
      },
    });
    this.metrics.gauge({
      name: 'heimo_click_stream_oldest_age_seconds',
      help: 'Age of the oldest click batch in the Redis stream not stored yet; 0 when it is empty.',
      async collect() {
        const first = await within(redis().xrange(key, '-', '+', 'COUNT', 1), COLLECT_TIMEOUT_MS, null);
        if (first === null) return;
        const id = first[0]?.[0];
        this.set(id ? Math.max(0, Date.now() - Number(id.split('-')[0])) / 1000 : 0);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
    this.redis = null;
  }

  /** A connection of its own, made at the first scrape; commands fail at once while Redis is away. */
  private connection(): Redis {
    if (!this.redis) {
      this.redis = fastFailRedis(this.services.redisUrl);
      this.redis.on('error', () => undefined);
      void this.redis.connect().catch(() => undefined);
    }
    return this.redis;
  }
}
