/**
 * Two-step sign-in: after the password, a 6-digit code from an authenticator app (TOTP, RFC 6238:
 * 30-second steps, the step before and after accepted) or one of the member's recovery codes. The
 * shapes here are checked alike by the web forms and the API.
 */

/** Digits of an authenticator code. */
export const TWO_STEP_CODE_DIGITS = 6;
/** Seconds of one TOTP step. */
export const TWO_STEP_PERIOD_SECONDS = 30;
/** Recovery codes handed out at enrolment (and at each renewal, which replaces them all). */
export const RECOVERY_CODE_COUNT = 10;
/** The issuer an authenticator app shows beside the account. */
export const TWO_STEP_ISSUER = 'Heimo';

/** Letters of a recovery code: no 0/o, 1/l/i, so a code read aloud or copied by hand survives. */
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** A recovery code as shown: two groups of five, `abcde-23456`. */
export const RECOVERY_CODE_PATTERN = /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/;
const AUTHENTICATOR_CODE = /^\d{6}$/;

export type SecondStepCode =
  | { readonly kind: 'authenticator'; readonly code: string }
  | { readonly kind: 'recovery'; readonly code: string };

/**
 * What a member typed as their second step: spaces (and a dash or space inside an app code, as some
 * apps show `123 456`) are ignored, letters of a recovery code read in any case. Undefined when it is
 * neither an app code nor a recovery code.
 */
export function readSecondStepCode(input: unknown): SecondStepCode | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const compact = input.trim().replace(/\s+/g, '');
  const digits = compact.replace(/-/g, '');
  if (AUTHENTICATOR_CODE.test(digits)) return { kind: 'authenticator', code: digits };
  const lower = compact.toLowerCase();
  const recovery = /^[a-z0-9]{10}$/.test(lower) ? `${lower.slice(0, 5)}-${lower.slice(5)}` : lower;
  if (RECOVERY_CODE_PATTERN.test(recovery)) return { kind: 'recovery', code: recovery };
  return undefined;
}

/** Only an authenticator app's code (enrolment and turning two-step off take no recovery code). */
export function readAuthenticatorCode(input: unknown): string | undefined {
  const read = readSecondStepCode(input);
  return read?.kind === 'authenticator' ? read.code : undefined;
}
