import { ConnectedNetworkError } from '@heimo/domain';
import {
  guardedFetch,
  type OutboundMethod,
  type OutboundPolicy,
  type OutboundResponse,
  type Resolver,
} from '../../../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../../../infra/outbound/outbound.errors';

/** One call to a Mastodon server's REST or OAuth API. */
export interface MastodonRequest {
  readonly method?: OutboundMethod;
  /** Path and query on the server, `/api/v1/statuses?…`. */
  readonly path: string;
  readonly accessToken?: string;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (the OAuth endpoints). */
  readonly form?: Readonly<Record<string, string>>;
  /** Sent as it is, with its content type (multipart uploads). */
  readonly body?: { readonly bytes: Buffer; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Calls a Mastodon server through the outbound policy (public addresses only, size and time limits;
 * no request can reach a private address) and turns every failure into a ConnectedNetworkError:
 * 401 `unauthorized`, 404 `not_found`, 429 `rate_limited` (waiting what `Retry-After` or
 * `X-RateLimit-Reset` says), 5xx and network failures `unavailable`, any other 4xx `rejected`.
 * OutboundErrors of the address checks are `rejected` too: asking again will not help.
 */
export class MastodonHttp {
  constructor(
    private readonly policy: OutboundPolicy,
    private readonly resolve: Resolver | undefined,
    private readonly now: () => number,
  ) {}

  /**
   * Answers the parsed JSON of a 2xx answer. `outboundErrors: 'raw'` lets the OutboundErrors of the
   * address checks and the connection through as they are (the caller tells the member about them).
   */
  async call<T>(
    origin: string,
    request: MastodonRequest,
    outboundErrors: 'mapped' | 'raw' = 'mapped',
  ): Promise<{ value: T; response: OutboundResponse }> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.accessToken) headers.authorization = `Bearer ${request.accessToken}`;
    let body: string | Buffer | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    } else if (request.body) {
      headers['content-type'] = request.body.contentType;
      body = request.body.bytes;
    }
    let response: OutboundResponse;
    try {
      response = await guardedFetch(
        `${origin}${request.path}`,
        this.policy,
        // A redirect could carry the token to another host: Mastodon's API answers without one.
        { method: request.method ?? 'GET', headers, body, followRedirects: false },
        this.resolve,
      );
    } catch (error) {
      throw outboundErrors === 'raw' ? error : fromOutbound(error);
    }
    if (response.status < 200 || response.status > 299) throw this.fromStatus(response);
    let value: T;
    try {
      value = JSON.parse(response.body.toString('utf8')) as T;
    } catch {
      throw new ConnectedNetworkError(
        'unavailable',
        `The server answered HTTP ${response.status} without JSON.`,
      );
    }
    return { value, response };
  }

  private fromStatus(response: OutboundResponse): ConnectedNetworkError {
    const { status } = response;
    const said = serverMessage(response.body);
    const detail = `The server answered HTTP ${status}${said ? `: ${said}` : ''}.`;
    if (status === 401) return new ConnectedNetworkError('unauthorized', detail);
    if (status === 404) return new ConnectedNetworkError('not_found', detail);
    if (status === 429) return new ConnectedNetworkError('rate_limited', detail, this.retryAfterMs(response));
    if (status >= 500) return new ConnectedNetworkError('unavailable', detail);
    return new ConnectedNetworkError('rejected', detail);
  }

  /**
   * How long to wait after a 429: `Retry-After` (seconds or an HTTP date), else `X-RateLimit-Reset`
   * (an ISO 8601 time, Mastodon's own header), else a minute; capped at a day.
   */
  private retryAfterMs(response: OutboundResponse): number {
    const header = (name: string) => {
      const value = response.headers[name];
      return (Array.isArray(value) ? value[0] : value)?.trim() || null;
    };
    const clamp = (ms: number) => Math.min(Math.max(Math.ceil(ms), 0), MAX_RETRY_AFTER_MS);
    const retryAfter = header('retry-after');
    if (retryAfter !== null) {
      if (/^\d+$/u.test(retryAfter)) return clamp(Number(retryAfter) * 1000);
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) return clamp(at - this.now());
    }
    const reset = header('x-ratelimit-reset');
    if (reset !== null) {
      const at = Date.parse(reset);
      if (!Number.isNaN(at)) return clamp(at - this.now());
    }
    return 60_000;
  }
}

/** An OutboundError as a ConnectedNetworkError: refused addresses will not change, failures may. */
export function fromOutbound(error: unknown): unknown {
  if (!(error instanceof OutboundError)) return error;
  switch (error.failure) {
    case 'dns_failed':
    case 'connect_failed':
    case 'timeout':
      return new ConnectedNetworkError('unavailable', error.message);
    default:
      return new ConnectedNetworkError('rejected', error.message);
  }
}

/** Mastodon's error entity, `{ "error": "…", "error_description": "…" }`, shortened for a message. */
function serverMessage(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: unknown; error_description?: unknown };
    const message = typeof parsed.error_description === 'string' ? parsed.error_description : parsed.error;
    return typeof message === 'string' ? message.slice(0, 200) : null;
  } catch {
    return null;
  }
}
