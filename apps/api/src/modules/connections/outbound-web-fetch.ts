import { guardedFetch, type OutboundPolicy } from '../../infra/outbound/guarded-fetch';

/** A WHATWG `fetch` for client libraries, as the adapters hand it to them. */
export type WebFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Headers that describe the body as it came over the wire; the body handed on is decoded already. */
const WIRE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A WHATWG `fetch` over {@link guardedFetch}: every request a network's client library makes goes
 * through the outbound policy (public addresses only, outside the allow-list; size and time limits;
 * redirects checked). Refusals and failures reject with the `OutboundError`, which the client library
 * wraps; the adapters find it as the error's `cause`.
 */
export function outboundWebFetch(policy: OutboundPolicy): WebFetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const method = request.method.toUpperCase() as 'GET' | 'POST';
    const body =
      method === 'GET' || method === ('HEAD' as string)
        ? undefined
        : Buffer.from(await request.arrayBuffer());
    const answer = await guardedFetch(request.url, policy, {
      method,
      headers,
      ...(body && body.length ? { body } : {}),
      followRedirects: true,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined || WIRE_HEADERS.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    // A copy as a plain Uint8Array: what every BodyInit typing (Node's and the DOM's) accepts.
    const bytes = answer.body ? new Uint8Array(answer.body) : null;
    return new Response(NO_BODY.has(answer.status) ? null : bytes, {
      status: answer.status,
      headers: responseHeaders,
    });
  };
}
