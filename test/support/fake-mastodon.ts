import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';

/**
 * A loopback Mastodon server with only what Heimo's adapter calls, answering the shapes of the
 * Mastodon API documentation (entities Application, Token, Account, Status, PreviewCard,
 * MediaAttachment; errors `{ "error": … }`):
 *
 * - `POST /api/v1/apps`, `GET /oauth/authorize` (approves at once as the server's one account and
 *   redirects with a code), `POST /oauth/token`, `POST /oauth/revoke`;
 * - `GET /api/v1/accounts/verify_credentials`, `GET /api/v1/accounts/:id/statuses` (newest first,
 *   `limit` ≤ 40, `max_id`, `exclude_reblogs`), `GET /api/v1/statuses/:id`;
 * - `POST /api/v2/media` (multipart `file` and `description`), `GET /api/v1/media/:id`,
 *   `POST /api/v1/statuses` (JSON or form; `Idempotency-Key` honoured).
 *
 * Knobs: add statuses, boosts and counts, delete a status, revoke every token (401), answer the next
 * requests 429 with `Retry-After` or `X-RateLimit-Reset`, process uploads asynchronously (202, then
 * 206, then 200), leave out `quotes_count` as servers before 4.5 do. It records registrations,
 * posted statuses with their idempotency keys, uploads and every request.
 */

export interface FakeApp {
  readonly id: string;
  readonly name: string;
  readonly website: string | null;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface FakeUpload {
  readonly id: string;
  readonly description: string | null;
  readonly mimeType: string;
  readonly fileName: string;
  readonly bytes: Buffer;
}

export interface FakePosted {
  readonly id: string;
  readonly status: string;
  readonly mediaIds: readonly string[];
  readonly idempotencyKey: string | null;
  readonly visibility: string | null;
}

interface StoredStatus {
  id: string;
  createdAt: Date;
  /** Plain text; the content HTML is made from it as Mastodon formats statuses. */
  text: string;
  /** Replaces the HTML made from `text`, where a test wants exact content. */
  html: string | null;
  cardUrl: string | null;
  reblogOf: string | null;
  favourites: number;
  reblogs: number;
  replies: number;
  quotes: number;
  mediaIds: string[];
  deleted: boolean;
  /** Another account's status (one the account boosted): not among the account's statuses. */
  foreign: boolean;
}

interface TokenGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  revoked: boolean;
}

const ACCOUNT_ID = '109283746501928374';

export class FakeMastodon {
  readonly apps: FakeApp[] = [];
  readonly uploads: FakeUpload[] = [];
  readonly posted: FakePosted[] = [];
  readonly requests: { method: string; path: string; authorization: string | null }[] = [];
  /** Followers the account reports; tests change it. */
  followers = 321;
  /** False answers statuses without `quotes_count`, as servers before Mastodon 4.5 do. */
  reportsQuotes = true;
  /** True answers an upload 202 and its first look-up 206, as for a video being transcoded. */
  asyncMedia = false;

