import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../queue/queue-name';
import { HealthController } from './health.controller';
import { ReadinessMetrics } from './readiness-metrics';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Maintenance })],
  controllers: [HealthController],
  providers: [ReadinessMetrics],
})
export class HealthModule {}
