/** What a credential is replaced with in a log line. */
export const CENSOR = '[redacted]';

/**
 * Words that make a query parameter's value a credential: an unsubscribe or reset token, an OpenID
 * `code`, an API key, a signature, a secret, a password. A name is split into words at `_`, `-`,
 * `.` and lower-to-upper case steps (`token`, `accessToken`, `api_key`, `X-Amz-Signature`, `sig`).
 */
const SECRET_WORDS = new Set([
  'token',
  'code',
  'key',
  'apikey',
  'sig',
  'signature',
  'secret',
  'password',
  'passwd',
  'credential',
  'otp',
  'jwt',
  'auth',
]);

function isSecretParameter(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => SECRET_WORDS.has(word) || SECRET_WORDS.has(word.replace(/s$/, '')));
}

/**
 * Paths that carry a credential as a segment: the invitation page (`/invite/:token`) and the
 * fan-programme join link (`/join/:code`, `/api/join/:code`). Tracked links (`/r/:code`) are public.
 */
const SECRET_SEGMENT = /^(\/(?:api\/)?(?:invite|join)\/)[^/?#]+/i;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A request URL as it may be logged: credentials in the path and the values of credential-like
 * query parameters replaced by `[redacted]`, everything else kept as it came.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  const path = (query < 0 ? url : url.slice(0, query)).replace(SECRET_SEGMENT, `$1${CENSOR}`);
  if (query < 0) return path;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && isSecretParameter(decoded(name)) ? `${name}=${CENSOR}` : pair;
    });
  return `${path}?${parameters.join('&')}`;
}

/** The fields of a database error that say what failed and where, without the values involved. */
const DATABASE_ERROR_FIELDS = [
  'code',
  'severity',
  'schema',
  'table',
  'column',
  'constraint',
  'routine',
  'query',
] as const;

/**
 * A PostgreSQL error as the driver (pg's `DatabaseError`) or TypeORM (`QueryFailedError`, which
 * also carries the statement's `parameters` and the driver's error) hands it over. Their `detail`
 * repeats the values (`Key (email)=(…) already exists`), and `parameters` are the values.
 */
function isDatabaseError(error: object): boolean {
  const fields = error as Record<string, unknown>;
  return (
    'parameters' in fields ||
    'driverError' in fields ||
    (typeof fields.code === 'string' && typeof fields.severity === 'string' && 'routine' in fields)
  );
}

/**
 * pino's `err` serializer, after its standard one: a database error keeps its message, SQLSTATE
 * code, the statement (placeholders, not values) and where it failed (table, column, constraint),
 * never the parameters or the driver's `detail`. Other errors pass unchanged.
 */
export function withoutDatabaseValues<T>(serialized: T): T {
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const raw = (serialized as { raw?: unknown }).raw;
  if (!isDatabaseError(typeof raw === 'object' && raw !== null ? raw : serialized)) return serialized;
  const fields = serialized as Record<string, unknown>;
  const kept: Record<string, unknown> = { type: fields.type, message: fields.message, stack: fields.stack };
  for (const field of DATABASE_ERROR_FIELDS) if (fields[field] !== undefined) kept[field] = fields[field];
  return kept as T;
}

/** A database error as a plain object for a log line (see {@link withoutDatabaseValues}). */
export function databaseErrorForLog(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const source = error as Record<string, unknown>;
  const kept: Record<string, unknown> = {
    type: error.constructor?.name ?? 'Error',
    message: (error as Error).message,
  };
  for (const field of DATABASE_ERROR_FIELDS) if (source[field] !== undefined) kept[field] = source[field];
  return kept;
}
