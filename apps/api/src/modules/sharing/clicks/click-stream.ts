import Redis from 'ioredis';
import { redisOptionsFromUrl } from '../../../infra/queue/redis-options';

/**
 * Clicks travel through one Redis Stream per deployment (`<REDIS_PREFIX>:clicks`): each entry is a
 * batch (field `e`, see `ClickBatchWriter`) flushed by one API process, read by the click workers
 * as a consumer group. A stream rather than a BullMQ queue: one XADD per few milliseconds carries
 * hundreds of clicks, where a job per click would cost several Redis round trips and a Lua script
 * each; the consumer group still gives acknowledgements and redelivery of unacknowledged batches.
 */
export const CLICK_STREAM_GROUP = 'click-workers';
export const CLICK_BATCH_FIELD = 'e';

export function clickStreamKey(redisPrefix: string): string {
  return `${redisPrefix}:clicks`;
}

/**
 * Where a worker puts the entries of a stream format it does not read (written by API processes of a
 * newer version), instead of dropping them; workers that read them take them from there.
 */
export function clickParkedKey(redisPrefix: string): string {
  return `${redisPrefix}:clicks:parked`;
}

/**
 * A connection for the redirect side: commands fail at once while Redis is unreachable (no
 * offline queue), so the recorder can fall back to its journal instead of holding clicks in memory.
 * It keeps reconnecting in the background.
 */
export function fastFailRedis(url: string): Redis {
  return new Redis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
}

/** A connection for a consumer: blocking reads, retried for ever while Redis is away. */
export function consumerRedis(url: string): Redis {
  return new Redis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
