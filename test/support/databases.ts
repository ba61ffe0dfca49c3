import { Client } from 'pg';
import { createDataSource } from '../../apps/api/src/data-source';
import { adminDatabaseUrl, databaseUrlFor, randomSuffix } from './test-env';

/** Creates an empty database `heimo_test_<random>` with every migration applied. */
export async function createMigratedDatabase(prefix = 'heimo_test'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomSuffix()}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(name);
  const dataSource = createDataSource({ url, singleConnection: true });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return { name, url };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
