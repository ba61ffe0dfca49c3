import type { DataSource } from 'typeorm';
import type { AppConfig } from './infra/config/config';
import { seedDemo } from './modules/demo/demo-seed';

/**
 * Applies pending migrations (and seeds the demo when asked) before the app takes traffic. It uses
 * the app's own pool: the embedded PGlite serves one connection, so a second pool would have to wait.
 * `progress` gets a line as each step starts.
 */
export async function bootstrapData(
  config: AppConfig,
  dataSource: DataSource,
  progress: (line: string) => void = () => undefined,
): Promise<{ seeded: boolean }> {
  progress('Migrating the database…');
  await dataSource.runMigrations({ transaction: 'each' });
  if (!config.SEED_DEMO) return { seeded: false };
  progress('Seeding the demo organisation…');
  return { seeded: (await seedDemo(dataSource, { publicUrl: config.publicUrl })).created };
}
