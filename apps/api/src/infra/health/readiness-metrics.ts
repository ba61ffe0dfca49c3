import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Metrics } from '../metrics/metrics';
import { QueueName } from '../queue/queue-name';
import { readinessChecks } from './health.controller';

/** `heimo_ready{check}`: 1 when the part `/healthz/ready` checks is ready, 0 when not, at each scrape. */
@Injectable()
export class ReadinessMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.metrics.enabled) return;
    const { dataSource, queue } = this;
    this.metrics.gauge({
      name: 'heimo_ready',
      help: 'Whether each part /healthz/ready checks is ready (1) or not (0): database, migrations, queue.',
      labelNames: ['check'] as const,
      async collect() {
        const { checks } = await readinessChecks(dataSource, queue);
        for (const [check, state] of Object.entries(checks)) this.set({ check }, state === 'ok' ? 1 : 0);
      },
    });
  }
}
