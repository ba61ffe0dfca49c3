import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import { redisOptionsFromUrl } from '../../../infra/queue/redis-options';

/**
 * The Redis connection of the rate limits, under `<REDIS_PREFIX>:rate-limit:`. It connects on first
 * use (building the OpenAPI document never does) and gives up on a command quickly rather than
 * holding a sign-in open while Redis is away.
 */
@Injectable()
export class RateLimitRedis implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitRedis.name);
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(RUNTIME_SERVICES) services: RuntimeServices) {
    this.client = new Redis({
      ...redisOptionsFromUrl(services.redisUrl),
      keyPrefix: `${config.REDIS_PREFIX}:rate-limit:`,
      lazyConnect: true,
      maxRetriesPerRequest: 2,
    });
    this.client.on('error', (error: Error) => this.logger.warn(`rate-limit Redis: ${error.message}`));
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
