import { randomBytes } from 'node:crypto';

/** The server the test databases are created on (never used for data itself). */
export function adminDatabaseUrl(): string {
  return (
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export function randomSuffix(): string {
  return `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Set by the global setup for this run. */
export function runDatabaseUrl(): string {
  const url = process.env.HEIMO_TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'HEIMO_TEST_DATABASE_URL is not set: run the tests through jest (its global setup creates the database)',
    );
  return url;
}

export function runRedisPrefix(): string {
  const prefix = process.env.HEIMO_TEST_REDIS_PREFIX;
  if (!prefix) throw new Error('HEIMO_TEST_REDIS_PREFIX is not set: run the tests through jest');
  return prefix;
}
