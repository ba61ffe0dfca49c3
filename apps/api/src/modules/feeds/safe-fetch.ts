import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { blockedAddressReason } from './address-policy';
import { FeedFetchError } from './feeds.errors';

export interface SafeFetchLimits {
  /** Largest body read (after decompression); the download stops as soon as it is passed. */
  readonly maxBytes: number;
  /** Time limit of the whole fetch: DNS, every redirect, headers and body. */
  readonly timeoutMs: number;
  /** `host` or `host:port` entries (lower case) that may be reached at any address. Empty in production. */
  readonly allowedHosts: readonly string[];
  readonly maxRedirects?: number;
}

export interface SafeFetchRequest {
  readonly accept?: string;
  /** Sent as `If-None-Match`. */
  readonly etag?: string | null;
  /** Sent as `If-Modified-Since`. */
  readonly lastModified?: string | null;
}

export interface SafeFetchResult {
  /** The URL after redirects. */
  readonly url: string;
  readonly status: number;
  /** 304: the document did not change since the `etag` / `lastModified` given. */
  readonly notModified: boolean;
  readonly body: Buffer;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Every address a host name resolves to. Replaceable in tests; production uses the system resolver. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export const DEFAULT_MAX_REDIRECTS = 5;
const USER_AGENT = 'HeimoFeedReader/1.0 (+https://github.com/heimo-app/heimo)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DNS_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL']);
/** Header values we send back must be plain printable ASCII (a hostile server chose them). */
const SAFE_HEADER_VALUE = /^[\x20-\x7e]{1,512}$/;

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const effectivePort = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/** Whether the allow-list names this URL's host (any port) or its host and port. */
export function isAllowListed(url: URL, allowedHosts: readonly string[]): boolean {
  if (!allowedHosts.length) return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.includes(host) || allowedHosts.includes(`${host}:${effectivePort(url)}`);
}

/**
 * The checks that need no network: an absolute http(s) URL without credentials, whose host is not
 * an address (or `localhost` name) we never fetch. Throws a FeedFetchError with a stable code.
 */
export function assertFetchableUrl(raw: string | URL, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new FeedFetchError('feed.bad_url', 'The address is not an absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedFetchError('feed.bad_scheme', `Only http and https feeds are read, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new FeedFetchError('feed.bad_url', 'The address must not carry a user name or password.');
  }
  const host = hostOf(url);
  if (!host) throw new FeedFetchError('feed.bad_url', 'The address has no host.');
  if (isAllowListed(url, allowedHosts)) return url;
  if (isIP(host)) {
    const reason = blockedAddressReason(host);
    if (reason) throw privateAddress(host, reason);
  } else if (host === 'localhost' || host.endsWith('.localhost')) {
    throw privateAddress(host, 'loopback');
  }
  return url;
}

const privateAddress = (address: string, reason: string) =>
  new FeedFetchError(
    'feed.private_address',
    `${address} is a ${reason.replace(/_/g, '-')} address; only public internet addresses are fetched.`,
  );

/**
 * Reads a URL the way a server should read an address a user typed: http(s) only; every host
 * resolved here and refused when any of its addresses is not public; the connection made to the
 * address that was checked (no second lookup a rebinding DNS server could answer differently);
 * redirects followed by hand and checked the same way; size and time limited. Every refusal is a
 * FeedFetchError with a stable code.
 */
