import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../config/config.module';
import { queueTelemetryOptions } from '../tracing/tracing';
import { QueueConnectionWatch } from './queue-clients';
import { redisOptionsFromUrl } from './redis-options';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG, RUNTIME_SERVICES],
      useFactory: (config: AppConfig, services: RuntimeServices) => ({
        connection: redisOptionsFromUrl(services.redisUrl),
        prefix: config.REDIS_PREFIX,
        // A span per job added and processed, the trace carried in the job (OTEL_EXPORTER_OTLP_ENDPOINT).
        ...queueTelemetryOptions(),
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: { age: 24 * 3600, count: 1_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
  ],
  providers: [QueueConnectionWatch],
  exports: [BullModule],
})
export class QueueModule {}