  private server!: Server;
  private port = 0;
  private nextId = 110000000000000000n;
  private readonly statuses: StoredStatus[] = [];
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; scopes: string[] }>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly idempotent = new Map<string, string>();
  private readonly mediaLookups = new Map<string, number>();
  private limited: { remaining: number; status: number; headers: Record<string, string> } | null = null;

  static async start(): Promise<FakeMastodon> {
    const fake = new FakeMastodon();
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) fake.send(res, 500, { error: String(error) });
        else res.end();
      });
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `127.0.0.1:<port>`, for the outbound allow-list. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get accountId(): string {
    return ACCOUNT_ID;
  }

  /** Adds a status of the account; `text` is formatted as Mastodon formats a plain-text status. */
  addStatus(input: {
    text: string;
    createdAt?: Date;
    html?: string;
    cardUrl?: string | null;
    counts?: Partial<Record<'favourites' | 'reblogs' | 'replies' | 'quotes', number>>;
  }): string {
    const id = this.newId();
    this.statuses.push({
      id,
      createdAt: input.createdAt ?? new Date(),
      text: input.text,
      html: input.html ?? null,
      cardUrl: input.cardUrl === undefined ? firstLink(input.text) : input.cardUrl,
      reblogOf: null,
      favourites: input.counts?.favourites ?? 0,
      reblogs: input.counts?.reblogs ?? 0,
      replies: input.counts?.replies ?? 0,
      quotes: input.counts?.quotes ?? 0,
      mediaIds: [],
      deleted: false,
      foreign: false,
    });
    return id;
  }

  /** The account boosts another status (the boost wraps it, as `reblog`). */
  addBoost(text: string, createdAt = new Date()): string {
    const original = this.addStatus({ text, createdAt });
    this.find(original)!.foreign = true;
    const id = this.newId();
    this.statuses.push({
      ...this.find(original)!,
      id,
      createdAt,
      reblogOf: original,
      cardUrl: null,
      foreign: false,
    });
    return id;
  }

  setCounts(
    id: string,
    counts: Partial<Record<'favourites' | 'reblogs' | 'replies' | 'quotes', number>>,
  ): void {
    Object.assign(this.find(id) ?? {}, counts);
  }

  deleteStatus(id: string): void {
    const status = this.find(id);
    if (status) status.deleted = true;
  }

  /** Every token stops working (the member revoked Heimo in their settings): 401 from now on. */
  revokeAllTokens(): void {
    for (const grant of this.tokens.values()) grant.revoked = true;
  }

  isRevoked(token: string): boolean {
    return this.tokens.get(token)?.revoked ?? false;
  }

  /** The next `count` API requests answer 429 with these headers. */
  rateLimitNext(count: number, headers: Record<string, string>): void {
    this.failNext(count, 429, headers);
  }

  /** The next `count` API requests answer `status` (a 503 while the server is down, …). */
  failNext(count: number, status: number, headers: Record<string, string> = {}): void {
    this.limited = { remaining: count, status, headers };
  }

  private newId(): string {
    this.nextId += 1000n;
    return this.nextId.toString();
  }

  private find(id: string): StoredStatus | undefined {
    return this.statuses.find((status) => status.id === id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname + url.search,
      authorization: req.headers.authorization ?? null,
    });

    if (this.limited && this.limited.remaining > 0 && url.pathname.startsWith('/api/')) {
      this.limited.remaining -= 1;
      const { headers, status } = this.limited;
      if (this.limited.remaining === 0) this.limited = null;
      return this.send(
        res,
        status,
        { error: status === 429 ? 'Too many requests' : 'Service Unavailable' },
        headers,
      );
    }

    if (method === 'POST' && url.pathname === '/api/v1/apps') return this.registerApp(req, res);
    if (method === 'GET' && url.pathname === '/oauth/authorize') return this.authorize(url, res);
    if (method === 'POST' && url.pathname === '/oauth/token') return this.token(req, res);
    if (method === 'POST' && url.pathname === '/oauth/revoke') return this.revoke(req, res);

    if (url.pathname.startsWith('/api/')) {
      const grant = this.grant(req);
      if (!grant) return this.send(res, 401, { error: 'The access token is invalid' });
      const allowed = (scope: string) =>
        grant.scopes.includes(scope) || grant.scopes.includes(scope.split(':')[0] ?? scope);
      const outside = () => this.send(res, 403, { error: 'This action is outside the authorized scopes' });

      if (method === 'GET' && url.pathname === '/api/v1/accounts/verify_credentials')
        return allowed('read:accounts') ? this.send(res, 200, this.account(true)) : outside();
      const statusesOf = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(url.pathname);
      if (method === 'GET' && statusesOf)
        return allowed('read:statuses') ? this.accountStatuses(statusesOf[1] ?? '', url, res) : outside();
      const one = /^\/api\/v1\/statuses\/([^/]+)$/.exec(url.pathname);
      if (method === 'GET' && one) {
        if (!allowed('read:statuses')) return outside();
        const status = this.find(decodeURIComponent(one[1] ?? ''));
        if (!status || status.deleted) return this.send(res, 404, { error: 'Record not found' });
        return this.send(res, 200, this.statusEntity(status));
      }
      if (method === 'POST' && url.pathname === '/api/v2/media')
        return allowed('write:media') ? this.upload(req, res) : outside();
      const media = /^\/api\/v1\/media\/([^/]+)$/.exec(url.pathname);
      if (method === 'GET' && media) return this.mediaLookup(media[1] ?? '', res);
      if (method === 'POST' && url.pathname === '/api/v1/statuses')
        return allowed('write:statuses') ? this.postStatus(req, res) : outside();
    }
    this.send(res, 404, { error: 'Record not found' });
  }

  private async registerApp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readParams(req);
    const name = single(body.client_name);
    const redirect = body.redirect_uris;
    const redirectUris = (Array.isArray(redirect) ? redirect : (redirect ?? '').split(/\s+/)).filter(Boolean);
    if (!name || redirectUris.length === 0)
      return this.send(res, 422, {
        error: "Validation failed: Name can't be blank, Redirect URI can't be blank",
      });
    if (redirectUris.some((uri) => !/^https?:\/\//.test(uri) && uri !== 'urn:ietf:wg:oauth:2.0:oob'))
      return this.send(res, 422, { error: 'Validation failed: Redirect URI must be an absolute URI.' });
    const scopes = (single(body.scopes) || 'read').split(/\s+/).filter(Boolean);
    const app: FakeApp = {
      id: String(this.apps.length + 1),
      name,
      website: single(body.website) || null,
      redirectUris,
      scopes,
      clientId: randomBytes(16).toString('base64url'),
      clientSecret: randomBytes(24).toString('base64url'),
    };
    this.apps.push(app);
    this.send(res, 200, {
      id: app.id,
      name: app.name,
      website: app.website,
      scopes: app.scopes,
      redirect_uri: app.redirectUris.join('\n'),
      redirect_uris: app.redirectUris,
      vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      client_secret_expires_at: 0,
    });
  }

  /** The member approves at once: back to the redirect URI with a code and the state. */
  private authorize(url: URL, res: ServerResponse): void {
    const app = this.apps.find((candidate) => candidate.clientId === url.searchParams.get('client_id'));
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (!app || !app.redirectUris.includes(redirectUri) || url.searchParams.get('response_type') !== 'code')
      return this.send(res, 400, { error: 'invalid_request' });
    const scopes = (url.searchParams.get('scope') ?? 'read').split(/\s+/).filter(Boolean);
    if (scopes.some((scope) => !app.scopes.includes(scope)))
      return this.send(res, 400, { error: 'invalid_scope' });
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, { clientId: app.clientId, redirectUri, scopes });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readParams(req);
    const app = this.apps.find((candidate) => candidate.clientId === single(body.client_id));
    if (!app || app.clientSecret !== single(body.client_secret))
      return this.send(res, 401, {
        error: 'invalid_client',
        error_description:
          'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      });
    const code = this.codes.get(single(body.code));
    if (
      single(body.grant_type) !== 'authorization_code' ||
      !code ||
      code.clientId !== app.clientId ||
      code.redirectUri !== single(body.redirect_uri)
    )
      return this.send(res, 400, {
        error: 'invalid_grant',
        error_description:
          'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
      });
    this.codes.delete(single(body.code));
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, { clientId: app.clientId, scopes: code.scopes, revoked: false });
    this.send(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      scope: code.scopes.join(' '),
      created_at: Math.floor(Date.now() / 1000),
    });
  }

  private async revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readParams(req);
    const app = this.apps.find((candidate) => candidate.clientId === single(body.client_id));
    if (!app || app.clientSecret !== single(body.client_secret))
      return this.send(res, 403, { error: 'unauthorized_client' });
    const grant = this.tokens.get(single(body.token));
    if (grant && grant.clientId === app.clientId) grant.revoked = true;
    this.send(res, 200, {});
  }

  private grant(req: IncomingMessage): TokenGrant | null {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const grant = match ? this.tokens.get(match[1] ?? '') : undefined;
    return grant && !grant.revoked ? grant : null;
  }

  private account(withSource: boolean): Record<string, unknown> {
    return {
      id: ACCOUNT_ID,
      username: 'alice',
      acct: 'alice',
      display_name: 'Alice Advocate',
      locked: false,
      bot: false,
      discoverable: true,
      group: false,
      created_at: '2022-11-05T00:00:00.000Z',
      note: '<p>Working at Heimo.</p>',
      url: `${this.origin}/@alice`,
      uri: `${this.origin}/users/alice`,
      avatar: `${this.origin}/avatars/original/missing.png`,
      avatar_static: `${this.origin}/avatars/original/missing.png`,
      header: `${this.origin}/headers/original/missing.png`,
      header_static: `${this.origin}/headers/original/missing.png`,
      followers_count: this.followers,
      following_count: 120,
      statuses_count: this.statuses.filter((status) => !status.deleted).length,
      last_status_at: '2026-12-07',
      emojis: [],
      fields: [],
      ...(withSource
        ? {
            source: {
              privacy: 'public',
              sensitive: false,
              language: 'en',
              note: 'Working at Heimo.',
              fields: [],
            },
          }
        : {}),
    };
  }

  private accountStatuses(id: string, url: URL, res: ServerResponse): void {
    if (decodeURIComponent(id) !== ACCOUNT_ID) return this.send(res, 404, { error: 'Record not found' });
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 20) || 20, 1), 40);
    const maxId = url.searchParams.get('max_id');
    const excludeReblogs = url.searchParams.get('exclude_reblogs') === 'true';
    const page = this.statuses
      .filter((status) => !status.deleted && !status.foreign)
      .filter((status) => !excludeReblogs || status.reblogOf === null)
      .filter((status) => maxId === null || BigInt(status.id) < BigInt(maxId))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .slice(0, limit);
    const headers: Record<string, string> = {};
    const last = page[page.length - 1];
    if (last)
      headers.link = `<${this.origin}/api/v1/accounts/${ACCOUNT_ID}/statuses?limit=${limit}&max_id=${last.id}>; rel="next"`;
    this.send(
      res,
      200,
      page.map((status) => this.statusEntity(status)),
      headers,
    );
  }

  private statusEntity(status: StoredStatus): Record<string, unknown> {
    const reblog = status.reblogOf ? this.find(status.reblogOf) : undefined;
    const media = status.mediaIds
      .map((id) => this.uploads.find((upload) => upload.id === id))
      .filter((upload): upload is FakeUpload => upload !== undefined)
      .map((upload) => this.mediaEntity(upload, true));
    return {
      id: status.id,
      created_at: status.createdAt.toISOString(),
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: 'en',
      uri: `${this.origin}/users/alice/statuses/${status.id}`,
      url: reblog ? null : `${this.origin}/@alice/${status.id}`,
      replies_count: status.replies,
      reblogs_count: status.reblogs,
      favourites_count: status.favourites,
      ...(this.reportsQuotes ? { quotes_count: status.quotes } : {}),
      edited_at: null,
      favourited: false,
      reblogged: false,
      muted: false,
      bookmarked: false,
      pinned: false,
      content: reblog ? '' : (status.html ?? formatStatus(status.text)),
      filtered: [],
      reblog: reblog
        ? {
            ...this.statusEntity(reblog),
            account: { ...this.account(false), id: '1', username: 'bob', acct: 'bob' },
          }
        : null,
      application: { name: 'Web', website: null },
      account: this.account(false),
      media_attachments: media,
      mentions: [],
      tags: [],
      emojis: [],
      card: status.cardUrl && !reblog ? cardFor(status.cardUrl) : null,
      poll: null,
    };
  }

  private mediaEntity(upload: FakeUpload, processed: boolean): Record<string, unknown> {
    return {
      id: upload.id,
      type: upload.mimeType.startsWith('image/') ? 'image' : 'unknown',
      url: processed
        ? `${this.origin}/system/media_attachments/files/${upload.id}/original/${upload.fileName}`
        : null,
      preview_url: `${this.origin}/system/media_attachments/files/${upload.id}/small/${upload.fileName}`,
      remote_url: null,
      meta: { original: { width: 640, height: 480, size: '640x480', aspect: 1.3333333333333333 } },
      description: upload.description,
      blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
    };
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts = await readMultipart(req);
    if (!parts.file) return this.send(res, 422, { error: "Validation failed: File can't be blank" });
    const upload: FakeUpload = {
      id: this.newId(),
      description: parts.fields.description ?? null,
      mimeType: parts.file.mimeType,
      fileName: parts.file.fileName,
      bytes: parts.file.bytes,
    };
    this.uploads.push(upload);
    if (this.asyncMedia) {
      this.mediaLookups.set(upload.id, 0);
      return this.send(res, 202, this.mediaEntity(upload, false));
    }
    this.send(res, 200, this.mediaEntity(upload, true));
  }

  private mediaLookup(id: string, res: ServerResponse): void {
    const upload = this.uploads.find((candidate) => candidate.id === id);
    if (!upload) return this.send(res, 404, { error: 'Record not found' });
    const looked = this.mediaLookups.get(id);
    if (looked !== undefined && looked < 1) {
      this.mediaLookups.set(id, looked + 1);
      return this.send(res, 206, this.mediaEntity(upload, false));
    }
    this.mediaLookups.delete(id);
    this.send(res, 200, this.mediaEntity(upload, true));
  }

  private async postStatus(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readParams(req);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const idempotencyScope = key ? `${req.headers.authorization ?? ''}\n${key}` : null;
    const earlier = idempotencyScope ? this.idempotent.get(idempotencyScope) : undefined;
    if (earlier) return this.send(res, 200, this.statusEntity(this.find(earlier)!));
    const text = single(body.status);
    const mediaIds = listOf(body.media_ids ?? body['media_ids[]']);
    if (!text && mediaIds.length === 0)
      return this.send(res, 422, { error: "Validation failed: Text can't be blank" });
    for (const id of mediaIds) {
      if (!this.uploads.some((upload) => upload.id === id))
        return this.send(res, 422, { error: 'Validation failed: Media attachments are invalid' });
      if (this.mediaLookups.has(id))
        return this.send(res, 422, {
          error: 'Cannot attach files that have not finished processing. Try again in a moment!',
        });
    }
    const id = this.addStatus({ text, cardUrl: mediaIds.length ? null : undefined });
    this.find(id)!.mediaIds = mediaIds;
    if (idempotencyScope) this.idempotent.set(idempotencyScope, id);
    this.posted.push({
      id,
      status: text,
      mediaIds,
      idempotencyKey: key,
      visibility: single(body.visibility) || null,
    });
    this.send(res, 200, this.statusEntity(this.find(id)!));
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '299',
      'x-ratelimit-reset': new Date(Date.now() + 5 * 60_000).toISOString(),
      ...headers,
    });
    res.end(text);
  }
}

