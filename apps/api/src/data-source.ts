import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
// Migrations sit at the repository root, outside every Nx project.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { migrations } from '../../../migrations';
import { entities } from './entities';
import { DatabaseLogger } from './infra/logging/database-logger';

export interface DatabaseOptionsInput {
  readonly url: string;
  /** PGlite serves one session: the pool must not open a second connection. */
  readonly singleConnection?: boolean;
  readonly applicationName?: string;
}

/** The one set of TypeORM options: used by Nest, the migration scripts and the tests. */
export function databaseOptions(input: DatabaseOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension is needed (nor available in PGlite).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Failed statements, without their parameters (TypeORM's own loggers print those).
    logger: new DatabaseLogger(),
    applicationName: input.applicationName ?? 'heimo',
    extra: { max: input.singleConnection ? 1 : 10, connectionTimeoutMillis: 5_000 },
  };
}

export function createDataSource(input: DatabaseOptionsInput): DataSource {
  return new DataSource(databaseOptions(input));
}

/** For the TypeORM CLI: `typeorm -d dist/api/apps/api/src/data-source.js`. */
export default createDataSource({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/heimo',
});
