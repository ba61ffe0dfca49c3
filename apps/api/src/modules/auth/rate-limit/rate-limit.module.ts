import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { LoginAttempts } from './login-attempts.service';
import { RateLimitRedis } from './rate-limit-redis';
import { ResetRequests } from './reset-requests.service';
import { RateLimitGuard, bucketOf, limitOf } from './rate-limit.guard';

@Module({ providers: [RateLimitRedis], exports: [RateLimitRedis] })
class RateLimitRedisModule {}

/**
 * Rate limits in Redis, so every API replica counts together. Routes opt in with
 * `@RateLimited(bucket)`; nothing is limited globally.
 */
@Global()
@Module({
  imports: [
    RateLimitRedisModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitRedisModule],
      inject: [APP_CONFIG, RateLimitRedis],
      useFactory: (config: AppConfig, redis: RateLimitRedis) => ({
        throttlers: [
          {
            name: 'default',
            ttl: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
            limit: (context) => limitOf(config, bucketOf(context)),
          },
        ],
        storage: new ThrottlerStorageRedisService(redis.client),
      }),
    }),
  ],
  providers: [LoginAttempts, ResetRequests, RateLimitGuard],
  exports: [LoginAttempts, ResetRequests, RateLimitGuard, RateLimitRedisModule],
})
export class RateLimitModule {}
