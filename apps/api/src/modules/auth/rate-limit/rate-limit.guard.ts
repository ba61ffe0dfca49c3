import { type ExecutionContext, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { addressGroups } from '../../../infra/http/client-address';
import type { AppConfig } from '../../../infra/config/config';
import { RateLimitedError } from './rate-limited.error';

export const RATE_LIMIT_BUCKETS = ['login', 'refresh', 'invitations', 'join', 'password_reset'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];
const BUCKET = 'heimo:rate-limit-bucket';

export function bucketOf(context: ExecutionContext): RateLimitBucket {
  const bucket = Reflect.getMetadata(BUCKET, context.getHandler()) as RateLimitBucket | undefined;
  if (!bucket)
    throw new Error(`${context.getClass().name}.${context.getHandler().name} has no rate-limit bucket`);
  return bucket;
}

export function limitOf(config: AppConfig, bucket: RateLimitBucket): number {
  switch (bucket) {
    case 'login':
      return config.RATE_LIMIT_LOGIN;
    case 'refresh':
      return config.RATE_LIMIT_REFRESH;
    case 'invitations':
      return config.RATE_LIMIT_INVITATIONS;
    case 'join':
      return config.RATE_LIMIT_JOIN;
    case 'password_reset':
      return config.RATE_LIMIT_PASSWORD_RESET;
  }
}

/** @nestjs/throttler keyed by route and client address, answering the API's own 429 problem. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /**
   * `req.ip` is the client by TRUST_PROXY (`app.set('trust proxy', …)`), grouped as the click
   * counter groups visitors: an IPv4 address alone, an IPv6 address by its /64.
   */
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const address = typeof request.ip === 'string' ? request.ip : '';
    return Promise.resolve(addressGroups(address).visitor || address);
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedError(detail.timeToBlockExpire);
  }
}

/**
 * Limits the route per client address (RATE_LIMIT_<BUCKET> per RATE_LIMIT_WINDOW_SECONDS). Put it
 * nearest the method so it runs before the route's other guards (a credential check, say).
 */
export const RateLimited = (bucket: RateLimitBucket) =>
  applyDecorators(
    SetMetadata(BUCKET, bucket),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      description: 'Too many requests (code `rate_limited`); `Retry-After` says when to retry.',
    }),
  );
