import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import {
  type AccountCredentials,
  type ConnectedNetworkAdapter,
  ConnectedNetworkError,
  type Engagement,
  type MediaFile,
  parseServerAddress,
  type PostDraft,
  type RemoteAccount,
  type RemotePost,
  textWithLink,
  type WithCredentials,
} from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../../../infra/config/config';
import {
  assertOutboundUrl,
  isAllowListed,
  type OutboundPolicy,
  type Resolver,
} from '../../../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../../../infra/outbound/outbound.errors';
import type {
  MastodonAccount,
  MastodonCredentialApplication,
  MastodonMediaAttachment,
  MastodonStatus,
  MastodonToken,
} from './mastodon-api.types';
import { type MastodonClient, MastodonApps } from './mastodon-apps';
import { readStatusHtml } from './mastodon-html';
import { MastodonHttp } from './mastodon-http';
import { MastodonServerError } from './mastodon.errors';

/**
 * What Heimo asks for: the account (followers), its statuses (verification, engagement), posting
 * and uploading the picture. Granular scopes, so the token cannot follow, block or read messages.
 */
export const MASTODON_SCOPES = 'read:accounts read:statuses write:statuses write:media';

/** Most statuses Mastodon answers in one page of an account's statuses. */
const PAGE_LIMIT = 40;
/** Pages read at most for one `recentPosts` call. */
const MAX_PAGES = 10;

export interface MastodonAdapterOptions {
  /** Limits and allow-list of every request to a server (no private addresses outside the allow-list). */
  readonly policy: OutboundPolicy;
  /** Replaces the system resolver (tests). */
  readonly resolve?: Resolver;
  /** The app's name and website as the member's server shows them on the authorisation page. */
  readonly clientName: string;
  readonly website: string | null;
  /** How often, and how many times, an upload the server still processes is asked after. */
  readonly mediaPollIntervalMs?: number;
  readonly mediaPollAttempts?: number;
  readonly now?: () => number;
}

export const MASTODON_ADAPTER_OPTIONS = Symbol('MASTODON_ADAPTER_OPTIONS');

/** The options from the API's configuration. */
export function mastodonAdapterOptions(config: AppConfig): MastodonAdapterOptions {
  return {
    policy: { maxBytes: 2 * 1024 * 1024, timeoutMs: 20_000, allowedHosts: config.OUTBOUND_ALLOWED_HOSTS },
    clientName: 'Heimo',
    website: config.publicUrl.startsWith('https://') ? config.publicUrl : null,
  };
}

/**
 * What the adapter keeps of a connection (the core stores it encrypted): the server's origin, the
 * access token (Mastodon's do not expire), the account's id and the client id it was issued to.
 */
interface MastodonCredentials {
  readonly server: string;
  readonly accessToken: string;
  readonly accountId: string;
  readonly clientId: string;
}

/**
 * Mastodon through its documented REST and OAuth API, every request through the outbound policy.
 * A member names their server; Heimo registers an app there on first use (`POST /api/v1/apps`,
 * kept in `mastodon_apps` per server and redirect URI), sends the member to the server's
 * `/oauth/authorize`, exchanges the code for a token and reads the account with it.
 */
@Injectable()
export class MastodonAdapter implements ConnectedNetworkAdapter {
  readonly network = 'mastodon' as const;
  private readonly http: MastodonHttp;
  private readonly now: () => number;

  constructor(
    @Inject(MASTODON_ADAPTER_OPTIONS) private readonly options: MastodonAdapterOptions,
    private readonly apps: MastodonApps,
  ) {
    this.now = options.now ?? Date.now;
    this.http = new MastodonHttp(options.policy, options.resolve, this.now);
  }

