import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bluesky PDS on loopback, for tests driven by the real `@atproto/api` client. It answers only the
 * XRPC methods Heimo calls, with the shapes of their AT Protocol lexicons (the client validates every
 * answer against them): com.atproto.server.createSession / refreshSession / getSession /
 * deleteSession, app.bsky.actor.getProfile, app.bsky.feed.getAuthorFeed, app.bsky.feed.getPosts,
 * com.atproto.repo.createRecord (a given record key refused when taken), com.atproto.repo.getRecord and
 * com.atproto.repo.uploadBlob (the blobs kept). Errors are `{ error, message }`
 * bodies with the statuses the PDS uses. Knobs: accounts and posts, deleting a post, expiring the
 * access tokens, revoking every token, rate limiting the next requests.
 */

export interface FakeAccount {
  readonly did: string;
  readonly handle: string;
  readonly password: string;
  followers: number;
}

export interface FakePost {
  readonly uri: string;
  readonly cid: string;
  readonly did: string;
  readonly record: Record<string, unknown>;
  readonly indexedAt: string;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
}

interface Token {
  readonly did: string;
  readonly kind: 'access' | 'refresh';
  expired: boolean;
}

export interface FakeRequest {
  readonly method: string;
  readonly nsid: string;
  readonly authorization: string | undefined;
  /** The account whose token (or, signing in, identifier) the request carried, if any. */
  readonly did: string | null;
}

/** A CIDv1 (dag-cbor, sha2-256) of the bytes, base32 as the PDS prints it. */
export function fakeCid(bytes: string): string {
  const digest = createHash('sha256').update(bytes).digest();
  const raw = Buffer.concat([Buffer.from([0x01, 0x71, 0x12, 0x20]), digest]);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of raw) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return `b${out}`;
}

