import { DEFAULT_NETWORK_DAILY_LIMIT } from '@heimo/domain';
import { parseTrustProxy, type TrustProxy } from '../http/client-address';

/**
 * Every environment variable Heimo reads, declared once: name, description, default and parser.
 * The README's configuration table and `.env.example` are checked against this list by a test.
 */
export interface VariableSpec<T> {
  readonly name: string;
  readonly description: string;
  /** Default as written in .env (empty string means "unset"). */
  readonly example: string;
  readonly parse: (raw: string | undefined) => T;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const fail = (name: string, reason: string): never => {
  throw new ConfigError(name, reason);
};

const int =
  (name: string, fallback: number, min: number, max: number) =>
  (raw: string | undefined): number => {
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw.trim())) return fail(name, `must be a whole number, got "${raw}"`);
    const value = Number(raw.trim());
    if (value < min || value > max) return fail(name, `must be between ${min} and ${max}, got ${value}`);
    return value;
  };

/** Like `int`, but empty means "not set" (null). */
const optionalInt =
  (name: string, min: number, max: number) =>
  (raw: string | undefined): number | null =>
    raw === undefined || raw.trim() === '' ? null : int(name, min, min, max)(raw);

const oneOf =
  <T extends string>(name: string, fallback: T, values: readonly T[]) =>
  (raw: string | undefined): T => {
    if (raw === undefined || raw === '') return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      return fail(name, `must be one of ${values.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  };

const bool =
  (name: string, fallback: boolean) =>
  (raw: string | undefined): boolean => {
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    return fail(name, `must be true or false, got "${raw}"`);
  };

const url =
  (name: string, protocols: readonly string[]) =>
  (raw: string | undefined): string | undefined => {
    if (raw === undefined || raw === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return fail(name, 'is not a valid URL');
    }
    if (!protocols.includes(parsed.protocol)) {
      return fail(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    if (!parsed.hostname) return fail(name, 'has no host');
    return raw;
  };

const text =
  (fallback: string) =>
  (raw: string | undefined): string =>
    raw === undefined || raw === '' ? fallback : raw;

/** Comma-separated `host` or `host:port` entries, lower-cased. */
const hostList =
  (name: string) =>
  (raw: string | undefined): readonly string[] => {
    const entries = (raw ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean);
    const bad = entries.find((entry) => !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(entry));
    if (bad !== undefined) return fail(name, `"${bad}" is not a host or host:port`);
    return entries;
  };

export const variables = {
  NODE_ENV: {
    name: 'NODE_ENV',
    description:
      '`production` serves the built web client and hides error details; `development` or `test` otherwise.',
    example: 'production',
    parse: oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const),
  },
  PORT: {
    name: 'PORT',
    description: 'HTTP port of the API (and of the web client it serves).',
    example: '3000',
    parse: int('PORT', 3000, 0, 65535),
  },
  HOST: {
    name: 'HOST',
    description:
      'Address to listen on (the API port and REDIRECT_PORT). `127.0.0.1`, the default, serves this machine only (a proxy on it in front); `0.0.0.0` or `::` every interface, as in a container.',
    example: '127.0.0.1',
    parse: (raw: string | undefined): string => {
      const value = text('127.0.0.1')(raw).trim();
      const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
      const ipv6 = /^[0-9a-f:.]+$/i;
      const hostName =
        /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
      const valid = value.includes(':')
        ? ipv6.test(value)
        : /^[\d.]+$/.test(value)
          ? ipv4.test(value)
          : hostName.test(value);
      if (!valid) {
        return fail(
          'HOST',
          `must be an IP address or a host name such as 127.0.0.1 or 0.0.0.0, got "${raw}"`,
        );
      }
      return value;
    },
  },
  TRUST_PROXY: {
    name: 'TRUST_PROXY',
    description:
      'Which peers may name the client in X-Forwarded-For (Express `trust proxy`, proxy-addr semantics): a hop count (the proxies in front, 0 for none), or a comma-separated list of addresses, CIDR ranges and `loopback`, `linklocal`, `uniquelocal`. Rate limits, the visitor hash of clicks and `req.ip` all use it.',
    example: 'loopback',
    parse: (raw: string | undefined): TrustProxy => {
      try {
        return parseTrustProxy(raw);
      } catch (error) {
        return fail('TRUST_PROXY', (error as Error).message);
      }
    },
  },
  PUBLIC_URL: {
    name: 'PUBLIC_URL',
    description:
      'Origin people reach Heimo at; tracked links and e-mails use it. Defaults to http://localhost:PORT.',
    example: '',
    parse: url('PUBLIC_URL', ['http:', 'https:']),
  },
  DATABASE_URL: {
    name: 'DATABASE_URL',
    description:
      'PostgreSQL connection string. Empty: an embedded PostgreSQL (PGlite) runs inside the process with its data under DATA_DIR.',
    example: '',
    parse: url('DATABASE_URL', ['postgres:', 'postgresql:']),
  },
  REDIS_URL: {
    name: 'REDIS_URL',
    description:
      'Redis for the job queues and rate limits. Empty: a private redis-server is started under DATA_DIR (installed with apt when missing and allowed).',
    example: '',
    parse: url('REDIS_URL', ['redis:', 'rediss:']),
  },
  REDIS_PREFIX: {
    name: 'REDIS_PREFIX',
    description: 'Prefix of every Redis key, so several deployments or test runs can share one Redis.',
    example: 'heimo',
    parse: (raw: string | undefined): string => {
      const value = text('heimo')(raw);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
        return fail('REDIS_PREFIX', 'may contain only letters, digits, "_" and "-" (at most 64)');
      }
      return value;
    },
  },
  DATA_DIR: {
    name: 'DATA_DIR',
    description: 'Folder for local data: the embedded database, the private Redis, generated secrets.',
    example: '.heimo',
    parse: text('.heimo'),
  },
  AUTH_SECRET: {
    name: 'AUTH_SECRET',
    description:
      'Key that signs access tokens (at least 32 characters). Empty outside production: one is generated once and kept in DATA_DIR.',
    example: '',
    parse: (raw: string | undefined): string | undefined => {
      if (raw === undefined || raw === '') return undefined;
      if (raw.length < 32) return fail('AUTH_SECRET', 'must be at least 32 characters long');
      return raw;
    },
  },
  AUTH_SECRET_PREVIOUS: {
    name: 'AUTH_SECRET_PREVIOUS',
    description:
      'Comma-separated earlier values of AUTH_SECRET (each at least 32 characters), kept after a rotation so secrets encrypted at rest under them stay readable; new ones are encrypted under AUTH_SECRET.',
    example: '',
    parse: (raw: string | undefined): readonly string[] => {
      const secrets = (raw ?? '')
        .split(',')
        .map((secret) => secret.trim())
        .filter(Boolean);
      if (secrets.some((secret) => secret.length < 32)) {
        return fail('AUTH_SECRET_PREVIOUS', 'each secret must be at least 32 characters long');
      }
      return secrets;
    },
  },
  ACCESS_TOKEN_TTL_SECONDS: {
    name: 'ACCESS_TOKEN_TTL_SECONDS',
    description: 'Lifetime of an access token.',
    example: '900',
    parse: int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
  },
  REFRESH_TOKEN_TTL_DAYS: {
    name: 'REFRESH_TOKEN_TTL_DAYS',
    description: 'Lifetime of a sign-in (refresh token family) without activity.',
    example: '30',
    parse: int('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
  },
  SESSION_MAX_DAYS: {
    name: 'SESSION_MAX_DAYS',
    description:
      'Longest a sign-in lasts, however active: after this many days from the sign-in, refreshing it answers 401 and the person signs in again.',
    example: '90',
    parse: int('SESSION_MAX_DAYS', 90, 1, 3_650),
  },
  RATE_LIMIT_WINDOW_SECONDS: {
    name: 'RATE_LIMIT_WINDOW_SECONDS',
    description:
      'Window of the per-address rate limits on sign-in, refresh, invitation acceptance and joining; an address over a limit waits out the window (429 with Retry-After).',
    example: '60',
    parse: int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
  },
  RATE_LIMIT_LOGIN: {
    name: 'RATE_LIMIT_LOGIN',
    description: 'Sign-in attempts one network address may make per window.',
    example: '20',
    parse: int('RATE_LIMIT_LOGIN', 20, 1, 1_000_000),
  },
  RATE_LIMIT_REFRESH: {
    name: 'RATE_LIMIT_REFRESH',
    description: 'Session refreshes one network address may make per window.',
    example: '60',
    parse: int('RATE_LIMIT_REFRESH', 60, 1, 1_000_000),
  },
  RATE_LIMIT_INVITATIONS: {
    name: 'RATE_LIMIT_INVITATIONS',
    description:
      'Invitation look-ups and acceptances, and first-run setup requests (`/api/setup`), one network address may make per window.',
    example: '20',
    parse: int('RATE_LIMIT_INVITATIONS', 20, 1, 1_000_000),
  },
  RATE_LIMIT_JOIN: {
    name: 'RATE_LIMIT_JOIN',
    description: 'Fan-programme join look-ups and sign-ups one network address may make per window.',
    example: '10',
    parse: int('RATE_LIMIT_JOIN', 10, 1, 1_000_000),
  },
  RATE_LIMIT_PASSWORD_RESET: {
    name: 'RATE_LIMIT_PASSWORD_RESET',
    description: 'Password reset requests and resets one network address may make per window.',
    example: '10',
    parse: int('RATE_LIMIT_PASSWORD_RESET', 10, 1, 1_000_000),
  },
  RATE_LIMIT_API_TOKEN: {
    name: 'RATE_LIMIT_API_TOKEN',
    description:
      'Requests one organisation API token may make per RATE_LIMIT_WINDOW_SECONDS window; more answer 429 with Retry-After.',
    example: '120',
    parse: int('RATE_LIMIT_API_TOKEN', 120, 1, 1_000_000),
  },
  RATE_LIMIT_SCIM_TOKEN: {
    name: 'RATE_LIMIT_SCIM_TOKEN',
    description:
      'Requests one SCIM token (an identity provider provisioning people) may make per RATE_LIMIT_WINDOW_SECONDS window; more answer 429 with Retry-After, which Entra ID and Okta wait for.',
    example: '1200',
    parse: int('RATE_LIMIT_SCIM_TOKEN', 1200, 1, 1_000_000),
  },
  PASSWORD_RESET_PER_EMAIL: {
    name: 'PASSWORD_RESET_PER_EMAIL',
    description:
      'Password reset e-mails one e-mail address may be sent per hour; further requests for it answer 429 (unknown addresses are counted alike).',
    example: '3',
    parse: int('PASSWORD_RESET_PER_EMAIL', 3, 1, 1_000),
  },
  LOGIN_LOCKOUT_FAILURES: {
    name: 'LOGIN_LOCKOUT_FAILURES',
    description:
      'Failed sign-ins for one e-mail address after which that address alone answers 429 until LOGIN_LOCKOUT_SECONDS pass.',
    example: '5',
    parse: int('LOGIN_LOCKOUT_FAILURES', 5, 1, 1_000),
  },
  LOGIN_LOCKOUT_SECONDS: {
    name: 'LOGIN_LOCKOUT_SECONDS',
    description:
      'Window in which failed sign-ins for one e-mail address are counted (and the lockout lasts).',
    example: '900',
    parse: int('LOGIN_LOCKOUT_SECONDS', 900, 1, 86_400),
  },
  RUN_WORKERS: {
    name: 'RUN_WORKERS',
    description:
      'Run the queue workers inside the API process. Set false on API replicas when workers run apart (`npm run start:worker`).',
    example: 'true',
    parse: bool('RUN_WORKERS', true),
  },
  BODY_LIMIT_BYTES: {
    name: 'BODY_LIMIT_BYTES',
    description: 'Largest JSON request body accepted; larger ones answer 413.',
    example: '1048576',
    parse: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1024 * 1024),
  },
  MEDIA_MAX_IMAGE_BYTES: {
    name: 'MEDIA_MAX_IMAGE_BYTES',
    description: 'Largest image (JPEG, PNG, WebP, GIF) a curator may upload; larger ones answer 413.',
    example: '10485760',
    parse: int('MEDIA_MAX_IMAGE_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  },
  MEDIA_MAX_VIDEO_BYTES: {
    name: 'MEDIA_MAX_VIDEO_BYTES',
    description:
      'Largest video (MP4, QuickTime, WebM) a curator may upload; larger ones answer 413. Uploads go to a temporary file under DATA_DIR while they arrive and are refused at the first byte over.',
    example: '104857600',
    parse: int('MEDIA_MAX_VIDEO_BYTES', 100 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  },
  EXPORT_QUERY_TIMEOUT_MS: {
    name: 'EXPORT_QUERY_TIMEOUT_MS',
    description:
      'Time limit of each database statement of a CSV download (leaderboards, my shares), lock waits included; a slower one is cancelled and the download answers 503 `export.timeout`.',
    example: '30000',
    parse: int('EXPORT_QUERY_TIMEOUT_MS', 30_000, 10, 3_600_000),
  },
  EXPORT_IDLE_TIMEOUT_MS: {
    name: 'EXPORT_IDLE_TIMEOUT_MS',
    description:
      'How long a CSV download waits for a client that stopped reading; then its connection is closed and its database connection given back.',
    example: '30000',
    parse: int('EXPORT_IDLE_TIMEOUT_MS', 30_000, 10, 3_600_000),
  },
  EXPORT_MAX_PER_MEMBER: {
    name: 'EXPORT_MAX_PER_MEMBER',
    description:
      'CSV downloads (leaderboards, my shares) one member may have running at once in an API process; one more answers 429 with Retry-After.',
    example: '2',
    parse: int('EXPORT_MAX_PER_MEMBER', 2, 1, 1_000),
  },
  EXPORT_MAX_CONCURRENT: {
    name: 'EXPORT_MAX_CONCURRENT',
    description:
      'CSV downloads an API process serves at once, whoever asks; one more answers 503 with Retry-After. Each holds a database connection while it lasts: keep it below the pool of 10, so other requests always find one.',
    example: '4',
    parse: int('EXPORT_MAX_CONCURRENT', 4, 1, 1_000),
  },
  LOG_LEVEL: {
    name: 'LOG_LEVEL',
    description: 'pino log level.',
    example: 'info',
    parse: oneOf('LOG_LEVEL', 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
  },
  LOG_FORMAT: {
    name: 'LOG_FORMAT',
    description:
      '`json`: one JSON object a line (for log collectors); `pretty`: one short line for a person at a terminal (`npm start` sets it).',
    example: 'json',
    parse: oneOf('LOG_FORMAT', 'json', ['json', 'pretty'] as const),
  },
  FEED_POLL_INTERVAL_MINUTES: {
    name: 'FEED_POLL_INTERVAL_MINUTES',
    description: 'How often every enabled RSS/Atom feed source is read for new items.',
    example: '30',
    parse: int('FEED_POLL_INTERVAL_MINUTES', 30, 1, 10_080),
  },
  FEED_TIMEOUT_MS: {
    name: 'FEED_TIMEOUT_MS',
    description:
      'Time limit of one feed or feed-image fetch, redirects and DNS included; a slower server is cut off (`feed.timeout`).',
    example: '10000',
    parse: int('FEED_TIMEOUT_MS', 10_000, 100, 120_000),
  },
  FEED_MAX_BYTES: {
    name: 'FEED_MAX_BYTES',
    description:
      'Largest feed or feed image read; the download stops as soon as it is exceeded (`feed.too_large`).',
    example: '5242880',
    parse: int('FEED_MAX_BYTES', 5_242_880, 1024, 100 * 1024 * 1024),
  },
  OUTBOUND_ALLOWED_HOSTS: {
    name: 'OUTBOUND_ALLOWED_HOSTS',
    description:
      'Comma-separated `host` or `host:port` entries that outbound requests (feeds, and later OpenID, webhooks, chat and push services) may reach even at loopback or private addresses (tests serve from 127.0.0.1). Leave empty in production.',
    example: '',
    parse: hostList('OUTBOUND_ALLOWED_HOSTS'),
  },
  WEBHOOK_ATTEMPTS: {
    name: 'WEBHOOK_ATTEMPTS',
    description:
      'Attempts of one webhook delivery before it fails and its endpoint is switched off (admins are e-mailed).',
    example: '12',
    parse: int('WEBHOOK_ATTEMPTS', 12, 1, 30),
  },
  WEBHOOK_RETRY_BASE_MS: {
    name: 'WEBHOOK_RETRY_BASE_MS',
    description:
      'First wait before a failed webhook delivery is tried again; each retry waits twice as long (with 12 attempts and 40 s, the last one is about 23 hours after the first).',
    example: '40000',
    parse: int('WEBHOOK_RETRY_BASE_MS', 40_000, 10, 3_600_000),
  },
  WEBHOOK_TIMEOUT_MS: {
    name: 'WEBHOOK_TIMEOUT_MS',
    description:
      'Time limit of one webhook delivery: an endpoint that answers later counts as failed (`webhook.timeout`).',
    example: '15000',
    parse: int('WEBHOOK_TIMEOUT_MS', 15_000, 100, 60_000),
  },
  BLUESKY_SERVICE_URL: {
    name: 'BLUESKY_SERVICE_URL',
    description:
      'The Bluesky server members sign in to when they connect an account without naming their own (the entryway, which also serves accounts hosted elsewhere by Bluesky).',
    example: 'https://bsky.social',
    parse: (raw: string | undefined): string =>
      url('BLUESKY_SERVICE_URL', ['https:', 'http:'])(raw) ?? 'https://bsky.social',
  },
  CONNECTION_TIMEOUT_MS: {
    name: 'CONNECTION_TIMEOUT_MS',
    description: 'Time limit of one request to a connected network (Bluesky, Mastodon).',
    example: '15000',
    parse: int('CONNECTION_TIMEOUT_MS', 15_000, 100, 60_000),
  },
  CONNECTION_RETRY_BASE_MS: {
    name: 'CONNECTION_RETRY_BASE_MS',
    description:
      'First wait before a connected-network check that failed (network unavailable) is tried again; each retry waits twice as long (5 attempts). A rate limit waits as long as the network asks instead.',
    example: '60000',
    parse: int('CONNECTION_RETRY_BASE_MS', 60_000, 10, 3_600_000),
  },
  FEED_FETCH_ALLOWED_HOSTS: {
    name: 'FEED_FETCH_ALLOWED_HOSTS',
    description: 'Older name of OUTBOUND_ALLOWED_HOSTS, still read: its entries are added to that list.',
    example: '',
    parse: hostList('FEED_FETCH_ALLOWED_HOSTS'),
  },
  CLICK_COUNTING: {
    name: 'CLICK_COUNTING',
    description:
      'Record every visit to a tracked link (`/r/:code`) as a click or preview. `false` still redirects but records nothing (the redirect benchmark compares both).',
    example: 'true',
    parse: bool('CLICK_COUNTING', true),
  },
  CLICK_FLUSH_MS: {
    name: 'CLICK_FLUSH_MS',
    description:
      'How long clicks wait in memory before they are sent to Redis as one batch (or to the journal under DATA_DIR while Redis is away).',
    example: '5',
    parse: int('CLICK_FLUSH_MS', 5, 1, 1_000),
  },
  CLICK_NETWORK_DAILY_LIMIT: {
    name: 'CLICK_NETWORK_DAILY_LIMIT',
    description:
      'Unique visitors of one share from one network (/24 for IPv4, /64 for IPv6) that earn click points in a UTC day; later ones are stored and counted as clicks but earn no points (reason `network_daily_limit`).',
    example: '5',
    parse: int('CLICK_NETWORK_DAILY_LIMIT', DEFAULT_NETWORK_DAILY_LIMIT, 1, 1_000_000),
  },
  CLICK_RETENTION_MONTHS: {
    name: 'CLICK_RETENTION_MONTHS',
    description:
      'Whole months of raw click events kept before the current one; an older month is dropped, a partition at a time, once its rollups agree with its rows, and its rollups are then the record.',
    example: '25',
    parse: int('CLICK_RETENTION_MONTHS', 25, 1, 1_200),
  },
  INSIGHTS_CACHE: {
    name: 'INSIGHTS_CACHE',
    description:
      'Keep the dashboards and team boards of organisations with 2,000 or more active members for 30 seconds per filter combination. Member boards are always read from the period rollups. `false`: every read is fresh (the leaderboard benchmark measures that).',
    example: 'true',
    parse: bool('INSIGHTS_CACHE', true),
  },
  REDIRECT_CACHE_SIZE: {
    name: 'REDIRECT_CACHE_SIZE',
    description: 'Tracked links each API process keeps in memory (least recently used go first).',
    example: '100000',
    parse: int('REDIRECT_CACHE_SIZE', 100_000, 100, 10_000_000),
  },
  REDIRECT_PORT: {
    name: 'REDIRECT_PORT',
    description:
      'A port of its own for tracked links (`/r/:code`), answered by a thread with nothing else on it; the proxy in front sends `/r/` there. The API port answers `/r/` too. Empty: tracked links only on the API port.',
    example: '3001',
    parse: optionalInt('REDIRECT_PORT', 0, 65535),
  },
  METRICS_PORT: {
    name: 'METRICS_PORT',
    description:
      'A port of its own for the Prometheus metrics (`GET /metrics`, on HOST), in API and worker processes alike; keep it unreachable from outside. Empty: no metrics endpoint.',
    example: '9464',
    parse: optionalInt('METRICS_PORT', 0, 65535),
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    description:
      'OpenTelemetry collector to send traces to (OTLP over HTTP, JSON; `/v1/traces` is appended), from API and worker processes alike: HTTP, PostgreSQL, Redis and BullMQ spans, the request id as `heimo.request_id`. Tracked links (`/r/…`) are traced only when the caller sends a sampled `traceparent`. Empty: no tracing, and nothing of it is loaded.',
    example: '',
    parse: url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
  },
  OTEL_SERVICE_NAME: {
    name: 'OTEL_SERVICE_NAME',
    description:
      'The `service.name` of the traces (with OTEL_EXPORTER_OTLP_ENDPOINT). Empty: `heimo-api` for an API process, `heimo-worker` for a worker process.',
    example: '',
    parse: (raw: string | undefined): string | undefined => (raw?.trim() ? raw.trim() : undefined),
  },
  SMTP_URL: {
    name: 'SMTP_URL',
    description:
      'SMTP server for e-mail (`smtp://user:pass@host:587`, `smtps://…`). Empty: messages are written as .eml files under DATA_DIR/outbox, listed for admins.',
    example: '',
    parse: url('SMTP_URL', ['smtp:', 'smtps:']),
  },
  MAIL_FROM: {
    name: 'MAIL_FROM',
    description: 'Sender of every e-mail.',
    example: 'Heimo <no-reply@heimo.localhost>',
    parse: text('Heimo <no-reply@heimo.localhost>'),
  },
  MAIL_RETRY_BASE_MS: {
    name: 'MAIL_RETRY_BASE_MS',
    description:
      'First wait before a failed e-mail is tried again; each retry waits twice as long (5 attempts in all).',
    example: '30000',
    parse: int('MAIL_RETRY_BASE_MS', 30_000, 10, 3_600_000),
  },
  VAPID_PUBLIC_KEY: {
    name: 'VAPID_PUBLIC_KEY',
    description:
      'Web Push (VAPID) public key, base64url of the uncompressed P-256 point (`npx web-push generate-vapid-keys`). Set with VAPID_PRIVATE_KEY in production: every replica must sign with the same keys. Both empty: a pair is generated once into DATA_DIR (embedded default and outside production); in production with DATABASE_URL set, push stays off.',
    example: '',
    parse: (raw: string | undefined): string | undefined => {
      const value = raw?.trim();
      if (!value) return undefined;
      if (!/^[A-Za-z0-9_-]{87}$/.test(value) || Buffer.from(value, 'base64url')[0] !== 4)
        return fail('VAPID_PUBLIC_KEY', 'must be base64url of a 65-byte uncompressed P-256 point');
      return value;
    },
  },
  VAPID_PRIVATE_KEY: {
    name: 'VAPID_PRIVATE_KEY',
    description:
      'Web Push (VAPID) private key, base64url of the 32-byte P-256 scalar; set with VAPID_PUBLIC_KEY.',
    example: '',
    parse: (raw: string | undefined): string | undefined => {
      const value = raw?.trim();
      if (!value) return undefined;
      if (!/^[A-Za-z0-9_-]{43}$/.test(value))
        return fail('VAPID_PRIVATE_KEY', 'must be base64url of a 32-byte P-256 private key');
      return value;
    },
  },
  VAPID_SUBJECT: {
    name: 'VAPID_SUBJECT',
    description:
      'Contact the push services see in each VAPID signature (`mailto:` or `https:`). Empty: `mailto:` the address of MAIL_FROM.',
    example: 'mailto:push-admin@example.com',
    parse: (raw: string | undefined): string | undefined => {
      const value = raw?.trim();
      if (!value) return undefined;
      if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(value))
        return fail('VAPID_SUBJECT', 'must be a mailto: or https: URL');
      return value;
    },
  },
  PUSH_RETRY_BASE_MS: {
    name: 'PUSH_RETRY_BASE_MS',
    description:
      'First wait before a failed push message is tried again; each retry waits twice as long (5 attempts in all).',
    example: '30000',
    parse: int('PUSH_RETRY_BASE_MS', 30_000, 10, 3_600_000),
  },
  PUSH_SERVICE_CA_FILE: {
    name: 'PUSH_SERVICE_CA_FILE',
    description:
      'PEM file of extra certificate authorities trusted when sending to push services (a private push relay, tests). Empty: the system ones.',
    example: '',
    parse: (raw: string | undefined): string | undefined => (raw?.trim() ? raw.trim() : undefined),
  },
  CHANNEL_RETRY_BASE_MS: {
    name: 'CHANNEL_RETRY_BASE_MS',
    description:
      'First wait before a failed Slack or Teams post is tried again; each retry waits twice as long (5 attempts in all).',
    example: '30000',
    parse: int('CHANNEL_RETRY_BASE_MS', 30_000, 10, 3_600_000),
  },
  DIGEST_HOUR: {
    name: 'DIGEST_HOUR',
    description:
      'Local hour (organisation time zone) from which daily and weekly digests and summaries go out.',
    example: '8',
    parse: int('DIGEST_HOUR', 8, 0, 23),
  },
  NOTIFICATION_TICK_SECONDS: {
    name: 'NOTIFICATION_TICK_SECONDS',
    description:
      'How often workers look for due pack alerts, digests, reminders and summaries; 0 turns the schedule off (e-mails already queued are still sent).',
    example: '60',
    parse: int('NOTIFICATION_TICK_SECONDS', 60, 0, 3600),
  },
  SEED_DEMO: {
    name: 'SEED_DEMO',
    description:
      'Create the demo organisation (people with a published password) at start when it does not exist. Empty: on the embedded database only, never on DATABASE_URL. `true` seeds it on any database and logs a warning at every start; `false` never.',
    example: '',
    /** Undefined when unset: the database decides (see `seedsDemo`). */
    parse: (raw: string | undefined): boolean | undefined =>
      raw === undefined || raw.trim() === '' ? undefined : bool('SEED_DEMO', false)(raw.trim()),
  },
  ALLOW_ORGANISATION_SIGNUP: {
    name: 'ALLOW_ORGANISATION_SIGNUP',
    description:
      'Let anyone create a further organisation from the web (`/signup-organisation`) after confirming their e-mail address. Off by default: organisations are then created by the first run’s setup link and `org:create` only.',
    example: 'false',
    parse: bool('ALLOW_ORGANISATION_SIGNUP', false),
  },
} satisfies Record<string, VariableSpec<unknown>>;

export type VariableName = keyof typeof variables;
