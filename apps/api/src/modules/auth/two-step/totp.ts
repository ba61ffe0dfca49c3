import { TWO_STEP_CODE_DIGITS, TWO_STEP_ISSUER, TWO_STEP_PERIOD_SECONDS } from '@heimo/domain';
import { authenticator } from 'otplib';

/** RFC 6238 with what authenticator apps expect: SHA-1, 6 digits, 30-second steps, one step either side. */
const totp = authenticator.clone({ digits: TWO_STEP_CODE_DIGITS, step: TWO_STEP_PERIOD_SECONDS, window: 1 });

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32 as apps take it. */
export function newTotpSecret(): string {
  return totp.generateSecret(20);
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, account: string, organisation: string): string {
  // The label names the organisation too, so one person in two organisations tells the entries apart.
  return totp.keyuri(`${account} (${organisation})`, TWO_STEP_ISSUER, secret);
}

/** The TOTP time step of `at`. */
export function totpStep(at = Date.now()): number {
  return Math.floor(at / 1000 / TWO_STEP_PERIOD_SECONDS);
}

/**
 * The time step whose code `code` is (now, or one step either side), or undefined when it is none of
 * them. The caller refuses a step at or before the last one used, so a code works once.
 */
export function matchingStep(code: string, secret: string, at = Date.now()): number | undefined {
  const delta = totp.clone({ epoch: at }).checkDelta(code, secret);
  return delta === null ? undefined : totpStep(at) + delta;
}
