import { createHash } from 'node:crypto';
import {
  type AccountCredentials,
  type ConnectedNetworkAdapter,
  ConnectedNetworkError,
  type Engagement,
  type PostDraft,
  type RemoteAccount,
  type RemotePost,
  type WithCredentials,
} from '@heimo/domain';
import { AtpAgent, type AtpSessionData, RichText, XRPCError } from '@atproto/api';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../infra/config/config';
import { isAllowListed } from '../../../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../../../infra/outbound/outbound.errors';
import { outboundWebFetch, type WebFetch } from '../../outbound-web-fetch';

/** The most a Bluesky answer may weigh (a feed page of 100 posts is well below it). */
const MAX_ANSWER_BYTES = 5 * 1024 * 1024;
/** getAuthorFeed's largest page. */
const FEED_PAGE = 100;
/** Pages read at most when looking back for posts. */
const MAX_FEED_PAGES = 5;
/** Where people see a post or a profile. */
const WEB = 'https://bsky.app';

/** What is stored (sealed) for a Bluesky account. */
// A type, not an interface: it is stored as an AccountCredentials record.
type BlueskyCredentials = {
  /** The server signed in to. */
  readonly service: string;
  /** The account's PDS when its DID document names one (requests go there). */
  readonly pds: string;
  readonly did: string;
  readonly handle: string;
  readonly accessJwt: string;
  readonly refreshJwt: string;
};

function readCredentials(credentials: AccountCredentials): BlueskyCredentials {
  const { service, pds = '', did, handle, accessJwt, refreshJwt } = credentials;
  if (!service || !did || !handle || !accessJwt || !refreshJwt)
    throw new ConnectedNetworkError('unauthorized', 'The stored Bluesky credentials are incomplete.');
  return { service, pds, did, handle, accessJwt, refreshJwt };
}

/** The app password session, resumed from stored credentials without a round trip. */
interface Session {
  readonly agent: AtpAgent;
  readonly stored: BlueskyCredentials;
}

/**
 * A record key in the TID form (13 base32-sortable characters) derived from a draft's key: the time
 * part is `at` (microseconds, with the key's hash below the millisecond), the clock part the key's
 * hash. The same key always gives the same record key, two keys almost never the same.
 */