let rkeyCounter = 0;
/** A record key in the TID form (13 base32-sortable characters). */
function nextRkey(): string {
  const chars = '234567abcdefghijklmnopqrstuvwxyz';
  let n = BigInt(Date.now()) * 1000n + BigInt(rkeyCounter++ % 1000);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = chars[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

export class FakeBluesky {
  readonly accounts = new Map<string, FakeAccount>();
  readonly posts: FakePost[] = [];
  readonly requests: FakeRequest[] = [];
  private readonly tokens = new Map<string, Token>();
  private rateLimited = 0;
  private retryAfter: Record<string, string> = {};
  private failing = 0;
  private lostAnswers = 0;
  /** Every blob uploaded: its bytes and type. */
  readonly blobs: { readonly bytes: Buffer; readonly mimeType: string; readonly ref: string }[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) =>
        send(res, 500, { error: 'InternalServerError', message: String(error) }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get host(): string {
    return new URL(this.url).host;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  addAccount(handle: string, password: string, followers = 0): FakeAccount {
    const account = {
      did: `did:plc:${randomBytes(12).toString('hex').slice(0, 24)}`,
      handle,
      password,
      followers,
    };
    this.accounts.set(account.did, account);
    return account;
  }

  /** A post of the account: its text, a link facet and/or an external embed with the link. */
  addPost(
    account: FakeAccount,
    options: { text: string; facetLink?: string; embedLink?: string; createdAt?: Date },
  ): FakePost {
    const createdAt = (options.createdAt ?? new Date()).toISOString();
    const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', text: options.text, createdAt };
    if (options.facetLink) {
      const start = Buffer.byteLength(options.text.split(options.facetLink.slice(0, 20))[0] ?? '');
      record.facets = [
        {
          index: { byteStart: start, byteEnd: Math.min(Buffer.byteLength(options.text), start + 30) },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: options.facetLink }],
        },
      ];
    }
    if (options.embedLink)
      record.embed = {
        $type: 'app.bsky.embed.external',
        external: { uri: options.embedLink, title: 'A page', description: '' },
      };
    return this.store(account.did, record);
  }

  deletePost(uri: string): void {
    const index = this.posts.findIndex((post) => post.uri === uri);
    if (index >= 0) this.posts.splice(index, 1);
  }

  /** Every access token issued so far (to the account, when given) answers `ExpiredToken`; refresh tokens still work. */
  expireAccessTokens(account?: FakeAccount): void {
    for (const token of this.tokens.values())
      if (token.kind === 'access' && (!account || token.did === account.did)) token.expired = true;
  }

  /** Every token issued so far to the account (every account's, without one), refresh tokens too, is refused (an app password revoked). */
  revokeTokens(account?: FakeAccount): void {
    for (const token of this.tokens.values()) if (!account || token.did === account.did) token.expired = true;
  }

  /** The next `count` requests answer 429 with these headers (`retry-after`, `ratelimit-reset`). */
  rateLimitNext(count: number, headers: Record<string, string>): void {
    this.rateLimited = count;
    this.retryAfter = headers;
  }

  /** The next `count` requests answer 502. */
  /** The next `count` createRecord calls make the record, then answer 502 as if the answer was lost. */
  loseNextCreateAnswers(count: number): void {
    this.lostAnswers = count;
  }

  failNext(count: number): void {
    this.failing = count;
  }

  called(nsid: string, account?: FakeAccount): FakeRequest[] {
    return this.requests.filter(
      (request) => request.nsid === nsid && (!account || request.did === account.did),
    );
  }

  requestsOf(account: FakeAccount): FakeRequest[] {
    return this.requests.filter((request) => request.did === account.did);
  }

  private store(did: string, record: Record<string, unknown>, rkey?: string): FakePost {
    const uri = `at://${did}/app.bsky.feed.post/${rkey ?? nextRkey()}`;
    const post: FakePost = {
      uri,
      cid: fakeCid(uri + JSON.stringify(record)),
      did,
      record,
      indexedAt: new Date().toISOString(),
      likes: 0,
      reposts: 0,
      replies: 0,
      quotes: 0,
    };
    this.posts.push(post);
    return post;
  }

  private issue(did: string): { accessJwt: string; refreshJwt: string } {
    const accessJwt = `access.${randomBytes(16).toString('base64url')}`;
    const refreshJwt = `refresh.${randomBytes(16).toString('base64url')}`;
    this.tokens.set(accessJwt, { did, kind: 'access', expired: false });
    this.tokens.set(refreshJwt, { did, kind: 'refresh', expired: false });
    return { accessJwt, refreshJwt };
  }

  private sessionOf(account: FakeAccount, tokens: { accessJwt: string; refreshJwt: string }) {
    return { ...tokens, did: account.did, handle: account.handle, active: true, emailConfirmed: true };
  }

  /** The account the bearer token of `kind` belongs to, or the error answer already sent. */
  private bearer(req: IncomingMessage, res: ServerResponse, kind: 'access' | 'refresh'): FakeAccount | null {
    const header = req.headers.authorization ?? '';
    const token = this.tokens.get(header.replace(/^Bearer /, ''));
    if (!token || token.kind !== kind) {
      send(res, 401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
      return null;
    }
    if (token.expired) {
      // The PDS answers an expired access token with 400 ExpiredToken, a dead refresh token with 401.
      if (kind === 'access') send(res, 400, { error: 'ExpiredToken', message: 'Token has expired' });
      else send(res, 401, { error: 'ExpiredToken', message: 'Token has been revoked' });
      return null;
    }
    return this.accounts.get(token.did) ?? null;
  }

  private postView(post: FakePost) {
    const author = this.accounts.get(post.did)!;
    return {
      uri: post.uri,
      cid: post.cid,
      author: { did: author.did, handle: author.handle },
      record: post.record,
      ...(isExternal(post.record.embed)
        ? {
            embed: {
              $type: 'app.bsky.embed.external#view',
              external: { ...(post.record.embed as { external: object }).external },
            },
          }
        : {}),
      replyCount: post.replies,
      repostCount: post.reposts,
      likeCount: post.likes,
      quoteCount: post.quotes,
      indexedAt: post.indexedAt,
      labels: [],
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    const body = await readBody(req);
    const token = this.tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    let did = token?.did ?? null;
    if (!did && nsid === 'com.atproto.server.createSession') {
      const { identifier } = JSON.parse(body.toString('utf8') || '{}') as { identifier?: string };
      did =
        [...this.accounts.values()].find((a) => a.handle === identifier || a.did === identifier)?.did ?? null;
    }
    this.requests.push({ method: req.method ?? 'GET', nsid, authorization: req.headers.authorization, did });
    if (this.rateLimited > 0) {
      this.rateLimited--;
      send(res, 429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, this.retryAfter);
      return;
    }
    if (this.failing > 0) {
      this.failing--;
      send(res, 502, { error: 'UpstreamFailure', message: 'Upstream Failure' });
      return;
    }
    switch (nsid) {
      case 'com.atproto.server.createSession': {
        const { identifier, password } = JSON.parse(body.toString('utf8') || '{}') as Record<string, string>;
        const account = [...this.accounts.values()].find(
          (a) => (a.handle === identifier || a.did === identifier) && a.password === password,
        );
        if (!account)
          return send(res, 401, {
            error: 'AuthenticationRequired',
            message: 'Invalid identifier or password',
          });
        return send(res, 200, this.sessionOf(account, this.issue(account.did)));
      }
      case 'com.atproto.server.refreshSession': {
        const account = this.bearer(req, res, 'refresh');
        if (!account) return;
        this.tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''))!.expired = true;
        return send(res, 200, this.sessionOf(account, this.issue(account.did)));
      }
      case 'com.atproto.server.getSession': {
        const account = this.bearer(req, res, 'access');
        if (!account) return;
        return send(res, 200, {
          did: account.did,
          handle: account.handle,
          active: true,
          emailConfirmed: true,
        });
      }
      case 'com.atproto.server.deleteSession': {
        const account = this.bearer(req, res, 'refresh');
        if (!account) return;
        for (const token of this.tokens.values()) if (token.did === account.did) token.expired = true;
        res.writeHead(200).end();
        return;
      }
      case 'app.bsky.actor.getProfile': {
        if (!this.bearer(req, res, 'access')) return;
        const actor = url.searchParams.get('actor');
        const account = [...this.accounts.values()].find((a) => a.did === actor || a.handle === actor);
        if (!account) return send(res, 400, { error: 'InvalidRequest', message: 'Profile not found' });
        return send(res, 200, {
          did: account.did,
          handle: account.handle,
          displayName: account.handle.split('.')[0],
          followersCount: account.followers,
          followsCount: 3,
          postsCount: this.posts.filter((p) => p.did === account.did).length,
          labels: [],
        });
      }
      case 'app.bsky.feed.getAuthorFeed': {
        if (!this.bearer(req, res, 'access')) return;
        const actor = url.searchParams.get('actor');
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const cursor = url.searchParams.get('cursor');
        const own = this.posts
          .filter((post) => post.did === actor)
          .sort((a, b) => String(b.record.createdAt).localeCompare(String(a.record.createdAt)));
        const start = cursor ? Number(cursor) : 0;
        const page = own.slice(start, start + limit);
        return send(res, 200, {
          feed: page.map((post) => ({ post: this.postView(post) })),
          ...(start + limit < own.length ? { cursor: String(start + limit) } : {}),
        });
      }
      case 'app.bsky.feed.getPosts': {
        if (!this.bearer(req, res, 'access')) return;
        const uris = url.searchParams.getAll('uris');
        // Posts that are gone are left out of the answer, as the AppView does.
        return send(res, 200, {
          posts: this.posts.filter((post) => uris.includes(post.uri)).map((post) => this.postView(post)),
        });
      }
      case 'com.atproto.repo.uploadBlob': {
        if (!this.bearer(req, res, 'access')) return;
        this.blobs.push({
          bytes: body,
          mimeType: String(req.headers['content-type'] ?? ''),
          ref: fakeCid(body.toString('base64')),
        });
        return send(res, 200, {
          blob: {
            $type: 'blob',
            ref: { $link: fakeCid(body.toString('base64')) },
            mimeType: req.headers['content-type'] ?? 'application/octet-stream',
            size: body.length,
          },
        });
      }
      case 'com.atproto.repo.createRecord': {
        const account = this.bearer(req, res, 'access');
        if (!account) return;
        const input = JSON.parse(body.toString('utf8')) as { record: Record<string, unknown>; rkey?: string };
        if (
          input.rkey &&
          this.posts.some((p) => p.uri === `at://${account.did}/app.bsky.feed.post/${input.rkey}`)
        )
          return send(res, 400, { error: 'InvalidRequest', message: 'Record already exists' });
        const post = this.store(account.did, input.record, input.rkey);
        if (this.lostAnswers > 0) {
          this.lostAnswers--;
          return send(res, 502, { error: 'UpstreamFailure', message: 'Upstream Failure' });
        }
        return send(res, 200, { uri: post.uri, cid: post.cid, validationStatus: 'valid' });
      }
      case 'com.atproto.repo.getRecord': {
        if (!this.bearer(req, res, 'access')) return;
        const uri = `at://${url.searchParams.get('repo')}/${url.searchParams.get('collection')}/${url.searchParams.get('rkey')}`;
        const post = this.posts.find((p) => p.uri === uri);
        if (!post)
          return send(res, 400, { error: 'RecordNotFound', message: `Could not locate record: ${uri}` });
        return send(res, 200, { uri: post.uri, cid: post.cid, value: post.record });
      }
      default:
        return send(res, 501, { error: 'MethodNotImplemented', message: `${nsid} is not implemented` });
    }
  }
}

const isExternal = (embed: unknown) =>
  typeof embed === 'object' &&
  embed !== null &&
  (embed as { $type?: string }).$type === 'app.bsky.embed.external';

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
