import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import { ClickIngestor } from './click-ingestor';
import { ClickStreamConsumer } from './click-stream.consumer';

/** Runs one click-stream consumer in a process that runs workers (RUN_WORKERS or `start:worker`). */
@Injectable()
export class ClickWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly consumer: ClickStreamConsumer;

  constructor(
    ingestor: ClickIngestor,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RUNTIME_SERVICES) services: RuntimeServices,
  ) {
    this.consumer = new ClickStreamConsumer(ingestor, {
      redisUrl: services.redisUrl,
      redisPrefix: config.REDIS_PREFIX,
    });
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}
