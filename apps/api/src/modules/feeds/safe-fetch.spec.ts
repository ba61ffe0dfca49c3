import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resolver } from '../../infra/outbound/guarded-fetch';
import { FeedFetchError } from './feeds.errors';
import { assertFetchableUrl, safeFetch } from './safe-fetch';

// The address rules, redirects, limits and timeouts are the outbound policy's (infra/outbound);
// these tests cover what feeds add: validators, 304, refused statuses and the `feed.` codes.
describe('safeFetch', () => {
  let server: Server;
  let port: number;
  let seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const path = req.url ?? '/';
      if (path === '/feed') {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res
          .writeHead(200, {
            'content-type': 'application/rss+xml',
            etag: '"v1"',
            'last-modified': 'Di, 10 M\u00e4r 2026',
          })
          .end('<rss/>');
      }
      if (path === '/no-location') return res.writeHead(302).end();
      if (path === '/big') return res.writeHead(200).end(Buffer.alloc(2_000));
      return res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen = [];
  });

  const limits = (allowedHosts: string[] = [`feed.test:${port}`]) => ({
    maxBytes: 1_000,
    timeoutMs: 10_000,
    allowedHosts,
  });
  const loopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
  const code = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof FeedFetchError) return error.code;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('reads a feed with its validators, as the feed reader', async () => {
    const result = await safeFetch(
      `http://feed.test:${port}/feed`,
      limits(),
      { accept: 'application/rss+xml' },
      loopback,
    );
    expect(result).toMatchObject({
      status: 200,
      notModified: false,
      contentType: 'application/rss+xml',
      etag: '"v1"',
      // A header value that is not plain ASCII is not kept (it would be sent back next time).
      lastModified: null,
    });
    expect(result.body.toString()).toBe('<rss/>');
    expect(seen[0]).toMatchObject({ accept: 'application/rss+xml' });
    expect(seen[0]?.['user-agent']).toMatch(/^HeimoFeedReader\//);
  });

  it('sends If-None-Match and If-Modified-Since and reports 304', async () => {
    const result = await safeFetch(
      `http://feed.test:${port}/feed`,
      limits(),
      { etag: '"v1"', lastModified: 'Tue, 10 Mar 2026 09:00:00 GMT' },
      loopback,
    );
    expect(result.notModified).toBe(true);
    expect(seen[0]).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Tue, 10 Mar 2026 09:00:00 GMT',
    });
  });

  it('refuses an error status, and a redirect without a Location', async () => {
    expect(await code(safeFetch(`http://feed.test:${port}/missing`, limits(), {}, loopback))).toBe(
      'feed.http_status',
    );
    expect(await code(safeFetch(`http://feed.test:${port}/no-location`, limits(), {}, loopback))).toBe(
      'feed.http_status',
    );
  });

  it("reports the outbound policy's refusals as feed codes", async () => {
    expect(await code(safeFetch(`http://feed.test:${port}/big`, limits(), {}, loopback))).toBe(
      'feed.too_large',
    );
    expect(await code(safeFetch(`http://feed.test:${port}/feed`, limits([]), {}, loopback))).toBe(
      'feed.private_address',
    );
    expect(() => assertFetchableUrl('ftp://example.com/feed', [])).toThrow(
      expect.objectContaining({ code: 'feed.bad_scheme' }),
    );
    expect(assertFetchableUrl('https://example.com/feed.xml', []).toString()).toBe(
      'https://example.com/feed.xml',
    );
  });
});
