import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/infra/config/config';
import type { LogCapture } from './logs';
import { runDatabaseUrl, runRedisPrefix, testRedisUrl } from './test-env';

export interface TestServer {
  readonly app: NestExpressApplication;
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  /** This server's Redis key prefix (queues, rate limits). */
  readonly redisPrefix: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly env?: Record<string, string>;
  readonly databaseUrl?: string;
  /** Another Redis than the run's (the click tests stop and restart a private one). */
  readonly redisUrl?: string;
  readonly workers?: boolean;
  /** Serve the built web client (browser journeys). */
  readonly web?: boolean;
  /** Serve this folder as the built web client instead. */
  readonly webDist?: string;
  readonly extraModules?: readonly Type[];
  /** Where the server's log lines go (a `LogCapture`); pass `LOG_LEVEL` in `env` to have any. */
  readonly logs?: LogCapture;
  /** A loopback port chosen beforehand (`freePort`), when PUBLIC_URL must name it; else any free one. */
  readonly port?: number;
}

const RELAXED_RATE_LIMITS = {
  RATE_LIMIT_LOGIN: '100000',
  RATE_LIMIT_REFRESH: '100000',
  RATE_LIMIT_INVITATIONS: '100000',
  RATE_LIMIT_JOIN: '100000',
  RATE_LIMIT_PASSWORD_RESET: '100000',
  PASSWORD_RESET_PER_EMAIL: '1000',
};

/** The real API on a free loopback port, against this run's PostgreSQL database and Redis prefix. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Each server has keys of its own under the run's prefix: a rate-limit block or a queued job of
    // one suite never reaches another suite's server. The teardown removes the run's prefix whole.
    REDIS_PREFIX: `${runRedisPrefix()}_${randomBytes(3).toString('hex')}`,
    // Every suite calls from 127.0.0.1: address limits would trip within a busy suite.
    // The rate-limit tests pass their own low limits and a client address of their own.
    ...RELAXED_RATE_LIMITS,
    // E-mail schedules run when a test calls them (NotificationScheduler.tick), never on their own.
    NOTIFICATION_TICK_SECONDS: '0',
    ...options.env,
  });
  const app = await createApp({
    config,
    services: {
      databaseUrl: options.databaseUrl ?? runDatabaseUrl(),
      redisUrl: options.redisUrl ?? testRedisUrl(),
      embeddedDatabase: false,
      authSecret: randomBytes(32).toString('base64url'),
    },
    workers: options.workers ?? true,
    extraModules: options.extraModules,
    logDestination: options.logs?.destination,
    webDist: options.webDist ?? (options.web ? join(__dirname, '../../apps/web/dist') : undefined),
  });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataSource: app.get(DataSource),
    redisPrefix: config.REDIS_PREFIX,
    close: () => app.close(),
  };
}