  /**
   * The server's authorisation page for `state` and `redirectUri`. Throws a MastodonServerError
   * (400 on `server`) for an address that cannot be used or a server that will not register Heimo.
   */
  async authorizationUrl(input: { server: string; state: string; redirectUri: string }): Promise<string> {
    const server = this.checkServer(input.server);
    const client =
      (await this.apps.find(server, input.redirectUri)) ?? (await this.register(server, input.redirectUri));
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: client.scopes,
      state: input.state,
    });
    return `${server}/oauth/authorize?${query.toString()}`;
  }

  async completeAuthorization(input: {
    server: string;
    code: string;
    redirectUri: string;
  }): Promise<WithCredentials<RemoteAccount>> {
    const server = this.checkServer(input.server);
    const client = await this.apps.find(server, input.redirectUri);
    if (!client)
      throw new ConnectedNetworkError('rejected', 'Heimo has no app on this server for this redirect URI.');
    const { value: token } = await this.http.call<MastodonToken>(server, {
      method: 'POST',
      path: '/oauth/token',
      form: {
        grant_type: 'authorization_code',
        code: input.code,
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uri: client.redirectUri,
        scope: client.scopes,
      },
    });
    const accessToken = requireString(token.access_token, 'access_token');
    const account = await this.readAccount(server, accessToken);
    const credentials: MastodonCredentials = {
      server,
      accessToken,
      accountId: account.externalId,
      clientId: client.clientId,
    };
    return { value: account, credentials: { ...credentials } };
  }

  async account(credentials: AccountCredentials): Promise<WithCredentials<RemoteAccount>> {
    const { server, accessToken } = read(credentials);
    return { value: await this.readAccount(server, accessToken), credentials: null };
  }

  async recentPosts(
    credentials: AccountCredentials,
    since: Date,
    limit: number,
  ): Promise<WithCredentials<readonly RemotePost[]>> {
    const { server, accessToken, accountId } = read(credentials);
    const posts: RemotePost[] = [];
    let maxId: string | null = null;
    for (let page = 0; page < MAX_PAGES && posts.length < limit; page++) {
      const query = new URLSearchParams({
        exclude_reblogs: 'true',
        limit: String(Math.min(PAGE_LIMIT, Math.max(1, limit - posts.length))),
      });
      if (maxId !== null) query.set('max_id', maxId);
      const { value: statuses } = await this.http.call<MastodonStatus[]>(server, {
        path: `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${query.toString()}`,
        accessToken,
      });
      if (!Array.isArray(statuses) || statuses.length === 0) break;
      let older = false;
      for (const status of statuses) {
        if (status.reblog) continue;
        const post = toRemotePost(status);
        if (post.createdAt.getTime() < since.getTime()) {
          // Newest first (pinned statuses come on the first page only when asked for): the rest is older.
          older = true;
          break;
        }
        if (posts.length < limit) posts.push(post);
      }
      if (older) break;
      maxId = requireString(statuses[statuses.length - 1]?.id, 'id');
    }
    return { value: posts, credentials: null };
  }

  async engagement(credentials: AccountCredentials, postId: string): Promise<WithCredentials<Engagement>> {
    const { server, accessToken } = read(credentials);
    const { value: status } = await this.http.call<MastodonStatus>(server, {
      path: `/api/v1/statuses/${encodeURIComponent(postId)}`,
      accessToken,
    });
    return {
      value: {
        likes: count(status.favourites_count),
        reposts: count(status.reblogs_count),
        replies: count(status.replies_count),
        quotes: count(status.quotes_count),
      },
      credentials: null,
    };
  }

  /**
   * Posts the caption (the tracked link appended where the caption lacks it) with the pack's picture
   * and its alt text. The Idempotency-Key is derived from the account and the draft, so a retry of the
   * same post within the server's hour of remembering keys does not post twice.
   */
  async post(credentials: AccountCredentials, draft: PostDraft): Promise<WithCredentials<RemotePost>> {
    const { server, accessToken, accountId } = read(credentials);
    const mediaIds = draft.image ? [await this.upload(server, accessToken, draft.image)] : [];
    const text = textWithLink(draft.text, draft.link);
    const { value: status } = await this.http.call<MastodonStatus>(server, {
      method: 'POST',
      path: '/api/v1/statuses',
      accessToken,
      headers: { 'idempotency-key': idempotencyKey(accountId, text, draft.image) },
      json: { status: text, media_ids: mediaIds },
    });
    return { value: toRemotePost(status), credentials: null };
  }

  /** Revokes the access token at the server (`POST /oauth/revoke`); nothing to do without Heimo's app there. */
  async revoke(credentials: AccountCredentials): Promise<void> {
    const { server, accessToken, clientId } = read(credentials);
    const client = await this.apps.findByClientId(server, clientId);
    if (!client) return;
    await this.http.call<unknown>(server, {
      method: 'POST',
      path: '/oauth/revoke',
      form: { client_id: client.clientId, client_secret: client.clientSecret, token: accessToken },
    });
  }

  /**
   * The origin of the server the member typed (bare host, https URL or their handle), checked without
   * the network: https (plain http only for an allow-listed test host), no path, not a private or
   * loopback address. The addresses its name resolves to are checked on every request.
   */
  private checkServer(raw: string): string {
    const parsed = parseServerAddress(raw, { allowHttp: true });
    if (!parsed.ok) {
      if (parsed.problem === 'not_https')
        throw new MastodonServerError('connection.server_not_https', 'The server must be an https address.');
      throw new MastodonServerError(
        'connection.server_invalid',
        'Name your Mastodon server, such as mastodon.social or https://mastodon.social.',
      );
    }
    const url = new URL(parsed.value.origin);
    if (url.protocol === 'http:' && !isAllowListed(url, this.options.policy.allowedHosts))
      throw new MastodonServerError('connection.server_not_https', 'The server must be an https address.');
    try {
      assertOutboundUrl(url, this.options.policy.allowedHosts);
    } catch (error) {
      throw serverError(error);
    }
    return parsed.value.origin;
  }

  /** Registers Heimo's app on the server and keeps its client credentials. */
  private async register(server: string, redirectUri: string): Promise<MastodonClient> {
    let app: MastodonCredentialApplication;
    try {
      ({ value: app } = await this.http.call<MastodonCredentialApplication>(
        server,
        {
          method: 'POST',
          path: '/api/v1/apps',
          json: {
            client_name: this.options.clientName,
            redirect_uris: redirectUri,
            scopes: MASTODON_SCOPES,
            ...(this.options.website ? { website: this.options.website } : {}),
          },
        },
        'raw',
      ));
    } catch (error) {
      throw serverError(error);
    }
    if (typeof app?.client_id !== 'string' || typeof app.client_secret !== 'string')
      throw new MastodonServerError(
        'connection.server_refused',
        'The server did not register Heimo as an app.',
      );
    return this.apps.keep({
      server,
      redirectUri,
      scopes: MASTODON_SCOPES,
      clientId: app.client_id,
      clientSecret: app.client_secret,
    });
  }

  private async readAccount(server: string, accessToken: string): Promise<RemoteAccount> {
    const { value: account } = await this.http.call<MastodonAccount>(server, {
      path: '/api/v1/accounts/verify_credentials',
      accessToken,
    });
    const acct = requireString(account.acct, 'acct');
    return {
      externalId: requireString(account.id, 'id'),
      handle: acct.includes('@') ? acct : `${acct}@${new URL(server).host}`,
      profileUrl: requireString(account.url, 'url'),
      followers: count(account.followers_count),
    };
  }

  /** Uploads the picture with its alt text; waits while the server processes it. */
  private async upload(server: string, accessToken: string, image: MediaFile): Promise<string> {
    const form = new FormData();
    form.append(
      'file',
      new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mimeType }),
      fileName(image),
    );
    form.append('description', image.alt);
    // The body as the platform's fetch would encode it, sent through the outbound policy.
    const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    let { value: media, response } = await this.http.call<MastodonMediaAttachment>(server, {
      method: 'POST',
      path: '/api/v2/media',
      accessToken,
      body: { bytes, contentType },
    });
    const id = requireString(media.id, 'id');
    const attempts = this.options.mediaPollAttempts ?? 30;
    // 202 (or a null url): still processing; `GET /api/v1/media/:id` answers 206 until it is done.
    for (
      let attempt = 0;
      response.status === 202 || response.status === 206 || media.url === null;
      attempt++
    ) {
      if (attempt >= attempts)
        throw new ConnectedNetworkError('unavailable', 'The server did not finish processing the picture.');
      await sleep(this.options.mediaPollIntervalMs ?? 1000);
      ({ value: media, response } = await this.http.call<MastodonMediaAttachment>(server, {
        path: `/api/v1/media/${encodeURIComponent(id)}`,
        accessToken,
      }));
    }
    return id;
  }
}

