import type { AppConfig } from './config/config';
import type { RuntimeServices } from './config/config.module';
import { lockDataDir } from './embedded/data-dir-lock';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { startEmbeddedRedis } from './embedded/embedded-redis';
import { localAuthSecret } from './security/auth-secret';

export interface Runtime {
  readonly services: RuntimeServices;
  /**
   * Stops whatever embedded service this process started, the last started first (the private
   * Redis, then the database), each given at most {@link SERVICE_STOP_MS}, and frees the data folder.
   */
  stop(): Promise<void>;
}

/** The longest an embedded service is waited for when it stops. */
export const SERVICE_STOP_MS = 2_500;

async function bounded(stop: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((done) => {
    timer = setTimeout(done, SERVICE_STOP_MS);
  });
  try {
    await Promise.race([stop().catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Uses DATABASE_URL and REDIS_URL when set; otherwise starts the embedded ones (npm start on a fresh
 * machine), after taking the data folder's lock: a second process on the same folder is refused
 * with a `DataDirLockedError` naming the first.
 */
export async function startRuntime(config: AppConfig): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  let databaseUrl = config.DATABASE_URL;
  let redisUrl = config.REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    const lock = lockDataDir(config.DATA_DIR, config.publicUrl);
    stops.push(async () => lock.release());
  }
  try {
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres(config.DATA_DIR);
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }
    if (!redisUrl) {
      const embedded = await startEmbeddedRedis(config.DATA_DIR);
      stops.push(() => embedded.stop());
      redisUrl = embedded.url;
    }
  } catch (error) {
    for (const stop of stops.reverse()) await bounded(stop);
    throw error;
  }
  return {
    services: {
      databaseUrl,
      redisUrl,
      embeddedDatabase: !config.DATABASE_URL,
      authSecret: config.AUTH_SECRET ?? localAuthSecret(config.DATA_DIR),
    },
    async stop() {
      for (const stop of stops.splice(0).reverse()) await bounded(stop);
    },
  };
}
