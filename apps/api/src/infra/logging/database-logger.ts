import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { databaseErrorForLog } from './redact';

let statements = 0;

/**
 * Statements TypeORM sent to the database from this process (every data source's), the failed ones
 * included: `heimo_db_queries_total`, which `bench:api` reads to count queries per request.
 */
export function databaseStatements(): number {
  return statements;
}

/**
 * TypeORM's log through the application's. A failed statement is logged with its error's message,
 * SQLSTATE code and the SQL (placeholders, not values), never its parameters: passwords, tokens and
 * e-mail addresses travel as parameters (TypeORM's own loggers print them). TypeORM's warnings
 * are logged too; statements that succeed, schema builds and migrations are not (as before, with
 * TypeORM's `logging: ['error']`).
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {
    // Every statement would be a line: not logged, only counted (`heimo_db_queries_total`).
    statements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ error: databaseErrorForLog(error), query }, 'Query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'Slow query');
  }

  logSchemaBuild(): void {
    // Schema changes are made by migrations, which say what they ran themselves.
  }

  logMigration(): void {
    // As above.
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