/** The Nest providers of the adapter; a module that lists them must import SecurityModule. */
export const MASTODON_PROVIDERS: Provider[] = [
  { provide: MASTODON_ADAPTER_OPTIONS, inject: [APP_CONFIG], useFactory: mastodonAdapterOptions },
  MastodonApps,
  MastodonAdapter,
];

function read(credentials: AccountCredentials): MastodonCredentials {
  const { server, accessToken, accountId, clientId } = credentials;
  if (!server || !accessToken || !accountId || !clientId)
    throw new ConnectedNetworkError('unauthorized', 'The stored Mastodon credentials are incomplete.');
  return { server, accessToken, accountId, clientId };
}

function toRemotePost(status: MastodonStatus): RemotePost {
  const { text, links } = readStatusHtml(typeof status.content === 'string' ? status.content : '');
  const createdAt = new Date(requireString(status.created_at, 'created_at'));
  if (Number.isNaN(createdAt.getTime()))
    throw new ConnectedNetworkError('unavailable', 'The server answered a status without a valid date.');
  const card = typeof status.card?.url === 'string' ? [status.card.url] : [];
  return {
    id: requireString(status.id, 'id'),
    url: typeof status.url === 'string' ? status.url : requireString(status.uri, 'uri'),
    createdAt,
    text,
    links: [...new Set([...card, ...links])],
  };
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ConnectedNetworkError('unavailable', `The server's answer has no ${field}.`);
  return value;
}