export function recordKeyFor(id: string, at: Date): string {
  const hash = createHash('sha256').update(id).digest();
  const micros = BigInt(at.getTime()) * 1000n + BigInt(hash.readUInt16BE(0) % 1000);
  let n = (micros << 10n) | BigInt(hash.readUInt16BE(2) % 1024);
  const chars = '234567abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = chars[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/** `at://did/app.bsky.feed.post/rkey` → the post's page on bsky.app. */
export function postWebUrl(handle: string, uri: string): string {
  const rkey = uri.split('/').pop() ?? '';
  return `${WEB}/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`;
}

interface PostRecordShape {
  text?: unknown;
  createdAt?: unknown;
  facets?: { features?: { $type?: string; uri?: unknown }[] }[];
  embed?: {
    $type?: string;
    external?: { uri?: unknown };
    media?: { $type?: string; external?: { uri?: unknown } };
  };
}

/** Every link a post record holds beside its text: link facets and an external embed (alone or with a record). */
export function recordLinks(record: PostRecordShape): string[] {
  const links: string[] = [];
  for (const facet of record.facets ?? [])
    for (const feature of facet.features ?? [])
      if (feature.$type === 'app.bsky.richtext.facet#link' && typeof feature.uri === 'string')
        links.push(feature.uri);
  const external = record.embed?.external ?? record.embed?.media?.external;
  if (typeof external?.uri === 'string') links.push(external.uri);
  return links;
}

/**
 * Seconds (`Retry-After: 30`), an HTTP date, or Bluesky's `ratelimit-reset` (epoch seconds), as
 * milliseconds from now; null when the answer names none.
 */
export function retryAfterMs(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  now = Date.now(),
): number | null {
  if (!headers) return null;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const retryAfter = lower['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = lower['ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return null;
}

const REFUSED_OUTBOUND = new Set([
  'bad_url',
  'bad_scheme',
  'private_address',
  'too_large',
  'too_many_redirects',
]);

/** Any failure of a call as the generic code reads it. */
export function toNetworkError(error: unknown): ConnectedNetworkError {
  if (error instanceof ConnectedNetworkError) return error;
  const outbound = error instanceof OutboundError ? error : (error as { cause?: unknown })?.cause;
  if (outbound instanceof OutboundError) {
    return REFUSED_OUTBOUND.has(outbound.failure)
      ? new ConnectedNetworkError('rejected', `The Bluesky server was not reached: ${outbound.message}`)
      : new ConnectedNetworkError('unavailable', `Bluesky did not answer: ${outbound.message}`);
  }
  if (error instanceof XRPCError) {
    const status = error.status as number;
    if (
      status === 401 ||
      ['ExpiredToken', 'InvalidToken', 'AuthenticationRequired', 'AccountTakedown'].includes(error.error)
    )
      return new ConnectedNetworkError('unauthorized', 'Bluesky refused the credentials.');
    if (status === 429)
      return new ConnectedNetworkError(
        'rate_limited',
        'Bluesky asked to slow down.',
        retryAfterMs(error.headers),
      );
    if (status === 1 || status === 2 || status >= 500)
      return new ConnectedNetworkError('unavailable', `Bluesky did not answer properly (${error.message}).`);
    if (status === 404 || error.error === 'NotFound')
      return new ConnectedNetworkError('not_found', 'Bluesky does not have it.');
    return new ConnectedNetworkError('rejected', `Bluesky refused the request (${error.error}).`);
  }
  return new ConnectedNetworkError('unavailable', `Bluesky call failed: ${String(error)}`);
}

/**
 * Bluesky through `@atproto/api`, every request over the guarded outbound fetch. A member connects
 * with an app password; Heimo keeps the session's tokens (sealed) and refreshes them when the access
 * token has expired (the client library does, on the `ExpiredToken` answer), handing the new ones back.
 */
@Injectable()
export class BlueskyAdapter implements ConnectedNetworkAdapter {
  readonly network = 'bluesky' as const;
  private readonly fetch: WebFetch;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.fetch = outboundWebFetch({
      maxBytes: MAX_ANSWER_BYTES,
      timeoutMs: config.CONNECTION_TIMEOUT_MS,
      allowedHosts: config.OUTBOUND_ALLOWED_HOSTS,
      maxRedirects: 2,
    });
  }

  async connectWithPassword(input: {
    identifier: string;
    password: string;
    server?: string;
  }): Promise<WithCredentials<RemoteAccount>> {
    const service = input.server ?? this.config.BLUESKY_SERVICE_URL;
    let agent: AtpAgent;
    try {
      // A member's own server is reached over https only (hosts on the allow-list, tests, excepted).
      const url = new URL(service);
      if (
        input.server &&
        url.protocol !== 'https:' &&
        !isAllowListed(url, this.config.OUTBOUND_ALLOWED_HOSTS)
      )
        throw new ConnectedNetworkError('rejected', 'The Bluesky server must be an https address.');
      agent = new AtpAgent({ service, fetch: this.fetch });
    } catch (error) {
      if (error instanceof ConnectedNetworkError) throw error;
      throw new ConnectedNetworkError('rejected', 'The Bluesky server address is not a URL.');
    }
    try {
      await agent.login({ identifier: input.identifier.replace(/^@/, ''), password: input.password });
    } catch (error) {
      throw toNetworkError(error);
    }
    const session = { agent, stored: this.credentialsOf(agent, service) };
    const account = await this.call(session, () => this.readAccount(session));
    return { value: account.value, credentials: account.credentials ?? session.stored };
  }

  account(credentials: AccountCredentials): Promise<WithCredentials<RemoteAccount>> {
    const session = this.resume(credentials);
    return this.call(session, () => this.readAccount(session));
  }

  recentPosts(
    credentials: AccountCredentials,
    since: Date,
    limit: number,
  ): Promise<WithCredentials<readonly RemotePost[]>> {
    const session = this.resume(credentials);
    return this.call(session, async () => {
      const posts: RemotePost[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_FEED_PAGES && posts.length < limit; page++) {
        const { data } = await session.agent.getAuthorFeed({
          actor: session.stored.did,
          limit: Math.min(FEED_PAGE, limit),
          filter: 'posts_no_replies',
          cursor,
        });
        let older = false;
        for (const item of data.feed) {
          // Reposts of others' posts are in the feed too: only the account's own posts count.
          if (item.reason || item.post.author.did !== session.stored.did) continue;
          const record = item.post.record as PostRecordShape;
          const createdAt = new Date(
            typeof record.createdAt === 'string' ? record.createdAt : item.post.indexedAt,
          );
          if (Number.isNaN(createdAt.getTime())) continue;
          if (createdAt < since) {
            older = true;
            continue;
          }
          posts.push({
            id: item.post.uri,
            url: postWebUrl(item.post.author.handle, item.post.uri),
            createdAt,
            text: typeof record.text === 'string' ? record.text : '',
            links: recordLinks(record),
          });
          if (posts.length >= limit) break;
        }
        cursor = data.cursor;
        if (older || !cursor || !data.feed.length) break;
      }
      return posts;
    });
  }

  engagement(credentials: AccountCredentials, postId: string): Promise<WithCredentials<Engagement>> {
    const session = this.resume(credentials);
    return this.call(session, async () => {
      const { data } = await session.agent.getPosts({ uris: [postId] });
      const post = data.posts.find((candidate) => candidate.uri === postId);
      if (!post) throw new ConnectedNetworkError('not_found', 'The post is gone.');
      return {
        likes: post.likeCount ?? 0,
        reposts: post.repostCount ?? 0,
        replies: post.replyCount ?? 0,
        quotes: post.quoteCount ?? 0,
      };
    });
  }

  /**
   * Posts the caption with its link facets. With a link, the external embed is the card (the pack's
   * picture as its thumb); without one, the picture is attached with its alt text. With a draft key the
   * record key is derived from it (`recordKeyFor`), so sending the draft again cannot post twice: the
   * PDS refuses the second record and the one made before is answered.
   */
  post(credentials: AccountCredentials, draft: PostDraft): Promise<WithCredentials<RemotePost>> {
    const session = this.resume(credentials);
    return this.call(session, async () => {
      const { agent } = session;
      const text = new RichText({ text: draft.text });
      text.detectFacetsWithoutResolution();
      let embed: Record<string, unknown> | undefined;
      if (draft.card && draft.link) {
        const thumb = draft.card.image
          ? (await agent.uploadBlob(draft.card.image.bytes, { encoding: draft.card.image.mimeType })).data
              .blob
          : undefined;
        embed = {
          $type: 'app.bsky.embed.external',
          external: {
            uri: draft.link,
            title: draft.card.title,
            description: draft.card.description,
            ...(thumb ? { thumb } : {}),
          },
        };
      } else if (draft.image) {
        const blob = await agent.uploadBlob(draft.image.bytes, { encoding: draft.image.mimeType });
        embed = {
          $type: 'app.bsky.embed.images',
          images: [{ image: blob.data.blob, alt: draft.image.alt }],
        };
      }
      const createdAt = draft.key?.at ?? new Date();
      const record = {
        $type: 'app.bsky.feed.post' as const,
        text: text.text,
        ...(text.facets ? { facets: text.facets } : {}),
        ...(embed ? { embed } : {}),
        createdAt: createdAt.toISOString(),
      };
      const links = recordLinks({ facets: text.facets, embed } as PostRecordShape);
      const made = (uri: string): RemotePost => ({
        id: uri,
        url: postWebUrl(session.stored.handle, uri),
        createdAt,
        text: text.text,
        links,
      });
      if (!draft.key) return made((await agent.post(record as Parameters<AtpAgent['post']>[0])).uri);
      const rkey = recordKeyFor(draft.key.id, draft.key.at);
      const repo = session.stored.did;
      try {
        const { data } = await agent.com.atproto.repo.createRecord({
          repo,
          collection: 'app.bsky.feed.post',
          rkey,
          record,
        });
        return made(data.uri);
      } catch (error) {
        if (!(error instanceof XRPCError) || error.status !== 400) throw error;
        // Refused: when a record under this key exists, it is the post an earlier attempt made.
        const earlier = await agent.com.atproto.repo
          .getRecord({ repo, collection: 'app.bsky.feed.post', rkey })
          .catch(() => null);
        if (!earlier) throw error;
        return made(earlier.data.uri);
      }
    });
  }

  async revoke(credentials: AccountCredentials): Promise<void> {
    const session = this.resume(credentials);
    await session.agent.logout();
  }

  private async readAccount(session: Session): Promise<RemoteAccount> {
    const { data } = await session.agent.getProfile({ actor: session.stored.did });
    return {
      externalId: data.did,
      handle: data.handle,
      profileUrl: `${WEB}/profile/${encodeURIComponent(data.handle)}`,
      followers: data.followersCount ?? 0,
    };
  }

  private resume(credentials: AccountCredentials): Session {
    const stored = readCredentials(credentials);
    const agent = new AtpAgent({ service: stored.service, fetch: this.fetch });
    const session: AtpSessionData = {
      did: stored.did,
      handle: stored.handle,
      accessJwt: stored.accessJwt,
      refreshJwt: stored.refreshJwt,
      active: true,
    };
    agent.sessionManager.session = session;
    if (stored.pds) agent.sessionManager.pdsUrl = new URL(stored.pds);
    return { agent, stored };
  }

  /** Runs a call and answers the credentials again when the client library refreshed them meanwhile. */
  private async call<T>(session: Session, run: () => Promise<T>): Promise<WithCredentials<T>> {
    try {
      const value = await run();
      const now = this.credentialsOf(session.agent, session.stored.service);
      const changed =
        now.accessJwt !== session.stored.accessJwt ||
        now.refreshJwt !== session.stored.refreshJwt ||
        now.handle !== session.stored.handle ||
        now.pds !== session.stored.pds;
      return { value, credentials: changed ? now : null };
    } catch (error) {
      throw toNetworkError(error);
    }
  }

  private credentialsOf(agent: AtpAgent, service: string): BlueskyCredentials {
    const session = agent.sessionManager.session;
    if (!session) throw new ConnectedNetworkError('unauthorized', 'Bluesky ended the session.');
    return {
      service,
      pds: agent.sessionManager.pdsUrl?.toString() ?? '',
      did: session.did,
      handle: session.handle,
      accessJwt: session.accessJwt,
      refreshJwt: session.refreshJwt,
    };
  }
}
