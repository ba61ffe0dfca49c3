import Redis from 'ioredis';
import { dropDatabase } from './databases';
import { testRedisUrl } from './test-env';

/** Removes this run's database and every Redis key under its prefix. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.HEIMO_TEST_DATABASE_NAME;
  if (name) await dropDatabase(name);
  const prefix = process.env.HEIMO_TEST_REDIS_PREFIX;
  if (!prefix) return;
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
