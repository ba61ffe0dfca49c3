import { ConfigError, variables } from './config.schema';

type Parsed = { [K in keyof typeof variables]: ReturnType<(typeof variables)[K]['parse']> };

export interface AppConfig extends Parsed {
  /** PUBLIC_URL with its default filled in, without a trailing slash. */
  readonly publicUrl: string;
  readonly isProduction: boolean;
}

/** Parses every declared variable; throws one ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = {} as Record<string, unknown>;
  for (const spec of Object.values(variables)) {
    parsed[spec.name] = spec.parse(env[spec.name]);
  }
  const config = parsed as Parsed;
  if (config.NODE_ENV === 'production' && config.DATABASE_URL && !config.AUTH_SECRET) {
    throw new ConfigError('AUTH_SECRET', 'must be set in production when DATABASE_URL is set');
  }
  if (!config.VAPID_PUBLIC_KEY !== !config.VAPID_PRIVATE_KEY) {
    throw new ConfigError(
      config.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY',
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are set together',
    );
  }
  if (config.REDIRECT_PORT !== null && config.REDIRECT_PORT !== 0 && config.REDIRECT_PORT === config.PORT) {
    throw new ConfigError('REDIRECT_PORT', `must differ from PORT (${config.PORT})`);
  }
  for (const other of [config.PORT, config.REDIRECT_PORT]) {
    if (config.METRICS_PORT !== null && config.METRICS_PORT !== 0 && config.METRICS_PORT === other) {
      throw new ConfigError('METRICS_PORT', `must differ from PORT and REDIRECT_PORT (${other})`);
    }
  }
  return {
    ...config,
    // FEED_FETCH_ALLOWED_HOSTS is the older name of the outbound allow-list.
    OUTBOUND_ALLOWED_HOSTS: [
      ...new Set([...config.OUTBOUND_ALLOWED_HOSTS, ...config.FEED_FETCH_ALLOWED_HOSTS]),
    ],
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    isProduction: config.NODE_ENV === 'production',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export { ConfigError };
