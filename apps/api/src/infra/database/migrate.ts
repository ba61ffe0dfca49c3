import { type DataSource, type Migration, MigrationExecutor } from 'typeorm';

/**
 * The advisory lock every process takes to migrate (a fixed 64-bit key, "heimo-mg" in ASCII): of
 * replicas that start together on one database, one migrates and the others wait, then find
 * nothing pending. A session lock, so it is released when its connection ends, however the process
 * ends.
 */
export const MIGRATION_LOCK_KEY = '7522534671329881447';

/**
 * Applies the pending migrations (each in its own transaction) holding {@link MIGRATION_LOCK_KEY},
 * on one connection: the lock and the migrations share it, so a pool of one (the embedded PGlite)
 * works too. `waiting` is called when another process holds the lock, before this one waits for it.
 */
export async function migrateWithLock(
  dataSource: DataSource,
  waiting: () => void = () => undefined,
): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    const [taken] = (await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS taken', [
      MIGRATION_LOCK_KEY,
    ])) as { taken: boolean }[];
    if (!taken?.taken) {
      waiting();
      await runner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

export interface MigrationState {
  readonly name: string;
  readonly timestamp: number;
  /** When it was applied is not recorded by TypeORM; `applied` says whether it was. */
  readonly applied: boolean;
}

/**
 * Every migration the code knows, in order, each marked applied or pending, plus the names the
 * database lists as applied that this code does not know (a newer version migrated it: roll forward,
 * not back).
 */
export async function migrationStatus(
  dataSource: DataSource,
): Promise<{ migrations: MigrationState[]; unknown: string[] }> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [exists] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS present', [table])) as {
    present: boolean;
  }[];
  const rows = exists?.present
    ? ((await dataSource.query(`SELECT name FROM "${table}" ORDER BY timestamp, id`)) as { name: string }[])
    : [];
  const applied = new Set(rows.map((row) => row.name));
  const known = dataSource.migrations.map((migration) => {
    const name = migration.name ?? migration.constructor.name;
    return { name, timestamp: Number(/(\d{13})$/.exec(name)?.[1] ?? 0), applied: applied.has(name) };
  });
  known.sort((a, b) => a.timestamp - b.timestamp);
  const names = new Set(known.map((m) => m.name));
  return { migrations: known, unknown: rows.map((row) => row.name).filter((name) => !names.has(name)) };
}
