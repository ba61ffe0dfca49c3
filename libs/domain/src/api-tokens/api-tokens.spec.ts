import {
  API_TOKEN_MAX_DAYS,
  API_TOKEN_SCOPES,
  GRANTABLE_API_TOKEN_SCOPES,
  apiTokenExpiryProblem,
  isApiTokenScope,
  isGrantableApiTokenScope,
  looksLikeApiToken,
} from './api-tokens';

const DAY = 24 * 3600 * 1000;

describe('API token scopes', () => {
  it('grants every scope but scim from the form, and knows scim', () => {
    expect(GRANTABLE_API_TOKEN_SCOPES.every((scope) => API_TOKEN_SCOPES.includes(scope))).toBe(true);
    expect(isApiTokenScope('scim')).toBe(true);
    expect(isGrantableApiTokenScope('scim')).toBe(false);
    expect(isGrantableApiTokenScope('insights:read')).toBe(true);
    expect(isApiTokenScope('insights:write')).toBe(false);
    expect(isApiTokenScope(42)).toBe(false);
  });
});

describe('apiTokenExpiryProblem', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it('accepts a day ahead and the longest allowed', () => {
    expect(apiTokenExpiryProblem(new Date(now.getTime() + DAY), now)).toBeNull();
    expect(apiTokenExpiryProblem(new Date(now.getTime() + API_TOKEN_MAX_DAYS * DAY), now)).toBeNull();
  });
  it('refuses now, the past, an invalid date and too far ahead', () => {
    expect(apiTokenExpiryProblem(now, now)).toBe('api_token.expiry_past');
    expect(apiTokenExpiryProblem(new Date(now.getTime() - 1), now)).toBe('api_token.expiry_past');
    expect(apiTokenExpiryProblem(new Date('nope'), now)).toBe('api_token.expiry_past');
    expect(apiTokenExpiryProblem(new Date(now.getTime() + (API_TOKEN_MAX_DAYS + 1) * DAY), now)).toBe(
      'api_token.expiry_too_far',
    );
  });
});

describe('looksLikeApiToken', () => {
  it('knows the prefix and length', () => {
    expect(looksLikeApiToken(`heimo_${'a'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiToken(`heimo_${'a'.repeat(42)}`)).toBe(false);
    expect(looksLikeApiToken(`v1.${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiToken(`heimo_${'a'.repeat(42)}!`)).toBe(false);
  });
});
