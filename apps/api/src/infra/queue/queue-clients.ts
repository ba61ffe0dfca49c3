import { connect } from 'node:net';
import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, type Worker } from 'bullmq';
import { redisOptionsFromUrl } from './redis-options';

/** A lost Redis is said at most this often by the queues (they retry every second). */
const WARN_EVERY_MS = 30_000;

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/** Every BullMQ queue and worker of the app (workers only where they run). */
export function queueClients(discovery: DiscoveryService): { queues: Queue[]; workers: Worker[] } {
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (instance instanceof Queue) queues.push(instance);
    else if (instance instanceof WorkerHost) {
      try {
        workers.push(instance.worker);
      } catch {
        // Not registered (yet): nothing to close.
      }
    }
  }
  return { queues, workers };
}

/** True when something accepts connections at the Redis URL's address within `timeoutMs`. */
export function redisReachable(url: string, timeoutMs = 500): Promise<boolean> {
  const { host, port } = redisOptionsFromUrl(url);
  return new Promise((resolve) => {
    const socket = connect({ host: host ?? '127.0.0.1', port: port ?? 6379 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Listens to the queues' and workers' errors. Without a listener BullMQ writes each one to the
 * console, several a second (one per connection) for as long as Redis is away; here a lost
 * connection is a warning, repeated at most every {@link WARN_EVERY_MS}, and any other error is
 * logged as it comes.
 */
@Injectable()
export class QueueConnectionWatch implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');
  private warnedAt = 0;

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const { queues, workers } = queueClients(this.discovery);
    for (const queue of queues) queue.on('error', (error) => this.report(error));
    for (const worker of workers) worker.on('error', (error) => this.report(error));
  }

  private report(error: Error): void {
    if (!CONNECTION_ERRORS.has((error as NodeJS.ErrnoException).code ?? '')) {
      this.logger.error({ err: error }, 'queue error');
      return;
    }
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn({ err: error }, 'Redis unreachable: the queues wait and retry');
  }
}
