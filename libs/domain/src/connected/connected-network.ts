import type { NetworkId } from '../networks/registry';

/**
 * Connected accounts: a member links an account on a network whose API is open to anyone (Bluesky,
 * Mastodon), and Heimo reads its follower count, finds the post each share made, collects the post's
 * engagement and, where the organisation allows it, posts for the member. Everything here is pure:
 * the types every network's adapter implements and the rules that do not depend on I/O. The
 * implementations, with their HTTP calls, live in the API.
 */

/**
 * How a network's API can be used.
 * - `open`: anyone may use it; `connect` says how a member links an account: `app_password` (an
 *   identifier and a password made for one app, Bluesky) or `instance_oauth` (OAuth on the server
 *   the member names, registering Heimo there on first use, Mastodon).
 * - `partner_only`: reading posts or posting needs a partner agreement with the network (LinkedIn,
 *   X); Heimo offers no connection.
 * - `none`: Heimo has no connection for it (no API for posts, as for e-mail and WhatsApp, or one
 *   Heimo does not use yet).
 */
export type NetworkApiAccess =
  | { readonly kind: 'open'; readonly connect: ConnectMethod }
  | { readonly kind: 'partner_only'; readonly reason: string }
  | { readonly kind: 'none' };

export type ConnectMethod = 'app_password' | 'instance_oauth';

/** The account as its network reports it. */
export interface RemoteAccount {
  /** The network's stable id for the account (a DID on Bluesky, the account id on Mastodon). */
  readonly externalId: string;
  /** What people type to find it (`alice.bsky.social`, `alice@example.social`). */
  readonly handle: string;
  /** The profile's public web page. */
  readonly profileUrl: string;
  readonly followers: number;
}

/**
 * What the adapter needs to act for the account, stored encrypted at rest. Opaque to generic code:
 * each adapter puts in what its API needs (service URL, tokens, instance) as strings.
 */
export type AccountCredentials = Readonly<Record<string, string>>;

/** A post of the account, with every link the network attaches to it. */
export interface RemotePost {
  /** The network's id for the post (an `at://` URI, a status id). */
  readonly id: string;
  /** The post's public web page. */
  readonly url: string;
  readonly createdAt: Date;
  /** The post's text as plain text. */
  readonly text: string;
  /**
   * Every URL the network holds for the post beside its text: link facets and the external embed
   * (Bluesky), the status' card and the `href`s of its HTML content (Mastodon).
   */
  readonly links: readonly string[];
}

/** A post's engagement as the network counts it at one moment. */
export interface Engagement {
  readonly likes: number;
  readonly reposts: number;
  readonly replies: number;
  readonly quotes: number;
}

export interface MediaFile {
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly alt: string;
}

/** A post Heimo makes for the member ("post for me"). */
export interface PostDraft {
  /** The final caption, tracked link included where the network carries links in the text. */
  readonly text: string;
  /** The tracked link, or null for a pack without one. */
  readonly link: string | null;
  /** A link card, where the network builds one from data the poster sends (Bluesky's external embed). */
  readonly card: {
    readonly title: string;
    readonly description: string;
    readonly image: MediaFile | null;
  } | null;
  /** The pack's picture, attached to the post. */
  readonly image: MediaFile | null;
  /**
   * Names this one intended post (the share's id and when it was made), so that sending the same
   * draft again, after an answer that never came, finds or refuses the post made before instead of
   * posting twice (a record key derived from it, an Idempotency-Key).
   */
  readonly key?: { readonly id: string; readonly at: Date };
}

/** Posting stops being scheduled this far ahead ("post for me" at a chosen time). */
export const MAX_POST_SCHEDULE_AHEAD_MS = 30 * 24 * 60 * 60_000;

/** A post job's state: waiting for its time, being sent, made, failed, or cancelled before it ran. */
export type PostJobStatus = 'scheduled' | 'posting' | 'posted' | 'failed' | 'cancelled';
export const POST_JOB_STATUSES: readonly PostJobStatus[] = [
  'scheduled',
  'posting',
  'posted',
  'failed',
  'cancelled',
];

/**
 * Why a call failed, so generic code knows what to do without knowing the network:
 * - `unauthorized`: the credentials no longer work (revoked, expired beyond refresh): mark the
 *   connection broken and ask the member to connect again; never retry.
 * - `rate_limited`: retry after `retryAfterMs` (from `Retry-After` or the rate-limit reset header).
 * - `not_found`: the post or account is gone (a deleted post keeps its last figures).
 * - `unavailable`: network error, 5xx, timeout: retry with backoff.
 * - `rejected`: the network refused the request as invalid (4xx other than the above): not retried.
 */
export type ConnectedNetworkErrorKind =
  'unauthorized' | 'rate_limited' | 'not_found' | 'unavailable' | 'rejected';

export class ConnectedNetworkError extends Error {
  constructor(
    readonly kind: ConnectedNetworkErrorKind,
    message: string,
    /** For `rate_limited`: how long to wait, in milliseconds. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ConnectedNetworkError';
  }
}

/** Whether a failed call may be tried again later, and when at the earliest. */
export function retryableAfter(error: ConnectedNetworkError): { retry: boolean; afterMs: number | null } {
  switch (error.kind) {
    case 'rate_limited':
      return { retry: true, afterMs: error.retryAfterMs };
    case 'unavailable':
      return { retry: true, afterMs: null };
    default:
      return { retry: false, afterMs: null };
  }
}

/** The result of a call that may have refreshed the credentials (a new access token). */
export interface WithCredentials<T> {
  readonly value: T;
  /** New credentials to store in place of the old ones, or null when they did not change. */
  readonly credentials: AccountCredentials | null;
}

/**
 * One network's adapter. Every method is given the stored credentials and may return new ones. A
 * network implements the connect method its `NetworkApiAccess.connect` names.
 */
export interface ConnectedNetworkAdapter {
  readonly network: NetworkId;

  /**
   * `app_password`: signs in with an identifier (handle or e-mail) and an app password, on `server`
   * when the member names their own (a self-hosted Bluesky PDS), else on the network's default.
   */
  connectWithPassword?(input: {
    identifier: string;
    password: string;
    server?: string;
  }): Promise<WithCredentials<RemoteAccount>>;

  /**
   * `instance_oauth`: the URL to send the member to on their server (registering Heimo's app there
   * first when needed), for the given `state` and `redirectUri`.
   */
  authorizationUrl?(input: { server: string; state: string; redirectUri: string }): Promise<string>;

  /** `instance_oauth`: exchanges the code the server sent back for credentials. */
  completeAuthorization?(input: {
    server: string;
    code: string;
    redirectUri: string;
  }): Promise<WithCredentials<RemoteAccount>>;

  /** The account now (follower count refreshed daily). */
  account(credentials: AccountCredentials): Promise<WithCredentials<RemoteAccount>>;

  /** The account's own posts made at or after `since`, newest first, at most `limit`. */
  recentPosts(
    credentials: AccountCredentials,
    since: Date,
    limit: number,
  ): Promise<WithCredentials<readonly RemotePost[]>>;

  /** A post's engagement now; `not_found` (ConnectedNetworkError) when it was deleted. */
  engagement(credentials: AccountCredentials, postId: string): Promise<WithCredentials<Engagement>>;

  /** Posts for the member. */
  post(credentials: AccountCredentials, draft: PostDraft): Promise<WithCredentials<RemotePost>>;

  /** Revokes the credentials at the network where it can (best effort; disconnecting never waits on it). */
  revoke?(credentials: AccountCredentials): Promise<void>;
}
