import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { queueClients, redisReachable } from './infra/queue/queue-clients';
import type { Runtime } from './infra/runtime';
import { ClickRecorder } from './modules/sharing/clicks/click-recorder';
import { stopTracing } from './infra/tracing/tracing';

/** Requests in flight get this long to finish once the API stops accepting new ones. */
const DRAIN_MS = 2_000;
/** The clicks still in memory get this long to reach Redis or the click journal. */
const CLICKS_MS = 2_500;
/** Nest's own close (queues, workers, pools, the redirect listener) gets this long. */
const APP_CLOSE_MS = 3_000;
/** The database pool gets this long when it must be closed here. */
const POOL_CLOSE_MS = 1_000;
/** Whatever happens, the process is gone this long after the first signal. */
export const STOP_DEADLINE_MS = 9_000;
/**
 * A signal this soon after the first is the same request: a terminal's Ctrl-C reaches every
 * process of its group, and `npm start` passes it on to the API as well.
 */
const REPEAT_MS = 1_000;

export interface StopOptions {
  readonly say: (line: string) => void;
  readonly complain: (line: string) => void;
}

/**
 * The API's stop, on SIGINT, SIGTERM or SIGHUP, in this order: stop accepting connections and let
 * the requests in flight finish; hand the clicks still in memory to Redis or the click journal;
 * close the app (the redirect listener, queue workers and queues, Redis connections, the database
 * pool); then stop the embedded services (the private Redis, then the database). Every step has a
 * time limit, so a Redis or PostgreSQL that is already gone cannot hold the process: it exits
 * within {@link STOP_DEADLINE_MS} whatever happens. Another signal (a second Ctrl-C) exits at once;
 * the exit handlers still stop the private redis-server and free the data folder.
 *
 * Before the app exists (a signal during the start) there is nothing to drain: the process exits
 * at once, through the same exit handlers.
 */
export class Stopper {
  private app: INestApplication | null = null;
  private runtime: Runtime | null = null;
  private firstSignalAt = 0;

  constructor(private readonly options: StopOptions) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => this.onSignal(signal));
    }
  }

  /** From now on a signal stops `runtime` (and `app`, once given) in order. */
  manage(runtime: Runtime, app?: INestApplication): void {
    this.runtime = runtime;
    this.app = app ?? this.app;
  }

  private onSignal(signal: NodeJS.Signals): void {
    const now = Date.now();
    if (this.firstSignalAt !== 0) {
      if (now - this.firstSignalAt < REPEAT_MS) return;
      this.options.complain('Stopping at once.');
      process.exit(130);
    }
    this.firstSignalAt = now;
    if (!this.runtime) process.exit(130);
    this.options.say(`\nStopping Heimo (${signal})… Ctrl-C again to stop at once.`);
    setTimeout(() => {
      this.options.complain(`Heimo did not stop within ${STOP_DEADLINE_MS / 1000} s: stopping at once.`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void this.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        this.options.complain(String(error));
        process.exit(1);
      },
    );
  }

  private async stop(): Promise<void> {
    const app = this.app;
    if (app) {
      const server = app.getHttpServer() as Server;
      if (server.listening && !(await within(drain(server), DRAIN_MS))) server.closeAllConnections();
      const recorder = app.get(ClickRecorder, { strict: false });
      if (!(await within(recorder.flush(), CLICKS_MS))) {
        this.options.complain('The last clicks did not reach Redis or the click journal in time.');
      }
      // BullMQ's close waits for its connections, for ever while Redis is away: then the workers
      // close at once (a job in flight stays active in Redis and is taken up again when it stalls)
      // and the queues drop their connections.
      if (this.runtime && !(await redisReachable(this.runtime.services.redisUrl))) {
        const { queues, workers } = queueClients(app.get(DiscoveryService, { strict: false }));
        await within(Promise.all(workers.map((worker) => worker.close(true))), CLICKS_MS);
        for (const queue of queues) void queue.disconnect().catch(() => undefined);
      }
      if (!(await within(app.close(), APP_CLOSE_MS))) {
        // A queue whose connection was lost while it had commands waiting never closes (ioredis
        // keeps them for a reconnection that a disconnect has cancelled): the database pool, which
        // Nest would close after the queues, is closed here before the database stops.
        this.options.complain('The app did not close in time (Redis gone?): stopping the services anyway.');
        const dataSource = app.get(DataSource, { strict: false });
        if (dataSource.isInitialized) await within(dataSource.destroy(), POOL_CLOSE_MS);
      }
    }
    await this.runtime?.stop();
    // The spans of the stop itself, and any still buffered (OTEL_EXPORTER_OTLP_ENDPOINT).
    await within(stopTracing(), CLICKS_MS);
  }
}

/** Resolves once the server stopped: no new connections, idle keep-alive ones closed as they become idle. */
function drain(server: Server): Promise<void> {
  return new Promise((done) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(idle);
      done();
    });
    server.closeIdleConnections();
  });
}

/** True when `work` settles within `ms`; false when the time ran out (the work goes on unawaited). */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((done) => {
    timer = setTimeout(() => done(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
