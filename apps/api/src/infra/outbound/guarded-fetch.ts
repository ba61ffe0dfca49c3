import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { blockedAddressReason } from './address-policy';
import { OutboundError } from './outbound.errors';

/** The limits every outbound request runs under; each caller sets its own sizes and time. */
export interface OutboundPolicy {
  /** Largest body read (after decompression); the download stops as soon as it is passed. */
  readonly maxBytes: number;
  /** Time limit of the whole request: DNS, every redirect, headers and body. */
  readonly timeoutMs: number;
  /** `host` or `host:port` entries (lower case) that may be reached at any address. Empty in production. */
  readonly allowedHosts: readonly string[];
  readonly maxRedirects?: number;
  /** Extra certificate authorities (PEM) trusted for https besides the system ones (a private push relay). */
  readonly extraCa?: string;
}

export type OutboundMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OutboundRequest {
  readonly method?: OutboundMethod;
  /** Lower- or mixed-case names; a caller's `user-agent` replaces the default one. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** False answers a 3xx as it is (the caller follows it, or not); true follows up to `maxRedirects`. */
  readonly followRedirects?: boolean;
  /** Ends the request early, as the time limit does (an `OutboundError('timeout')`). */
  readonly signal?: AbortSignal;
  /** Statuses whose body is read; others answer an empty body without downloading it. Default: all. */
  readonly readBodyWhen?: (status: number) => boolean;
  /**
   * True answers the first `maxBytes` of a larger body (`truncated`), for readers that only need
   * its beginning (a page's head); the download still stops there. Default: refuse it (`too_large`).
   */
  readonly truncate?: boolean;
}

export interface OutboundResponse {
  /** The URL after redirects. */
  readonly url: string;
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** Empty for 304, HEAD, a redirect answered as it is and a status `readBodyWhen` declines. */
  readonly body: Buffer;
  /** The body is the first `maxBytes` of a longer one (only with `truncate`). */
  readonly truncated?: boolean;
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Every address a host name resolves to. Replaceable in tests; production uses the system resolver. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export const DEFAULT_MAX_REDIRECTS = 5;
const USER_AGENT = 'Heimo/1.0 (+https://github.com/heimo-app/heimo)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DNS_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL']);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

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
 * an address (or `localhost` name) we never reach. Throws an OutboundError.
 */
export function assertOutboundUrl(raw: string | URL, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new OutboundError('bad_url', 'The address is not an absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('bad_scheme', `Only http and https addresses are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new OutboundError('bad_url', 'The address must not carry a user name or password.');
  }
  const host = hostOf(url);
  if (!host) throw new OutboundError('bad_url', 'The address has no host.');
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
  new OutboundError(
    'private_address',
    `${address} is a ${reason.replace(/_/g, '-')} address; only public internet addresses are fetched.`,
  );

/**
 * Every request the server makes to an address it did not choose itself (feeds, OpenID discovery,
 * webhooks, chat and push services, social networks) goes through here: http(s) only; every host
 * resolved here and refused when any of its addresses is not public; the connection made to the
 * address that was checked (no second lookup a rebinding DNS server could answer differently);
 * redirects followed by hand and checked the same way; size and time limited. Any status is
 * answered; every refusal or failure is an OutboundError.
 */
export async function guardedFetch(
  rawUrl: string | URL,
  policy: OutboundPolicy,
  request: OutboundRequest = {},
  resolve: Resolver = systemResolver,
): Promise<OutboundResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const stop = () => controller.abort();
  if (request.signal?.aborted) stop();
  request.signal?.addEventListener('abort', stop, { once: true });
  const timedOut = () => new OutboundError('timeout', `No complete answer within ${policy.timeoutMs} ms.`);
  try {
    let url = assertOutboundUrl(rawUrl, policy.allowedHosts);
    let method: OutboundMethod = request.method ?? 'GET';
    let body = request.body;
    let headers = { ...request.headers };
    const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    for (let hop = 0; ; hop++) {
      const target = await withDeadline(vet(url, policy.allowedHosts, resolve), controller.signal, timedOut);
      const response = await send(
        url,
        target,
        method,
        headers,
        body,
        controller.signal,
        timedOut,
        policy.extraCa,
      );
      const status = response.statusCode ?? 0;
      const answer = (bytes: Buffer): OutboundResponse => ({
        url: url.toString(),
        status,
        headers: response.headers,
        body: bytes,
      });
      if (REDIRECTS.has(status) && request.followRedirects !== false) {
        response.destroy();
        const location = response.headers.location;
        if (!location) return answer(Buffer.alloc(0));
        if (hop >= maxRedirects) {
          throw new OutboundError('too_many_redirects', `More than ${maxRedirects} redirects.`);
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new OutboundError('bad_url', 'A redirect points at a malformed address.');
        }
        next = assertOutboundUrl(next, policy.allowedHosts);
        // As browsers do: 303, and 301/302 after a POST, become a GET without the body; 307/308 repeat the request.
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
          headers = withoutHeaders(headers, BODY_HEADERS);
        }
        if (next.origin !== url.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
        url = next;
        continue;
      }
      const wanted = request.readBodyWhen?.(status) ?? true;
      if (!wanted || status === 304 || method === 'HEAD' || REDIRECTS.has(status)) {
        response.destroy();
        return answer(Buffer.alloc(0));
      }
      const read = await readBody(
        response,
        policy.maxBytes,
        request.truncate ?? false,
        controller.signal,
        timedOut,
      );
      return { ...answer(read.body), ...(read.truncated ? { truncated: true } : {}) };
    }
  } catch (error) {
    if (error instanceof OutboundError) throw error;
    if (controller.signal.aborted) throw timedOut();
    throw networkError(error);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', stop);
  }
}

