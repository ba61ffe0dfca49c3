/**
 * Organisation API tokens: what they may do, named once for the API, the web client and (later) SCIM.
 * A token carries scopes; a route declares the one scope it needs, and a route that declares none
 * refuses tokens. `scim` is kept for SCIM provisioning (issue #23): it is stored in the same table but
 * not granted from the API-token form.
 */
export const API_TOKEN_SCOPES = [
  'insights:read',
  'packs:read',
  'packs:write',
  'people:read',
  'audit:read',
  'scim',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** The scopes an admin may give a token on Settings → Integrations. */
export const GRANTABLE_API_TOKEN_SCOPES = [
  'insights:read',
  'packs:read',
  'packs:write',
  'people:read',
  'audit:read',
] as const satisfies readonly ApiTokenScope[];
export type GrantableApiTokenScope = (typeof GRANTABLE_API_TOKEN_SCOPES)[number];

export function isApiTokenScope(value: unknown): value is ApiTokenScope {
  return typeof value === 'string' && (API_TOKEN_SCOPES as readonly string[]).includes(value);
}

export function isGrantableApiTokenScope(value: unknown): value is GrantableApiTokenScope {
  return typeof value === 'string' && (GRANTABLE_API_TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Every token starts so, so secret scanners and people recognise one (and the API tells it from a session). */
export const API_TOKEN_PREFIX = 'heimo_';
/** The prefix and this many characters of the secret are kept and shown, so admins tell tokens apart. */
export const API_TOKEN_HINT_LENGTH = API_TOKEN_PREFIX.length + 4;
export const API_TOKEN_NAME_MAX_LENGTH = 80;
/** The longest a token may live; the form offers shorter ones. */
export const API_TOKEN_MAX_DAYS = 366;
export const API_TOKEN_EXPIRY_CHOICES_DAYS = [30, 90, 180, 365] as const;

/** Whether `token` has the shape of an API token (prefix and 43 base64url characters: 32 random bytes). */
export function looksLikeApiToken(token: string): boolean {
  return /^heimo_[A-Za-z0-9_-]{43}$/.test(token);
}

/** Why an expiry is refused, or null: it must be in the future and at most API_TOKEN_MAX_DAYS away. */
export function apiTokenExpiryProblem(
  expiresAt: Date,
  now: Date = new Date(),
): 'api_token.expiry_past' | 'api_token.expiry_too_far' | null {
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime())
    return 'api_token.expiry_past';
  if (expiresAt.getTime() > now.getTime() + API_TOKEN_MAX_DAYS * 24 * 3600 * 1000)
    return 'api_token.expiry_too_far';
  return null;
}
