import { performance } from 'node:perf_hooks';
import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { databaseStatements } from '../logging/database-logger';
import { queueClients } from '../queue/queue-clients';
import { Metrics, within } from './metrics';

/** Seconds: from a fast JSON answer to a slow CSV download. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];
const POOL_WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];
/** A scrape waits at most this long for Redis or the database. */
const COLLECT_TIMEOUT_MS = 1_000;
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Express middleware timing every request Express answers (tracked links are answered before
 * Express and counted apart): `heimo_http_request_duration_seconds{method, route, status}`, where
 * `route` is the matched route's template (`/api/packs/:id`), never the path itself, and `unmatched`
 * when no route matched (static files, the web client, 404s), so the labels stay few and hold no ids.
 */
export function httpMetrics(
  metrics: Metrics,
): (request: Request, response: Response, next: NextFunction) => void {
  const duration = metrics.histogram({
    name: 'heimo_http_request_duration_seconds',
    help: 'Time to answer an HTTP request on the API port, by route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
  });
  return (request, response, next) => {
    const started = performance.now();
    response.once('finish', () => {
      const route = (request.route as { path?: unknown } | undefined)?.path;
      duration.observe(
        {
          method: request.method,
          route: typeof route === 'string' ? route : 'unmatched',
          status: String(response.statusCode),
        },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}

/**
 * The database pool: connections in use and idle, requests waiting for one, and how long taking a
 * connection took (`pg.Pool.connect` timed, only while the metrics are served).
 */
@Injectable()
export class DatabaseMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool || !this.metrics.enabled) return;
    this.metrics.counter({
      name: 'heimo_db_queries_total',
      help: 'Statements this process sent to the database (transaction control included).',
      collect() {
        this.reset();
        this.inc(databaseStatements());
      },
    });
    this.metrics.gauge({
      name: 'heimo_db_pool_connections',
      help: 'Connections of the database pool, by state (used: lent to a query; idle: open, free).',
      labelNames: ['state'] as const,
      collect() {
        this.set({ state: 'used' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
      },
    });
    this.metrics.gauge({
      name: 'heimo_db_pool_max_connections',
      help: 'Largest number of connections the database pool opens.',
      collect() {
        this.set((pool as unknown as { options: { max: number } }).options.max);
      },
    });
    this.metrics.gauge({
      name: 'heimo_db_pool_waiting_requests',
      help: 'Requests waiting for a database connection now.',
      collect() {
        this.set(pool.waitingCount);
      },
    });
    const wait = this.metrics.histogram({
      name: 'heimo_db_pool_wait_seconds',
      help: 'Time taken to get a connection from the database pool.',
      buckets: POOL_WAIT_BUCKETS,
    });
    const connect = pool.connect.bind(pool) as (
      callback?: (error: Error | undefined, client: PoolClient | undefined, done: () => void) => void,
    ) => Promise<PoolClient> | void;
    const timed = (
      callback?: (error: Error | undefined, client: PoolClient | undefined, done: () => void) => void,
    ) => {
      const started = performance.now();
      const observe = () => wait.observe((performance.now() - started) / 1000);
      if (callback)
        return connect((error, client, done) => {
          observe();
          callback(error, client, done);
        });
      return (connect() as Promise<PoolClient>).finally(observe);
    };
    (pool as unknown as { connect: typeof timed }).connect = timed;
  }
}

/**
 * The BullMQ queues: jobs waiting, active, delayed and failed per queue (read from Redis at each
 * scrape), and how long the jobs this process ran took, by queue and outcome.
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.metrics.enabled) return;
    const { queues } = queueClients(this.discovery);
    this.metrics.gauge({
      name: 'heimo_queue_jobs',
      help: 'Jobs of each queue by state (waiting, active, delayed, failed), read from Redis at the scrape.',
      labelNames: ['queue', 'state'] as const,
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            const counts = await within(queue.getJobCounts(...JOB_STATES), COLLECT_TIMEOUT_MS, null);
            if (!counts) return;
            for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    const duration = this.metrics.histogram({
      name: 'heimo_queue_job_duration_seconds',
      help: 'Time a job took on a worker of this process, by queue and outcome (completed, failed).',
      labelNames: ['queue', 'outcome'] as const,
      buckets: JOB_BUCKETS,
    });
    for (const wrapper of this.discovery.getProviders()) {
      const host: unknown = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      let worker: Worker;
      try {
        worker = host.worker;
      } catch {
        continue;
      }
      const name = worker.name;
      const observe = (
        outcome: 'completed' | 'failed',
        job?: { processedOn?: number; finishedOn?: number },
      ) => {
        if (job?.processedOn === undefined || job.finishedOn === undefined) return;
        duration.observe({ queue: name, outcome }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
      };
      worker.on('completed', (job) => observe('completed', job));
      worker.on('failed', (job) => observe('failed', job));
    }
  }
}
