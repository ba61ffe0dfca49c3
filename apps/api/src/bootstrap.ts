import type { DataSource } from 'typeorm';
import type { AppConfig } from './infra/config/config';
import { migrateWithLock } from './infra/database/migrate';
import { seedDemo } from './modules/demo/demo-seed';

/**
 * Whether this start seeds the demo: on the embedded database unless SEED_DEMO=false; on DATABASE_URL
 * only when SEED_DEMO=true says so (and then a warning is logged at every start, see {@link demoWarning}).
 */
export function seedsDemo(config: Pick<AppConfig, 'SEED_DEMO' | 'DATABASE_URL'>): boolean {
  return config.SEED_DEMO ?? !config.DATABASE_URL;
}

/** The warning an explicit SEED_DEMO=true logs at every start; null without it. */
export function demoWarning(config: Pick<AppConfig, 'SEED_DEMO' | 'DATABASE_URL'>): string | null {
  if (config.SEED_DEMO !== true) return null;
  return config.DATABASE_URL
    ? 'SEED_DEMO=true: the demo organisation is seeded on the database at DATABASE_URL. Its people sign in with a published password: never set SEED_DEMO on a database real people use.'
    : 'SEED_DEMO=true: the demo organisation is seeded (as it is on the embedded database anyway). Its people sign in with a published password.';
}

/**
 * Applies pending migrations (and seeds the demo when asked) before the app takes traffic. It uses
 * the app's own pool: the embedded PGlite serves one connection, so a second pool would have to wait.
 * The migrations hold a PostgreSQL advisory lock (`migrateWithLock`): of replicas starting together,
 * one migrates and the others wait for it, then find nothing to do. `progress` gets a line as each
 * step starts.
 */
export async function bootstrapData(
  config: AppConfig,
  dataSource: DataSource,
  progress: (line: string) => void = () => undefined,
): Promise<{ seeded: boolean }> {
  progress('Migrating the database…');
  const applied = await migrateWithLock(dataSource, () =>
    progress('Another process is migrating the database; waiting for it…'),
  );
  if (applied.length) progress(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`);
  if (!seedsDemo(config)) return { seeded: false };
  progress('Seeding the demo organisation…');
  return { seeded: (await seedDemo(dataSource, { publicUrl: config.publicUrl })).created };
}

/**
 * The lines a first start prints when the database holds no organisation and the demo is off: the
 * one-time setup link (`/setup?token=…`). Empty when there is nothing to set up.
 */
export function setupBanner(setupUrl: string | null): string[] {
  if (!setupUrl) return [];
  return [
    '  No organisation yet. Create the first one and its admin in the browser, with this',
    '  one-time setup link (it works once; every start prints it again until it is used):',
    '',
    `    ${setupUrl}`,
    '',
    '  Or from the command line: npm run org:create -- --name <name> --admin <e-mail>',
  ];
}
