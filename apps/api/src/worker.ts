// First: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http, pg, ioredis and bullmq before they load.
import './infra/tracing/register';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './infra/config/config';
import { AppLogger } from './infra/logging/app-logger';
import { startRuntime } from './infra/runtime';

/** Boot lines are for the person at the terminal, before and beside the structured log. */
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);

/** Queue workers only, for scale-out: the same configuration as the API, no HTTP server. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      complain(`Configuration error: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    complain(
      "Configuration error: a separate worker shares the API's database and Redis: set DATABASE_URL and REDIS_URL.",
    );
    process.exit(78);
  }
  const runtime = await startRuntime(config);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, services: runtime.services, workers: true }),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(new AppLogger(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('Heimo worker started');
}

main().catch((error: unknown) => {
  complain(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
