import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** Every metric Heimo defines starts with this. */
export const METRIC_PREFIX = 'heimo_';

/**
 * The Prometheus metrics of one process (`prom-client`, a registry of its own per app, so tests can
 * run several apps in one process), served as text on `METRICS_PORT` when it is set: a plain
 * `node:http` server on `HOST` with only `GET /metrics` on it, apart from the API's port, so the
 * metrics are never public by accident. Nothing is collected for a port that is not served except
 * the counters themselves, which are plain increments.
 *
 * Modules define their own metrics with {@link counter}, {@link gauge} and {@link histogram}
 * (get-or-create: a provider made twice in one app gets the same metric). Names follow Prometheus
 * conventions (base units, `_total` counters, `heimo_` prefix), and no label ever carries a member,
 * an e-mail address, a share code or anything else a person typed: labels are route templates,
 * statuses, queue names and outcomes.
 */
@Injectable()
export class Metrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  private server: Server | null = null;
  /** The port the endpoint listens on, once it does (null: not served). */
  port: number | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Process metrics watch the event loop and the GC: only for an endpoint that serves them.
    if (config.METRICS_PORT !== null) collectDefaultMetrics({ register: this.registry });
  }

  get enabled(): boolean {
    return this.config.METRICS_PORT !== null;
  }

  counter<L extends string>(configuration: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    const known = this.registry.getSingleMetric(configuration.name);
    if (known) return known as Counter<L>;
    return new Counter({ ...configuration, registers: [this.registry] });
  }

  gauge<L extends string>(configuration: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    const known = this.registry.getSingleMetric(configuration.name);
    if (known) return known as Gauge<L>;
    return new Gauge({ ...configuration, registers: [this.registry] });
  }

  histogram<L extends string>(configuration: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    const known = this.registry.getSingleMetric(configuration.name);
    if (known) return known as Histogram<L>;
    return new Histogram({ ...configuration, registers: [this.registry] });
  }

  /** The exposition text (what a scrape gets). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === null) return;
    const server = createServer((request, response) => void this.answer(request, response));
    this.server = server;
    this.port = await new Promise<number>((resolve, reject) => {
      server.once('error', (error) => reject(new Error(`METRICS_PORT: ${String(error)}`)));
      server.listen(this.config.METRICS_PORT ?? 0, this.config.HOST || undefined, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : (this.config.METRICS_PORT ?? 0));
      });
    });
    server.on('error', (error) => this.logger.error({ err: error }, 'metrics endpoint failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found: the metrics are at GET /metrics\n');
      return;
    }
    try {
      const text = await this.render();
      response.writeHead(200, { 'Content-Type': this.registry.contentType, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
    } catch (error) {
      this.logger.error({ err: error }, 'metrics collection failed');
      response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('metrics collection failed\n');
    }
  }
}

/** Resolves with `promise`'s value, or `fallback` after `ms` (a collector must not hang a scrape). */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}
