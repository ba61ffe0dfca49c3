import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DatabaseMetrics, QueueMetrics } from './infra-metrics';
import { Metrics } from './metrics';

/** Prometheus metrics (see {@link Metrics}); every module may define its own through `Metrics`. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [Metrics, DatabaseMetrics, QueueMetrics],
  exports: [Metrics],
})
export class MetricsModule {}
