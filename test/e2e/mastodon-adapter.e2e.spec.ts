import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccountCredentials, ConnectedNetworkError, findSharePost, type PostDraft } from '@heimo/domain';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createDataSource, databaseOptions } from '../../apps/api/src/data-source';
import { loadConfig } from '../../apps/api/src/infra/config/config';
import { ConfigModule } from '../../apps/api/src/infra/config/config.module';
import { MastodonAdapterModule } from '../../apps/api/src/modules/connections/adapters/mastodon';
import { MastodonApp } from '../../apps/api/src/modules/connections/adapters/mastodon/mastodon-app.entity';
import { MastodonApps } from '../../apps/api/src/modules/connections/adapters/mastodon/mastodon-apps';
import {
  MASTODON_SCOPES,
  MastodonAdapter,
  type MastodonAdapterOptions,
} from '../../apps/api/src/modules/connections/adapters/mastodon/mastodon.adapter';
import { MastodonServerError } from '../../apps/api/src/modules/connections/adapters/mastodon/mastodon.errors';
import { SecretBox } from '../../apps/api/src/infra/security/secret-box';
import type { Resolver } from '../../apps/api/src/infra/outbound/guarded-fetch';
import { FakeMastodon } from '../support/fake-mastodon';
import { freePort } from '../support/free-port';
import { png } from '../support/png';
import { runDatabaseUrl } from '../support/test-env';

const REDIRECT = 'https://heimo.example/api/me/connections/mastodon/callback';
const MINUTE = 60_000;

