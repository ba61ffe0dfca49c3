// One share attempt keeps one Idempotency-Key: a retry of the same request reuses it, so a double
// click or a retry after a lost answer makes one share; anything new gets a new key.
import type { ShareBody } from '../types';

export interface ShareAttempt {
  readonly key: string;
  readonly body: ShareBody;
}

function sameBody(a: ShareBody, b: ShareBody): boolean {
  return a.packId === b.packId && a.network === b.network && (a.caption ?? null) === (b.caption ?? null);
}

/** The attempt to send: the unfinished one again when the body is the same, else a fresh one. */
export function nextAttempt(
  unfinished: ShareAttempt | null,
  body: ShareBody,
  newKey: () => string = randomKey,
): ShareAttempt {
  return unfinished && sameBody(unfinished.body, body) ? unfinished : { key: newKey(), body };
}

/** A random version-4 UUID; `crypto.randomUUID` exists only in secure contexts. */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
