import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import { RateLimitRedis } from './rate-limit-redis';
import { RateLimitedError } from './rate-limited.error';

/** Counts one attempt and answers the count with the time left in the window (one round trip, atomic). */
const COUNT_ATTEMPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Sign-in attempts per account since the last success, so guessing one person's password slows that
 * account only.
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

  /**
   * Counts this attempt before any hash is computed, so parallel guesses cannot all pass a check
   * made before the earlier ones are recorded: the attempt past LOGIN_LOCKOUT_FAILURES in the window
   * answers 429. A successful sign-in clears the count (`clear`); a failed one leaves it counted.
   */
  async count(email: string): Promise<void> {
    const [count, ttl] = (await this.redis.client.eval(
      COUNT_ATTEMPT,
      1,
      this.key(email),
      this.config.LOGIN_LOCKOUT_SECONDS * 1000,
    )) as [number, number];
    if (count > this.config.LOGIN_LOCKOUT_FAILURES) {
      throw new RateLimitedError(
        ttl > 0 ? ttl / 1000 : this.config.LOGIN_LOCKOUT_SECONDS,
        'Too many failed sign-ins for this account. Try again later.',
      );
    }
  }

  async clear(email: string): Promise<void> {
    await this.redis.client.del(this.key(email));
  }

  private key(email: string): string {
    const digest = createHmac('sha256', this.secret).update(email.trim().toLowerCase()).digest('base64url');
    return `login-failures:${digest}`;
  }
}