/** Names that resolve to a private address, as a rebinding DNS server would answer. */
const resolve: Resolver = async (hostname) => {
  if (hostname === 'mastodon.internal.example') return [{ address: '10.1.2.3', family: 4 }];
  if (hostname === 'mixed.example')
    return [
      { address: '93.184.216.34', family: 4 },
      { address: '192.168.0.7', family: 4 },
    ];
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

describe('Mastodon adapter against a loopback Mastodon server', () => {
  let fake: FakeMastodon;
  let dataSource: DataSource;
  let apps: MastodonApps;
  let now = Date.now();

  const adapterWith = (overrides: Partial<MastodonAdapterOptions> = {}) =>
    new MastodonAdapter(
      {
        policy: { maxBytes: 1024 * 1024, timeoutMs: 5_000, allowedHosts: [fake.host] },
        resolve,
        clientName: 'Heimo',
        website: 'https://heimo.example',
        mediaPollIntervalMs: 10,
        now: () => now,
        ...overrides,
      },
      apps,
    );

  /** The member approves on their server: its redirect back to Heimo, with the code and state. */
  async function approve(authorizationUrl: string): Promise<{ code: string; state: string | null }> {
    const answer = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') };
  }

  async function connect(adapter = adapterWith()): Promise<AccountCredentials> {
    const url = await adapter.authorizationUrl({ server: fake.origin, state: 's1', redirectUri: REDIRECT });
    const { code } = await approve(url);
    const connected = await adapter.completeAuthorization({
      server: fake.origin,
      code,
      redirectUri: REDIRECT,
    });
    expect(connected.credentials).not.toBeNull();
    return connected.credentials!;
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  }

  beforeAll(async () => {
    dataSource = createDataSource({ url: runDatabaseUrl() });
    await dataSource.initialize();
    apps = new MastodonApps(
      dataSource,
      new SecretBox({ current: 'mastodon-test-secret-0123456789abcdef', previous: [] }),
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  beforeEach(async () => {
    now = Date.now();
    fake = await FakeMastodon.start();
  });

  afterEach(async () => {
    await fake.stop();
  });

  describe('connecting', () => {
    it('registers Heimo on a server once and reuses the app for the next member', async () => {
      const adapter = adapterWith();
      const first = new URL(
        await adapter.authorizationUrl({ server: fake.origin, state: 'one', redirectUri: REDIRECT }),
      );
      const second = new URL(
        await adapter.authorizationUrl({ server: fake.origin, state: 'two', redirectUri: REDIRECT }),
      );

      expect(fake.apps).toHaveLength(1);
      const [app] = fake.apps;
      expect(app).toMatchObject({
        name: 'Heimo',
        website: 'https://heimo.example',
        redirectUris: [REDIRECT],
      });
      expect(app!.scopes).toEqual(MASTODON_SCOPES.split(' '));
      expect(`${first.origin}${first.pathname}`).toBe(`${fake.origin}/oauth/authorize`);
      expect(Object.fromEntries(first.searchParams)).toEqual({
        response_type: 'code',
        client_id: app!.clientId,
        redirect_uri: REDIRECT,
        scope: MASTODON_SCOPES,
        state: 'one',
      });
      expect(second.searchParams.get('client_id')).toBe(app!.clientId);
      expect(second.searchParams.get('state')).toBe('two');

      // Kept once, the secret sealed (never stored as the server sent it).
      const rows = await dataSource.getRepository(MastodonApp).findBy({ server: fake.origin });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        redirectUri: REDIRECT,
        clientId: app!.clientId,
        scopes: MASTODON_SCOPES,
      });
      expect(rows[0]!.clientSecretSealed).not.toContain(app!.clientSecret);
      expect(rows[0]!.clientSecretSealed).toMatch(/^v1\./);

      // A new adapter (another API process) finds the stored app instead of registering again.
      await adapterWith().authorizationUrl({ server: fake.origin, state: 'three', redirectUri: REDIRECT });
      expect(fake.apps).toHaveLength(1);

      // Another redirect URI (another Heimo address) is another app.
      await adapter.authorizationUrl({ server: fake.origin, state: 'x', redirectUri: `${REDIRECT}-2` });
      expect(fake.apps).toHaveLength(2);
    });

    it('exchanges the code for a token and reads the account', async () => {
      const adapter = adapterWith();
      const url = await adapter.authorizationUrl({
        server: fake.origin,
        state: 'st4te',
        redirectUri: REDIRECT,
      });
      const { code, state } = await approve(url);
      expect(state).toBe('st4te');

      const connected = await adapter.completeAuthorization({
        server: fake.origin,
        code,
        redirectUri: REDIRECT,
      });
      expect(connected.value).toEqual({
        externalId: fake.accountId,
        handle: `alice@${fake.host}`,
        profileUrl: `${fake.origin}/@alice`,
        followers: 321,
      });
      expect(connected.credentials).toMatchObject({
        server: fake.origin,
        accountId: fake.accountId,
        clientId: fake.apps[0]!.clientId,
      });
      expect(connected.credentials!.accessToken).toEqual(expect.any(String));

      // A code is good once.
      const again = await failure(
        adapter.completeAuthorization({ server: fake.origin, code, redirectUri: REDIRECT }),
      );
      expect(again).toBeInstanceOf(ConnectedNetworkError);
      expect(again).toMatchObject({ kind: 'rejected' });
    });

    it('refuses to complete on a server where Heimo has no app for the redirect URI', async () => {
      const error = await failure(
        adapterWith().completeAuthorization({ server: fake.origin, code: 'x', redirectUri: REDIRECT }),
      );
      expect(error).toMatchObject({ kind: 'rejected' });
      expect(fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
    });

    it('reads the follower count again each time', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      fake.followers = 1_204;
      const account = await adapter.account(credentials);
      expect(account).toEqual({
        value: expect.objectContaining({ followers: 1_204, handle: `alice@${fake.host}` }),
        credentials: null,
      });
    });
  });

  it('is provided by MastodonAdapterModule with the configured allow-list and the database', async () => {
    @Module({
      imports: [
        ConfigModule.forRoot(
          loadConfig({ OUTBOUND_ALLOWED_HOSTS: fake.host, PUBLIC_URL: 'https://heimo.example' }),
          {
            databaseUrl: runDatabaseUrl(),
            redisUrl: 'redis://unused',
            embeddedDatabase: false,
            authSecret: 'mastodon-test-secret-0123456789abcdef',
          },
        ),
        TypeOrmModule.forRoot(databaseOptions({ url: runDatabaseUrl() })),
        MastodonAdapterModule,
      ],
    })
    class ProbeModule {}
    const app = await NestFactory.createApplicationContext(ProbeModule, { logger: false });
    try {
      const provided = app.get(MastodonAdapter);
      expect(provided.network).toBe('mastodon');
      const url = await provided.authorizationUrl({
        server: fake.origin,
        state: 'di',
        redirectUri: REDIRECT,
      });
      expect(fake.apps).toHaveLength(1);
      expect(fake.apps[0]).toMatchObject({ website: 'https://heimo.example' });
      // The app it kept opens with the same secret in the adapter built by hand.
      const { code } = await approve(url);
      const connected = await adapterWith().completeAuthorization({
        server: fake.origin,
        code,
        redirectUri: REDIRECT,
      });
      expect(connected.value.followers).toBe(321);
    } finally {
      await app.close();
    }
  });

  describe('servers that cannot be used', () => {
    it.each([
      ['a private address', 'https://10.0.0.8'],
      ['a private address typed bare', '192.168.1.10'],
      ['loopback by name', 'https://localhost'],
      ['a link-local (metadata) address', '169.254.169.254'],
      ['an IPv6 unique-local address', 'https://[fd00::1]'],
      ['a name that resolves to a private address', 'mastodon.internal.example'],
      ['a name with one private address among public ones', 'https://mixed.example'],
    ])('refuses %s (connection.server_private_address) and registers nothing', async (_name, server) => {
      const error = await failure(
        adapterWith().authorizationUrl({ server, state: 's', redirectUri: REDIRECT }),
      );
      expect(error).toBeInstanceOf(MastodonServerError);
      expect(error).toMatchObject({
        status: 400,
        code: 'connection.server_private_address',
        errors: [{ field: 'server', code: 'connection.server_private_address' }],
      });
    });

    it.each([
      ['nothing', '  '],
      ['words', 'my server'],
      ['a single label', 'mastodon'],
      ['a path', 'https://example.social/@alice'],
      ['a query', 'https://example.social/?x=1'],
      ['credentials', 'https://user:pw@example.social'],
    ])('refuses %s as malformed (connection.server_invalid)', async (_name, server) => {
      const error = await failure(
        adapterWith().authorizationUrl({ server, state: 's', redirectUri: REDIRECT }),
      );
      expect(error).toMatchObject({
        status: 400,
        code: 'connection.server_invalid',
        errors: [{ field: 'server' }],
      });
    });

    it('refuses plain http unless the host is on the test allow-list', async () => {
      const error = await failure(
        adapterWith().authorizationUrl({
          server: 'http://example.social',
          state: 's',
          redirectUri: REDIRECT,
        }),
      );
      expect(error).toMatchObject({ code: 'connection.server_not_https' });
      const notListed = await failure(
        adapterWith({ policy: { maxBytes: 1024, timeoutMs: 1000, allowedHosts: [] } }).authorizationUrl({
          server: fake.origin,
          state: 's',
          redirectUri: REDIRECT,
        }),
      );
      expect(notListed).toMatchObject({ code: 'connection.server_not_https' });
      expect(fake.apps).toHaveLength(0);
    });

    it('says a server that does not answer is unreachable', async () => {
      const port = await freePort();
      const error = await failure(
        adapterWith({
          policy: { maxBytes: 1024, timeoutMs: 2000, allowedHosts: [`127.0.0.1:${port}`] },
        }).authorizationUrl({
          server: `http://127.0.0.1:${port}`,
          state: 's',
          redirectUri: REDIRECT,
        }),
      );
      expect(error).toMatchObject({ code: 'connection.server_unreachable' });
    });

    it('says a web server that is not Mastodon refused to register Heimo', async () => {
      const plain: Server = createServer((_req, res) =>
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>'),
      );
      await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
      const port = (plain.address() as AddressInfo).port;
      try {
        const error = await failure(
          adapterWith({
            policy: { maxBytes: 1024, timeoutMs: 2000, allowedHosts: [`127.0.0.1:${port}`] },
          }).authorizationUrl({
            server: `http://127.0.0.1:${port}`,
            state: 's',
            redirectUri: REDIRECT,
          }),
        );
        expect(error).toMatchObject({ code: 'connection.server_refused', status: 400 });
        expect(
          await dataSource.getRepository(MastodonApp).countBy({ server: `http://127.0.0.1:${port}` }),
        ).toBe(0);
      } finally {
        await new Promise<void>((done) => plain.close(() => done()));
      }
    });
  });

  describe('finding the share post', () => {
    const link = 'https://heimo.example/r/Ab3dE9';

    it('finds the post carrying the tracked link, made after the share, and no boost', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const sharedAt = new Date(now - 30 * MINUTE);
      fake.addStatus({ text: `Old post with the link ${link}`, createdAt: new Date(now - 3 * 60 * MINUTE) });
      fake.addBoost(`Someone else's post with the link ${link}`, new Date(now - 20 * MINUTE));
      fake.addStatus({ text: 'Lunch!', createdAt: new Date(now - 15 * MINUTE) });
      const wanted = fake.addStatus({
        text: `Great read about advocacy\n\n${link}?utm_source=mastodon #OpenSource`,
        createdAt: new Date(now - 10 * MINUTE),
      });
      fake.addStatus({ text: 'Another thought', createdAt: new Date(now - 5 * MINUTE) });

      const { value: posts, credentials: renewed } = await adapter.recentPosts(
        credentials,
        new Date(sharedAt.getTime() - 5 * MINUTE),
        20,
      );
      expect(renewed).toBeNull();
      // Newest first, the boost and the post before the window left out.
      expect(posts.map((post) => post.text)).toEqual([
        'Another thought',
        `Great read about advocacy\n\n${link}?utm_source=mastodon #OpenSource`,
        'Lunch!',
      ]);
      const found = findSharePost(posts, link, sharedAt);
      expect(found).toMatchObject({
        id: wanted,
        url: `${fake.origin}/@alice/${wanted}`,
        createdAt: new Date(now - 10 * MINUTE),
      });
      // The links hold the card's URL and the content's hrefs.
      expect(found!.links).toEqual([`${link}?utm_source=mastodon`]);
      // The statuses were asked for without boosts.
      expect(
        fake.requests.some((r) => r.path.includes('/statuses?') && r.path.includes('exclude_reblogs=true')),
      ).toBe(true);
    });

    it('finds the link through the card or an href when the text does not show it whole', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const sharedAt = new Date(now - 10 * MINUTE);
      const byCard = fake.addStatus({
        text: 'Card only',
        html: '<p>Read this</p>',
        cardUrl: link,
        createdAt: new Date(now - 8 * MINUTE),
      });
      const { value: posts } = await adapter.recentPosts(credentials, new Date(now - 60 * MINUTE), 20);
      expect(findSharePost(posts, link, sharedAt)?.id).toBe(byCard);
      expect(posts[0]!.text).toBe('Read this');

      fake.deleteStatus(byCard);
      const byHref = fake.addStatus({
        text: 'Href only',
        html: `<p>Read <a href="${link}" rel="nofollow noopener" target="_blank">this article</a> &amp; share</p>`,
        cardUrl: null,
        createdAt: new Date(now - 7 * MINUTE),
      });
      const { value: again } = await adapter.recentPosts(credentials, new Date(now - 60 * MINUTE), 20);
      expect(again[0]!.text).toBe('Read this article & share');
      expect(findSharePost(again, link, sharedAt)?.id).toBe(byHref);
    });

    it('finds nothing when the member posted without the link, or before the share', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const sharedAt = new Date(now - 10 * MINUTE);
      fake.addStatus({
        text: 'Great read about advocacy, link in bio',
        createdAt: new Date(now - 5 * MINUTE),
      });
      fake.addStatus({
        text: `Another link https://heimo.example/r/Ab3dE9X`,
        createdAt: new Date(now - 4 * MINUTE),
      });
      fake.addStatus({ text: `Long before: ${link}`, createdAt: new Date(now - 120 * MINUTE) });
      const { value: posts } = await adapter.recentPosts(credentials, new Date(now - 180 * MINUTE), 20);
      expect(posts).toHaveLength(3);
      expect(findSharePost(posts, link, sharedAt)).toBeNull();
    });

    it('reads further pages up to the limit, and no further back than asked', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      for (let i = 0; i < 60; i++)
        fake.addStatus({ text: `Post ${i}`, createdAt: new Date(now - (60 - i) * MINUTE) });

      const { value: fifty } = await adapter.recentPosts(credentials, new Date(now - 24 * 60 * MINUTE), 50);
      expect(fifty).toHaveLength(50);
      expect(fifty[0]!.text).toBe('Post 59');
      expect(fifty[49]!.text).toBe('Post 10');
      const pages = fake.requests.filter((r) =>
        r.path.startsWith(`/api/v1/accounts/${fake.accountId}/statuses`),
      );
      expect(pages).toHaveLength(2);
      expect(pages[1]!.path).toContain('max_id=');

      const { value: recent } = await adapter.recentPosts(credentials, new Date(now - 5.5 * MINUTE), 50);
      expect(recent.map((post) => post.text)).toEqual([
        'Post 59',
        'Post 58',
        'Post 57',
        'Post 56',
        'Post 55',
      ]);
    });
  });

  describe('engagement', () => {
    it('follows a post’s likes, boosts, replies and quotes over time', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const id = fake.addStatus({ text: 'Shared https://heimo.example/r/Zz' });

      expect((await adapter.engagement(credentials, id)).value).toEqual({
        likes: 0,
        reposts: 0,
        replies: 0,
        quotes: 0,
      });
      fake.setCounts(id, { favourites: 12, reblogs: 3, replies: 2, quotes: 1 });
      expect(await adapter.engagement(credentials, id)).toEqual({
        value: { likes: 12, reposts: 3, replies: 2, quotes: 1 },
        credentials: null,
      });
      fake.setCounts(id, { favourites: 40, reblogs: 9 });
      expect((await adapter.engagement(credentials, id)).value).toEqual({
        likes: 40,
        reposts: 9,
        replies: 2,
        quotes: 1,
      });
    });

    it('counts no quotes on a server that does not report them (before Mastodon 4.5)', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const id = fake.addStatus({ text: 'Old server', counts: { favourites: 5, quotes: 7 } });
      fake.reportsQuotes = false;
      expect((await adapter.engagement(credentials, id)).value).toEqual({
        likes: 5,
        reposts: 0,
        replies: 0,
        quotes: 0,
      });
    });

    it('answers not_found for a deleted post', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const id = fake.addStatus({ text: 'Soon gone' });
      fake.deleteStatus(id);
      const error = await failure(adapter.engagement(credentials, id));
      expect(error).toBeInstanceOf(ConnectedNetworkError);
      expect(error).toMatchObject({ kind: 'not_found' });
    });
  });

  describe('failures', () => {
    it('answers unauthorized once the member revoked Heimo, on every call', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const id = fake.addStatus({ text: 'x' });
      fake.revokeAllTokens();
      for (const call of [
        adapter.account(credentials),
        adapter.recentPosts(credentials, new Date(now - MINUTE), 5),
        adapter.engagement(credentials, id),
        adapter.post(credentials, { text: 'Hi', link: null, card: null, image: null }),
      ]) {
        expect(await failure(call)).toMatchObject({ kind: 'unauthorized', name: 'ConnectedNetworkError' });
      }
    });

    it('answers unauthorized for stored credentials that lack a part', async () => {
      const credentials = await connect();
      const { accessToken: _dropped, ...rest } = credentials;
      expect(await failure(adapterWith().account(rest))).toMatchObject({ kind: 'unauthorized' });
    });

    it('revokes the token at the server on disconnect', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      await adapter.revoke(credentials);
      expect(fake.isRevoked(credentials.accessToken!)).toBe(true);
      expect(await failure(adapter.account(credentials))).toMatchObject({ kind: 'unauthorized' });
    });

    it('answers rate_limited with the Retry-After delay', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      fake.rateLimitNext(1, { 'retry-after': '120' });
      const error = await failure(adapter.account(credentials));
      expect(error).toBeInstanceOf(ConnectedNetworkError);
      expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
      // The limit passed: the next call goes through.
      expect((await adapter.account(credentials)).value.followers).toBe(321);
    });

    it('reads Retry-After as an HTTP date, and X-RateLimit-Reset without it', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      now = Date.parse('2026-12-08T10:00:00Z');
      fake.rateLimitNext(1, { 'retry-after': 'Tue, 08 Dec 2026 10:00:45 GMT' });
      expect(await failure(adapter.account(credentials))).toMatchObject({
        kind: 'rate_limited',
        retryAfterMs: 45_000,
      });
      // Mastodon's own header: when the five-minute window resets, ISO 8601.
      fake.rateLimitNext(1, {
        'x-ratelimit-reset': '2026-12-08T10:03:30.000Z',
        'x-ratelimit-remaining': '0',
      });
      expect(await failure(adapter.recentPosts(credentials, new Date(0), 5))).toMatchObject({
        kind: 'rate_limited',
        retryAfterMs: 210_000,
      });
    });

    it('answers unavailable for a server error and for a server that went away, rejected for a refused request', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      fake.failNext(1, 503);
      expect(await failure(adapter.account(credentials))).toMatchObject({ kind: 'unavailable' });
      fake.failNext(1, 422);
      expect(await failure(adapter.account(credentials))).toMatchObject({ kind: 'rejected' });
      await fake.stop();
      expect(await failure(adapter.account(credentials))).toMatchObject({ kind: 'unavailable' });
      fake = await FakeMastodon.start(); // for afterEach
    });
  });

  describe('posting for the member', () => {
    const picture = {
      bytes: new Uint8Array(png(64, 48)),
      mimeType: 'image/png',
      alt: 'Three people at a whiteboard',
    };

    it('uploads the picture with its alt text and posts the caption with it', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const draft: PostDraft = {
        text: 'We are hiring! #OpenSource',
        link: 'https://heimo.example/r/Post1',
        card: { title: 'Jobs', description: 'Open roles', image: null },
        image: picture,
      };
      const { value: post, credentials: renewed } = await adapter.post(credentials, draft);
      expect(renewed).toBeNull();

      expect(fake.uploads).toHaveLength(1);
      expect(fake.uploads[0]).toMatchObject({
        description: 'Three people at a whiteboard',
        mimeType: 'image/png',
        fileName: 'picture.png',
      });
      expect(Buffer.compare(fake.uploads[0]!.bytes, Buffer.from(picture.bytes))).toBe(0);
      expect(fake.posted).toEqual([
        {
          id: post.id,
          status: 'We are hiring! #OpenSource https://heimo.example/r/Post1',
          mediaIds: [fake.uploads[0]!.id],
          idempotencyKey: expect.stringMatching(/^heimo-[A-Za-z0-9_-]{43}$/),
          visibility: null,
        },
      ]);
      expect(post).toMatchObject({
        url: `${fake.origin}/@alice/${post.id}`,
        text: 'We are hiring! #OpenSource https://heimo.example/r/Post1',
      });
      expect(findSharePost([post], 'https://heimo.example/r/Post1', new Date(now))).not.toBeNull();
    });

    it('posts once when the same draft is sent again (Idempotency-Key)', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      const draft: PostDraft = {
        text: 'Read this https://heimo.example/r/Once',
        link: 'https://heimo.example/r/Once',
        card: null,
        image: null,
      };
      const first = await adapter.post(credentials, draft);
      const second = await adapter.post(credentials, draft);
      expect(second.value.id).toBe(first.value.id);
      expect(fake.posted).toHaveLength(1);
      expect(fake.posted[0]!.status).toBe('Read this https://heimo.example/r/Once');
      const other = await adapter.post(credentials, {
        ...draft,
        text: 'Something else https://heimo.example/r/Once',
      });
      expect(other.value.id).not.toBe(first.value.id);
    });

    it('waits while the server processes the upload before posting', async () => {
      const adapter = adapterWith();
      const credentials = await connect(adapter);
      fake.asyncMedia = true;
      await adapter.post(credentials, { text: 'Video day', link: null, card: null, image: picture });
      expect(fake.requests.filter((r) => r.path.startsWith('/api/v1/media/'))).toHaveLength(2);
      expect(fake.posted[0]!.mediaIds).toEqual([fake.uploads[0]!.id]);
    });
  });
});
