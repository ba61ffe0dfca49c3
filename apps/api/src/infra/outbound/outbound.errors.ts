/** Why an outbound request was refused or failed. Callers prefix it with their own domain (`feed.timeout`). */
export const OUTBOUND_FAILURES = [
  'bad_url',
  'bad_scheme',
  'private_address',
  'dns_failed',
  'connect_failed',
  'timeout',
  'too_large',
  'too_many_redirects',
] as const;
export type OutboundFailure = (typeof OUTBOUND_FAILURES)[number];

/** A refused or failed outbound request. Not an HTTP error by itself: the caller decides what it means. */
export class OutboundError extends Error {
  constructor(
    readonly failure: OutboundFailure,
    readonly detail: string,
  ) {
    super(`outbound.${failure}: ${detail}`);
    this.name = 'OutboundError';
  }
}
