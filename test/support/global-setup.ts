import { createMigratedDatabase } from './databases';
import { randomSuffix } from './test-env';

export default async function globalSetup(): Promise<void> {
  const { name, url } = await createMigratedDatabase();
  process.env.HEIMO_TEST_DATABASE_NAME = name;
  process.env.HEIMO_TEST_DATABASE_URL = url;
  process.env.HEIMO_TEST_REDIS_PREFIX = `heimo_test_${randomSuffix()}`;
}
