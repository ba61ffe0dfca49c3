import type { AppConfig } from './config/config';
import type { RuntimeServices } from './config/config.module';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { startEmbeddedRedis } from './embedded/embedded-redis';
import { localAuthSecret } from './security/auth-secret';

export interface Runtime {
  readonly services: RuntimeServices;
  /** Stops whatever embedded service this process started. */
  stop(): Promise<void>;
}

/** Uses DATABASE_URL and REDIS_URL when set; otherwise starts the embedded ones (npm start on a fresh machine). */
export async function startRuntime(config: AppConfig): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  let databaseUrl = config.DATABASE_URL;
  let redisUrl = config.REDIS_URL;
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
    for (const stop of stops.reverse()) await stop();
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
      for (const stop of stops.reverse()) await stop();
    },
  };
}
