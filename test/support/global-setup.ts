import { createMigratedDatabase } from './databases';
import { randomSuffix } from './test-env';

export default async function globalSetup(): Promise<void> {
  // One database per run, even when a project's own setup runs after the root's.
  if (process.env.HEIMO_TEST_DATABASE_URL) return;
  const { name, url } = await createMigratedDatabase();
  process.env.HEIMO_TEST_DATABASE_NAME = name;
  process.env.HEIMO_TEST_DATABASE_URL = url;
  process.env.HEIMO_TEST_REDIS_PREFIX = `heimo_test_${randomSuffix()}`;
}
