import type { Engagement, RemotePost } from './connected-network';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** When, after a share on a connected network, Heimo looks for the post that carries its link. */
export const VERIFICATION_CHECKS_AFTER_MS: readonly number[] = Object.freeze([
  10 * MINUTE,
  HOUR,
  6 * HOUR,
  24 * HOUR,
]);

/** A share not found within this long is settled as unverified (the organisation decides what that costs). */
export const VERIFICATION_DEADLINE_MS = 48 * HOUR;

/** When, after a post is found, Heimo collects its engagement. */
export const ENGAGEMENT_COLLECTIONS_AFTER_MS: readonly number[] = Object.freeze([HOUR, DAY, 7 * DAY]);

/**
 * A post made this long before the share command is still considered: the compose window opens
 * before the share is recorded on some clients, and clocks differ.
 */
export const POST_BEFORE_SHARE_TOLERANCE_MS = 5 * MINUTE;

/** What an unverified share keeps once the deadline passes: its points, or nothing. */
export const UNVERIFIED_SHARE_POLICIES = ['keep', 'revoke'] as const;
export type UnverifiedSharePolicy = (typeof UNVERIFIED_SHARE_POLICIES)[number];
export const DEFAULT_UNVERIFIED_SHARE_POLICY: UnverifiedSharePolicy = 'keep';

/**
 * A URL reduced to what identifies a tracked link: scheme and host lower-cased, default port, query
 * and fragment dropped (networks and people append tracking parameters) and no trailing slash.
 * Null for text that is not an absolute http(s) URL.
 */
export function normaliseLink(value: string): string | null {
  const match = /^(https?):\/\/([^/?#\s@]+)([^?#\s]*)(?:[?#]\S*)?$/iu.exec(value.trim());
  if (match === null) return null;
  const [, rawScheme = '', rawHost = '', path = ''] = match;
  const scheme = rawScheme.toLowerCase();
  let host = rawHost.toLowerCase();
  if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80')))
    host = host.slice(0, host.lastIndexOf(':'));
  return `${host}${path.replace(/\/+$/u, '')}`;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'\u201c\u201d]+/giu;

/**
 * Whether the post carries the share's tracked link: in the links the network attaches (facets,
 * embed, card, content links) or written out whole in its text. The scheme does not matter (a
 * network may show `http` or `https`), nor do query or fragment; a link shortened for display
 * (`example.com/r/Ab…`) does not count, since only its facet holds the real target.
 */
export function postCarriesLink(post: Pick<RemotePost, 'text' | 'links'>, trackedLink: string): boolean {
  const wanted = normaliseLink(trackedLink);
  if (wanted === null) return false;
  for (const link of post.links) if (normaliseLink(link) === wanted) return true;
  for (const match of post.text.matchAll(URL_IN_TEXT)) {
    const candidate = match[0].replace(/[).,;:!?\]]+$/u, '');
    if (normaliseLink(candidate) === wanted) return true;
  }
  return false;
}

/**
 * The post that verifies a share: the earliest of the account's posts carrying the tracked link made
 * no earlier than `POST_BEFORE_SHARE_TOLERANCE_MS` before the share. Null when there is none.
 */
export function findSharePost(
  posts: readonly RemotePost[],
  trackedLink: string,
  sharedAt: Date,
): RemotePost | null {
  const earliest = sharedAt.getTime() - POST_BEFORE_SHARE_TOLERANCE_MS;
  let found: RemotePost | null = null;
  for (const post of posts) {
    if (post.createdAt.getTime() < earliest) continue;
    if (!postCarriesLink(post, trackedLink)) continue;
    if (found === null || post.createdAt.getTime() < found.createdAt.getTime()) found = post;
  }
  return found;
}

/**
 * The next verification check after `checksDone` checks of a share made at `sharedAt`, or null when
 * none is left (the share is then settled at the deadline).
 */
export function nextVerificationAt(sharedAt: Date, checksDone: number): Date | null {
  const after = VERIFICATION_CHECKS_AFTER_MS[checksDone];
  return after === undefined ? null : new Date(sharedAt.getTime() + after);
}

/** The next engagement collection after `collectionsDone`, or null when the post is done. */
export function nextEngagementAt(foundAt: Date, collectionsDone: number): Date | null {
  const after = ENGAGEMENT_COLLECTIONS_AFTER_MS[collectionsDone];
  return after === undefined ? null : new Date(foundAt.getTime() + after);
}

/**
 * Engagement: every interaction a post received, as one number: likes + reposts (boosts) + replies +
 * quotes, at the latest collection (a deleted post keeps its last figures).
 */
export function engagementTotal(engagement: Engagement): number {
  return engagement.likes + engagement.reposts + engagement.replies + engagement.quotes;
}

/**
 * Verified reach: the follower count of the connected account when the share was made, counted only
 * for shares whose post was found. It is the self-reported reach's measured counterpart.
 */
export function verifiedReach(followersAtShare: number, verified: boolean): number {
  return verified ? followersAtShare : 0;
}
