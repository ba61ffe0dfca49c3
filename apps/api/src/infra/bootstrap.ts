import type { AppConfig } from './config/config';
import type { RuntimeServices } from './config/config.module';
import { createDataSource } from './database/data-source';
import { seedDemo } from '../modules/demo/demo-seed';

/** Applies pending migrations (and seeds the demo when asked) before the app takes traffic. */
export async function bootstrapData(
  config: AppConfig,
  services: RuntimeServices,
): Promise<{ seeded: boolean }> {
  const dataSource = createDataSource({
    url: services.databaseUrl,
    singleConnection: true,
    applicationName: 'heimo-migrate',
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    if (!config.SEED_DEMO) return { seeded: false };
    return { seeded: (await seedDemo(dataSource)).created };
  } finally {
    await dataSource.destroy();
  }
}
