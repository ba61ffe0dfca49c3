import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import { RateLimitRedis } from './rate-limit-redis';
import { RateLimitedError } from './rate-limited.error';

const HOUR_MS = 3600 * 1000;
const COUNT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Password reset requests per e-mail address and hour (PASSWORD_RESET_PER_EMAIL), so nobody can
 * flood one inbox. Keyed by an HMAC of the address, like the sign-in counter; unknown addresses are
 * counted alike, so a 429 does not tell whether an address has an account.
 */
@Injectable()
export class ResetRequests {
  private readonly secret: string;

  constructor(
    private readonly redis: RateLimitRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_SERVICES) services: RuntimeServices,
  ) {
    this.secret = services.authSecret;
  }

  async count(email: string): Promise<void> {
    const digest = createHmac('sha256', this.secret).update(email.trim().toLowerCase()).digest('base64url');
    const [count, ttl] = (await this.redis.client.eval(COUNT, 1, `password-resets:${digest}`, HOUR_MS)) as [
      number,
      number,
    ];
    if (count > this.config.PASSWORD_RESET_PER_EMAIL) {
      throw new RateLimitedError(
        ttl > 0 ? ttl / 1000 : HOUR_MS / 1000,
        'Too many password reset requests for this address. Try again later.',
      );
    }
  }
}