export async function safeFetch(
  rawUrl: string,
  limits: SafeFetchLimits,
  request: SafeFetchRequest = {},
  resolve: Resolver = systemResolver,
): Promise<SafeFetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const timedOut = () =>
    new FeedFetchError('feed.timeout', `No complete answer within ${limits.timeoutMs} ms.`);
  try {
    let url = assertFetchableUrl(rawUrl, limits.allowedHosts);
    const maxRedirects = limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    for (let hop = 0; ; hop++) {
      const target = await withDeadline(vet(url, limits.allowedHosts, resolve), controller.signal, timedOut);
      const response = await send(url, target, request, controller.signal, timedOut);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.destroy();
        const location = response.headers.location;
        if (!location) throw new FeedFetchError('feed.http_status', `HTTP ${status} without a Location.`);
        if (hop >= maxRedirects) {
          throw new FeedFetchError('feed.too_many_redirects', `More than ${maxRedirects} redirects.`);
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new FeedFetchError('feed.bad_url', 'A redirect points at a malformed address.');
        }
        url = assertFetchableUrl(next, limits.allowedHosts);
        continue;
      }
      const header = (name: string) => {
        const value = response.headers[name];
        return typeof value === 'string' && SAFE_HEADER_VALUE.test(value) ? value : null;
      };
      const meta = {
        url: url.toString(),
        status,
        contentType: header('content-type'),
        etag: header('etag'),
        lastModified: header('last-modified'),
      };
      if (status === 304) {
        response.destroy();
        return { ...meta, notModified: true, body: Buffer.alloc(0) };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FeedFetchError('feed.http_status', `The server answered HTTP ${status}.`);
      }
      const body = await readBody(response, limits.maxBytes, controller.signal, timedOut);
      return { ...meta, notModified: false, body };
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (controller.signal.aborted) throw timedOut();
    throw networkError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves the host and answers the one address to connect to, or refuses. */
async function vet(url: URL, allowedHosts: readonly string[], resolve: Resolver): Promise<ResolvedAddress> {
  const host = hostOf(url);
  const literal = isIP(host);
  if (literal) return { address: host, family: literal };
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw new FeedFetchError('feed.dns_failed', `${host} could not be resolved (${errorCode(error)}).`);
  }
  if (!addresses.length) throw new FeedFetchError('feed.dns_failed', `${host} has no address.`);
  if (!isAllowListed(url, allowedHosts)) {
    // One private answer is enough to refuse: a name that mixes them is a rebinding attempt or a mistake.
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) throw privateAddress(`${host} (${address})`, reason);
    }
  }
  // IPv4 first: a host without IPv6 connectivity still reaches a dual-stack name.
  return addresses.find((a) => a.family === 4) ?? (addresses[0] as ResolvedAddress);
}

function send(
  url: URL,
  target: ResolvedAddress,
  request: SafeFetchRequest,
  signal: AbortSignal,
  timedOut: () => FeedFetchError,
): Promise<http.IncomingMessage> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: request.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag && SAFE_HEADER_VALUE.test(request.etag)) headers['if-none-match'] = request.etag;
  if (request.lastModified && SAFE_HEADER_VALUE.test(request.lastModified))
    headers['if-modified-since'] = request.lastModified;
  // The vetted address, whatever the resolver would say now; Host and TLS SNI stay the name.
  const pinned = ((_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    if (signal.aborted) return reject(timedOut());
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: hostOf(url),
        port: effectivePort(url),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        lookup: pinned,
        // A fresh connection per request: a pooled socket could belong to an earlier answer.
        agent: false,
        signal,
      },
      (response) => {
        // A response dropped unread (redirects, 304, errors) must not crash the process with an
        // unhandled 'error'; readBody listens for the ones that matter.
        response.on('error', () => undefined);
        resolvePromise(response);
      },
    );
    req.on('error', (error) => reject(signal.aborted ? timedOut() : networkError(error)));
    req.end();
  });
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function readBody(
  response: http.IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
  timedOut: () => FeedFetchError,
): Promise<Buffer> {
  const tooLarge = () => new FeedFetchError('feed.too_large', `The answer is larger than ${maxBytes} bytes.`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolvePromise, reject) => {
    const stream = decoded(response);
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) {
        response.destroy();
        if (stream !== response) stream.destroy();
        reject(error);
      } else resolvePromise(Buffer.concat(chunks, received));
    };
    const onAbort = () => finish(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) return finish(tooLarge());
      chunks.push(chunk);
    });
    stream.on('end', () => finish(null));
    stream.on('error', (error) =>
      finish(
        signal.aborted
          ? timedOut()
          : new FeedFetchError('feed.connect_failed', `The answer broke off (${errorCode(error)}).`),
      ),
    );
    const brokeOff = () =>
      finish(
        signal.aborted
          ? timedOut()
          : new FeedFetchError('feed.connect_failed', 'The server closed the connection early.'),
      );
    response.on('aborted', brokeOff);
    if (stream !== response) response.on('error', brokeOff);
  });
}

async function withDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal,
  timedOut: () => FeedFetchError,
): Promise<T> {
  if (signal.aborted) throw timedOut();
  let reject: (error: Error) => void = () => undefined;
  const deadline = new Promise<never>((_, fail) => {
    reject = fail;
  });
  const onAbort = () => reject(timedOut());
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

const errorCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
};

function networkError(error: unknown): FeedFetchError {
  const code = errorCode(error);
  if (DNS_ERRORS.has(code))
    return new FeedFetchError('feed.dns_failed', `The host could not be resolved (${code}).`);
  return new FeedFetchError('feed.connect_failed', `The server could not be reached (${code}).`);
}
