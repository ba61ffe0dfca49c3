import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedService {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served on a loopback port, so TypeORM and the
 * migration runner use the ordinary `pg` driver. Data lives in `<dataDir>/pg`, so a restart keeps it
 * (in memory when no folder is given).
 * PGlite is a single session: whoever connects must use a pool of one connection.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedService> {
  let dir: string | undefined;
  if (dataDir !== undefined) {
    dir = resolve(dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
  }
  // Without a data folder the database lives in memory (scratch databases for checks).
  const db = dir ? await PGlite.create(dir) : await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