type Params = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
const listOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A JSON or form-encoded body, as Rails reads both. */
async function readParams(req: IncomingMessage): Promise<Params> {
  const body = (await readBody(req)).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).map(([name, value]) => [
        name,
        Array.isArray(value)
          ? value.map(String)
          : value === null || value === undefined
            ? undefined
            : String(value),
      ]),
    );
  }
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const current = params[name];
    params[name] = current === undefined ? value : [...listOf(current), value];
  }
  return params;
}

function readMultipart(req: IncomingMessage): Promise<{
  fields: Record<string, string>;
  file: { fileName: string; mimeType: string; bytes: Buffer } | null;
}> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { fileName: string; mimeType: string; bytes: Buffer } | null = null;
    const parser = busboy({ headers: req.headers });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (name === 'file')
          file = { fileName: info.filename, mimeType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('close', () => resolve({ fields, file }));
    parser.on('error', reject);
    req.pipe(parser);
  });
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

function firstLink(text: string): string | null {
  return text.match(URL_PATTERN)?.[0] ?? null;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * A plain-text status as Mastodon's formatter renders it: paragraphs in `<p>`, line breaks as
 * `<br />`, links with the scheme and the end past 30 characters in `invisible` spans.
 */
export function formatStatus(text: string): string {
  const linkified = (line: string) => {
    let out = '';
    let at = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      const url = match[0];
      out += escapeHtml(line.slice(at, match.index));
      const scheme = /^https?:\/\//.exec(url)?.[0] ?? '';
      const rest = url.slice(scheme.length);
      const shown = rest.slice(0, 30);
      const hidden = rest.slice(30);
      out +=
        `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
        `<span class="invisible">${escapeHtml(scheme)}</span>` +
        `<span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(shown)}</span>` +
        `<span class="invisible">${escapeHtml(hidden)}</span></a>`;
      at = (match.index ?? 0) + url.length;
    }
    return out + escapeHtml(line.slice(at));
  };
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(linkified).join('<br />')}</p>`)
    .join('');
}

function cardFor(url: string): Record<string, unknown> {
  return {
    url,
    title: 'Heimo',
    description: 'Shared with Heimo',
    type: 'link',
    author_name: '',
    author_url: '',
    provider_name: '',
    provider_url: '',
    html: '',
    width: 400,
    height: 210,
    image: null,
    embed_url: '',
    blurhash: null,
  };
}