/** A count, or 0 where the server does not report it (`quotes_count` before Mastodon 4.5). */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function fileName(image: MediaFile): string {
  const subtype = image.mimeType.split('/')[1]?.replace(/[^a-z0-9]/giu, '') || 'bin';
  return `picture.${subtype === 'jpeg' ? 'jpg' : subtype}`;
}

function idempotencyKey(accountId: string, text: string, image: MediaFile | null): string {
  const hash = createHash('sha256').update(`${accountId}\n${text}\n`);
  if (image) hash.update(image.bytes).update(`\n${image.alt}`);
  return `heimo-${hash.digest('base64url')}`;
}

/** A failure to reach or use the server the member named, as the member should hear about it. */
function serverError(error: unknown): unknown {
  if (error instanceof OutboundError) {
    if (error.failure === 'private_address')
      return new MastodonServerError('connection.server_private_address', error.detail);
    if (error.failure === 'bad_url' || error.failure === 'bad_scheme')
      return new MastodonServerError('connection.server_invalid', error.detail);
    return new MastodonServerError(
      'connection.server_unreachable',
      `The server could not be reached: ${error.detail}`,
    );
  }
  if (error instanceof ConnectedNetworkError) {
    if (error.kind === 'rate_limited') return error;
    if (error.kind === 'unavailable')
      return new MastodonServerError('connection.server_unreachable', error.message);
    return new MastodonServerError(
      'connection.server_refused',
      `The server refused to register Heimo: ${error.message}`,
    );
  }
  return error;
}
