import { guardedFetch, type OutboundMethod, type OutboundPolicy, type Resolver } from './guarded-fetch';

const METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 204, 205, 304]);
/** The body is handed over decoded, so these no longer describe it. */
const DROPPED = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

/** The part of `fetch`'s options that libraries taking a custom fetch (openid-client, …) send. */
export interface OutboundFetchInit {
  readonly method?: string;
  readonly headers?: ConstructorParameters<typeof Headers>[0];
  readonly body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  readonly redirect?: 'follow' | 'manual' | 'error';
  readonly signal?: AbortSignal | null;
}

export type OutboundFetch = (url: string | URL, init?: OutboundFetchInit) => Promise<Response>;

function requestBody(body: OutboundFetchInit['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('A streamed request body is not supported by the outbound policy.');
}

/**
 * A `fetch` with the outbound policy: for libraries that take a custom fetch function, so that
 * their requests (OpenID discovery, JWKS, token calls, …) obey the same address rules and limits
 * as ours. Refusals reject with an OutboundError.
 */
export function outboundFetch(policy: OutboundPolicy, resolve?: Resolver): OutboundFetch {
  return async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (!METHODS.includes(method))
      throw new TypeError(`The method ${method} is not sent by the outbound policy.`);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const response = await guardedFetch(
      url,
      policy,
      {
        method: method as OutboundMethod,
        headers,
        body: requestBody(init.body),
        followRedirects: (init.redirect ?? 'follow') === 'follow',
        signal: init.signal ?? undefined,
      },
      resolve,
    );
    if (init.redirect === 'error' && response.status >= 300 && response.status <= 399) {
      throw new TypeError(`${url.toString()} answered a redirect (HTTP ${response.status}).`);
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || DROPPED.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    const body = response.body;
    // A view of the same bytes (Node's buffers are backed by an ArrayBuffer): a body under both Node's
    // and the DOM's typings.
    const view = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
    return new Response(NULL_BODY.has(response.status) ? null : view, {
      status: response.status,
      headers: responseHeaders,
    });
  };
}
