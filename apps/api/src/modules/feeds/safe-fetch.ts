import {
  assertOutboundUrl,
  guardedFetch,
  type OutboundPolicy,
  type OutboundResponse,
  type Resolver,
} from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { FeedFetchError } from './feeds.errors';

/** The outbound policy of feed reads: FEED_MAX_BYTES, FEED_TIMEOUT_MS and the outbound allow-list. */
export type SafeFetchLimits = OutboundPolicy;

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

const USER_AGENT = 'HeimoFeedReader/1.0 (+https://github.com/heimo-app/heimo)';
/** Header values we send back must be plain printable ASCII (a hostile server chose them). */
const SAFE_HEADER_VALUE = /^[\x20-\x7e]{1,512}$/;
const isSuccess = (status: number) => status >= 200 && status <= 299;

/** The outbound policy's refusals as the feed codes recorded on a source (`timeout` → `feed.timeout`). */
function asFeedError(error: unknown): unknown {
  return error instanceof OutboundError ? new FeedFetchError(`feed.${error.failure}`, error.detail) : error;
}

/** The checks that need no network (see assertOutboundUrl), as a FeedFetchError. */
export function assertFetchableUrl(raw: string | URL, allowedHosts: readonly string[]): URL {
  try {
    return assertOutboundUrl(raw, allowedHosts);
  } catch (error) {
    throw asFeedError(error);
  }
}

/**
 * Reads a feed or a feed image through the outbound policy (guardedFetch), with the validators of
 * the last read. Anything but 2xx or 304 is refused; every refusal is a FeedFetchError.
 */
export async function safeFetch(
  rawUrl: string,
  limits: SafeFetchLimits,
  request: SafeFetchRequest = {},
  resolve?: Resolver,
): Promise<SafeFetchResult> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: request.accept ?? '*/*' };
  if (request.etag && SAFE_HEADER_VALUE.test(request.etag)) headers['if-none-match'] = request.etag;
  if (request.lastModified && SAFE_HEADER_VALUE.test(request.lastModified))
    headers['if-modified-since'] = request.lastModified;
  let response: OutboundResponse;
  try {
    response = await guardedFetch(rawUrl, limits, { headers, readBodyWhen: isSuccess }, resolve);
  } catch (error) {
    throw asFeedError(error);
  }
  const { status } = response;
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === 'string' && SAFE_HEADER_VALUE.test(value) ? value : null;
  };
  const meta = {
    url: response.url,
    status,
    contentType: header('content-type'),
    etag: header('etag'),
    lastModified: header('last-modified'),
  };
  if (status === 304) return { ...meta, notModified: true, body: response.body };
  if (!isSuccess(status)) {
    const detail =
      status >= 300 && status <= 399
        ? `HTTP ${status} without a Location.`
        : `The server answered HTTP ${status}.`;
    throw new FeedFetchError('feed.http_status', detail);
  }
  return { ...meta, notModified: false, body: response.body };
}
