import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClickSink } from '../clicks/click-batcher';
import { clientAddressOf, type TrustFunction } from '../../../infra/http/client-address';
import { RedirectBusyError, type RedirectTarget, type TargetCache, UNCOUNTED } from './target-cache';
import { readVisitHeaders } from './visit-headers';

/** Path prefix of tracked links (see `mountRedirectBeforeExpress` and the redirect listener). */
export const REDIRECT_PREFIX = '/r/';

const NOT_FOUND_PAGE = Buffer.from(
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex"><title>Link not found</title>' +
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>' +
    '<body><h1>Link not found</h1><p>This link does not exist or has been mistyped. Check the address, or ask the person who shared it.</p>' +
    '<p lang="fi">Linkkiä ei löytynyt. Tarkista osoite tai kysy linkin jakaneelta.</p></body></html>',
);

/*
 * Headers of every answer on `/r/`: never cached by a shared cache, no referrer leaves it. Each
 * answer gets a fresh object literal of one fixed shape: an object spread (`{ ...common, Location }`)
 * measured about 15 µs slower per request in Node's header writing (bench/redirect).
 */
const redirectHeaders = (location: string) => ({
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Location: location,
  'Content-Length': '0',
});

const NOT_FOUND_HEADERS = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Length': String(NOT_FOUND_PAGE.length),
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Robots-Tag': 'noindex',
} as const;

const METHOD_NOT_ALLOWED_HEADERS = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Allow: 'GET, HEAD',
  'Content-Length': '0',
} as const;

const BUSY_HEADERS = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Retry-After': '1',
  'Content-Length': '0',
} as const;

/** The share code of a `/r/<code>` URL (query ignored, one trailing slash allowed); null otherwise. */
export function codeOf(url: string): string | null {
  if (!url.startsWith(REDIRECT_PREFIX)) return null;
  const query = url.indexOf('?');
  let code = query === -1 ? url.slice(REDIRECT_PREFIX.length) : url.slice(REDIRECT_PREFIX.length, query);
  if (code.endsWith('/')) code = code.slice(0, -1);
  // Base62 only, so `%2F`, `%0D%0A`, dots and anything else never reach the cache or the database.
  return /^[0-9A-Za-z]{6,16}$/.test(code) ? code : null;
}

/**
 * What a handler answered, counted in a `Float64Array` (one slot per outcome, in this order; see
 * `SharingMetrics`): the thread that answers is the only writer, so a slot is a plain increment, and
 * the array may live on a `SharedArrayBuffer` the API's thread reads at a scrape (REDIRECT_PORT).
 */
export const REDIRECT_OUTCOMES = ['redirected', 'not_found', 'busy', 'method_not_allowed'] as const;
const REDIRECTED = 0;
const NOT_FOUND = 1;
const BUSY = 2;
const METHOD_NOT_ALLOWED = 3;

/** Counts for {@link REDIRECT_OUTCOMES}, on `buffer` when given (shared with another thread). */
export function redirectAnswerCounts(buffer?: SharedArrayBuffer): Float64Array {
  return buffer ? new Float64Array(buffer) : new Float64Array(REDIRECT_OUTCOMES.length);
}

/** A buffer for {@link redirectAnswerCounts} that another thread can write. */
export function sharedRedirectAnswerBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(REDIRECT_OUTCOMES.length * Float64Array.BYTES_PER_ELEMENT);
}

/** Where a handler reports what went wrong (the app's logger, or the listener thread's messages). */
export type RedirectLog = (message: string, error: unknown, context?: Record<string, unknown>) => void;

/**
 * `GET|HEAD /r/:code` on plain `node:http` objects: 302 to the share's stored destination, or a
 * 404 page that never repeats the input. A cached code is answered without touching the database
 * or Redis; the raw facts of each `GET` are then handed to the {@link ClickSink} after the answer
 * is written (the click shipper thread classifies, hashes and ships them). `HEAD` is answered the
 * same and never counted. Nothing limits the rate here: every click must be counted.
 *
 * No framework here: the API's thread runs it as `RedirectHandler` in front of Express, and the
 * redirect listener's thread (REDIRECT_PORT) runs it on a server of its own.
 */
export class TrackedLinkHandler {
  constructor(
    private readonly cache: Pick<TargetCache, 'peek' | 'load'>,
    private readonly clicks: ClickSink,
    private readonly logError: RedirectLog,
    /** TRUST_PROXY compiled: which peers may name the visitor (as for Express's `req.ip`). */
    private readonly trust: TrustFunction,
    /** What it answered, by {@link REDIRECT_OUTCOMES} (read by the metrics). */
    readonly answers: Float64Array = redirectAnswerCounts(),
  ) {}

  handle(request: IncomingMessage, response: ServerResponse): void {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') {
      this.answers[METHOD_NOT_ALLOWED] += 1;
      response.writeHead(405, METHOD_NOT_ALLOWED_HEADERS);
      response.end();
      return;
    }
    const code = codeOf(request.url ?? '');
    if (code === null) return this.notFound(response);
    const cached = this.cache.peek(code);
    if (cached === null) return this.notFound(response);
    if (cached !== undefined) return this.redirect(request, response, cached);
    this.cache.load(code).then(
      (target) => (target ? this.redirect(request, response, target) : this.notFound(response)),
      (error: unknown) => {
        if (!(error instanceof RedirectBusyError)) this.logError('tracked-link look-up failed', error);
        this.answers[BUSY] += 1;
        response.writeHead(503, BUSY_HEADERS);
        response.end();
      },
    );
  }

  private redirect(request: IncomingMessage, response: ServerResponse, target: RedirectTarget): void {
    try {
      response.writeHead(302, redirectHeaders(target.location));
    } catch (error) {
      // Stored destinations are validated when a share is made; a header Node refuses is not one.
      this.logError('stored destination is not a valid Location', error, { shareId: target.shareId });
      return this.notFound(response);
    }
    response.end();
    this.answers[REDIRECTED] += 1;
    if (request.method === 'GET' && this.clicks.enabled && target.shareId !== UNCOUNTED)
      this.count(request, target);
  }

  /** The raw facts only; the click shipper thread classifies, hashes and ships them. */
  private count(request: IncomingMessage, target: RedirectTarget): void {
    const headers = readVisitHeaders(request.rawHeaders);
    this.clicks.record(
      target.shareId,
      clientAddressOf(request.socket.remoteAddress ?? '', headers.forwardedFor, this.trust),
      headers.userAgent,
      headers.referer,
      headers.secPurpose,
      headers.purpose,
      headers.xMoz,
    );
  }

  /** The 404 page, the same whatever was asked. */
  notFound(response: ServerResponse): void {
    this.answers[NOT_FOUND] += 1;
    response.writeHead(404, NOT_FOUND_HEADERS);
    response.end(NOT_FOUND_PAGE);
  }
}