function withoutHeaders(headers: Record<string, string>, names: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())));
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
    throw new OutboundError('dns_failed', `${host} could not be resolved (${errorCode(error)}).`);
  }
  if (!addresses.length) throw new OutboundError('dns_failed', `${host} has no address.`);
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
  method: OutboundMethod,
  requestHeaders: Readonly<Record<string, string>>,
  body: string | Buffer | undefined,
  signal: AbortSignal,
  timedOut: () => OutboundError,
  extraCa?: string,
): Promise<http.IncomingMessage> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [name, value] of Object.entries(requestHeaders)) headers[name.toLowerCase()] = value;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
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
        method,
        headers,
        lookup: pinned,
        // A fresh connection per request: a pooled socket could belong to an earlier answer.
        agent: false,
        signal,
        ...(extraCa && url.protocol === 'https:' ? { ca: [...rootCertificates, extraCa] } : {}),
      },
      (response) => {
        // A response dropped unread (redirects, 304, errors) must not crash the process with an
        // unhandled 'error'; readBody listens for the ones that matter.
        response.on('error', () => undefined);
        resolvePromise(response);
      },
    );
    req.on('error', (error) => reject(signal.aborted ? timedOut() : networkError(error)));
    req.end(body);
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
  truncate: boolean,
  signal: AbortSignal,
  timedOut: () => OutboundError,
): Promise<{ body: Buffer; truncated: boolean }> {
  const tooLarge = () => new OutboundError('too_large', `The answer is larger than ${maxBytes} bytes.`);
  const declared = Number(response.headers['content-length']);
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolvePromise, reject) => {
    const stream = decoded(response);
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error: Error | null, truncated = false) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error || truncated) {
        response.destroy();
        if (stream !== response) stream.destroy();
      }
      if (error) reject(error);
      else resolvePromise({ body: Buffer.concat(chunks, Math.min(received, maxBytes)), truncated });
    };
    const onAbort = () => finish(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        if (!truncate) return finish(tooLarge());
        chunks.push(chunk);
        return finish(null, true);
      }
      chunks.push(chunk);
    });
    stream.on('end', () => finish(null));
    stream.on('error', (error) =>
      finish(
        signal.aborted
          ? timedOut()
          : new OutboundError('connect_failed', `The answer broke off (${errorCode(error)}).`),
      ),
    );
    const brokeOff = () =>
      finish(
        signal.aborted
          ? timedOut()
          : new OutboundError('connect_failed', 'The server closed the connection early.'),
      );
    response.on('aborted', brokeOff);
    if (stream !== response) response.on('error', brokeOff);
  });
}

async function withDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal,
  timedOut: () => OutboundError,
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

function networkError(error: unknown): OutboundError {
  const code = errorCode(error);
  if (DNS_ERRORS.has(code))
    return new OutboundError('dns_failed', `The host could not be resolved (${code}).`);
  return new OutboundError('connect_failed', `The server could not be reached (${code}).`);
}
