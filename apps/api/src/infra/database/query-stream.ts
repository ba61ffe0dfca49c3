import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** PostgreSQL's `query_canceled`: a statement ran past `statement_timeout`. */
const QUERY_CANCELED = '57014';

export interface QueryStreamOptions {
  /** Aborted when the reader went away (see `downloadAborted`): the cursor stops at once. */
  readonly signal?: AbortSignal;
  /** Rows fetched per round trip. */
  readonly batchSize?: number;
  /**
   * `statement_timeout` of the read: each round trip (the first one sorts the whole result, and
   * waits for locks) is cancelled past it, and the rows fail with `onTimeout`'s error.
   */
  readonly statementTimeoutMs?: number;
  /** The error the rows fail with when the time limit cancelled the read (default: the driver's). */
  readonly onTimeout?: () => Error;
}

/**
 * The rows of one read-only query, fetched batch by batch through a cursor on a pool client of its
 * own: TypeORM's `query` holds a whole result in memory, an export of a large board must not. The
 * client is held only while the rows are read. It goes back to the pool when the rows are done; when
 * the loop stops early (the reader broke off, the query failed, `signal` aborted) it is closed
 * instead, so a connection with a cursor cut short is never handed to another request. The read runs
 * in a read-only transaction with the leaderboard reads' planner settings (no JIT, room to sort)
 * and, when given, a time limit of its own.
 */
export async function* streamRows<T>(
  dataSource: DataSource,
  sql: string,
  parameters: readonly unknown[],
  options: QueryStreamOptions = {},
): AsyncGenerator<T, void, undefined> {
  const driver = dataSource.driver as PostgresDriver;
  const [client, release] = (await driver.obtainMasterConnection()) as [
    PoolClient,
    (discard?: boolean) => void,
  ];
  let stream: QueryStream | undefined;
  let finished = false;
  const abort = () => stream?.destroy(new Error('the reader went away'));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    options.signal?.throwIfAborted();
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL jit = off');
    await client.query(`SET LOCAL work_mem = '64MB'`);
    if (options.statementTimeoutMs !== undefined)
      await client.query(`SELECT set_config('statement_timeout', $1, true)`, [
        `${Math.max(1, Math.round(options.statementTimeoutMs))}ms`,
      ]);
    stream = client.query(new QueryStream(sql, [...parameters], { batchSize: options.batchSize ?? 500 }));
    if (options.signal?.aborted) abort();
    try {
      for await (const row of stream) yield row as T;
    } catch (error) {
      if ((error as { code?: unknown }).code === QUERY_CANCELED && options.onTimeout)
        throw options.onTimeout();
      throw error;
    }
    await client.query('COMMIT');
    finished = true;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    release(!finished);
  }
}
