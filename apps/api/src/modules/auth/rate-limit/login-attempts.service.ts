import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import { RateLimitRedis } from './rate-limit-redis';
import { RateLimitedError } from './rate-limited.error';

const COUNT_FAILURE = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Failed sign-ins per account, so guessing one person's password slows that account only.
 *
 * Sign-in is not scoped to an organisation (the e-mail finds the account), so the counter is keyed
 * by the e-mail alone, through an HMAC with the auth secret (Redis never holds a reversible
 * address). Unknown addresses are counted the same way, so a 429 does not reveal whether an
 * address has an account.
 */
@Injectable()
export class LoginAttempts {
  private readonly secret: string;

  constructor(
    private readonly redis: RateLimitRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_SERVICES) services: RuntimeServices,
  ) {
    this.secret = services.authSecret;
  }

  /** 429 while the address has LOGIN_LOCKOUT_FAILURES failures in the window; checked before any hash. */
  async assertAllowed(email: string): Promise<void> {
    const key = this.key(email);
    const [count, ttl] = await Promise.all([this.redis.client.get(key), this.redis.client.pttl(key)]);
    if (Number(count ?? 0) >= this.config.LOGIN_LOCKOUT_FAILURES) {
      throw new RateLimitedError(
        ttl > 0 ? ttl / 1000 : this.config.LOGIN_LOCKOUT_SECONDS,
        'Too many failed sign-ins for this account. Try again later.',
      );
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.redis.client.eval(COUNT_FAILURE, 1, this.key(email), this.config.LOGIN_LOCKOUT_SECONDS * 1000);
  }

  async clear(email: string): Promise<void> {
    await this.redis.client.del(this.key(email));
  }

  private key(email: string): string {
    const digest = createHmac('sha256', this.secret).update(email.trim().toLowerCase()).digest('base64url');
    return `login-failures:${digest}`;
  }
}
