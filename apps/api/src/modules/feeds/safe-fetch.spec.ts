import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FeedFetchError } from './feeds.errors';
import { assertFetchableUrl, type Resolver, safeFetch } from './safe-fetch';

describe('safeFetch', () => {
  let server: Server;
  let port: number;
  let seen: IncomingHttpHeaders[] = [];
  // Compressed once up front: compressing inside the handler made the request slow enough on a
  // loaded CI machine to hit the fetch timeout instead of the size limit.
  const bomb = gzipSync(Buffer.alloc(10_000_000));

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const path = req.url ?? '/';
      if (path === '/feed') {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end('<rss/>');
      }
      if (path === '/gzip') {
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('<rss/>'));
      }
      if (path === '/bomb') {
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
      }
      if (path.startsWith('/loop/')) {
        const n = Number(path.slice(6));
        return res.writeHead(302, { location: `/loop/${n + 1}` }).end();
      }
      if (path === '/to-ftp') return res.writeHead(301, { location: 'ftp://example.com/feed' }).end();
      if (path === '/hang') return res.writeHead(200).write('<rss>');
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

  // A generous timeout so that only the test about hanging servers ever meets it.
  const limits = (allowedHosts: string[] = [`feed.test:${port}`], timeoutMs = 10_000) => ({
    maxBytes: 1_000_000,
    timeoutMs,
    allowedHosts,
  });
  const resolvingTo =
    (...addresses: string[]): Resolver =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const code = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof FeedFetchError) return error.code;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('connects to the address it checked, keeping the name as Host (no second lookup)', async () => {
    let lookups = 0;
    const resolver: Resolver = async () => {
      lookups += 1;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    // `feed.test` resolves nowhere else: the request can only reach the server through the pinned address.
    const result = await safeFetch(`http://feed.test:${port}/feed`, limits(), {}, resolver);
    expect(result).toMatchObject({ status: 200, notModified: false, etag: '"v1"' });
    expect(result.body.toString()).toBe('<rss/>');
    expect(seen[0]?.host).toBe(`feed.test:${port}`);
    expect(lookups).toBe(1);
  });

  it('sends If-None-Match and If-Modified-Since and reports 304', async () => {
    const result = await safeFetch(
      `http://feed.test:${port}/feed`,
      limits(),
      { etag: '"v1"', lastModified: 'Tue, 10 Mar 2026 09:00:00 GMT' },
      resolvingTo('127.0.0.1'),
    );
    expect(result.notModified).toBe(true);
    expect(seen[0]).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Tue, 10 Mar 2026 09:00:00 GMT',
    });
  });

  it('refuses a name that resolves to a private address, or to a mix of public and private', async () => {
    const url = `http://feed.test:${port}/feed`;
    expect(await code(safeFetch(url, limits([]), {}, resolvingTo('127.0.0.1')))).toBe('feed.private_address');
    expect(await code(safeFetch(url, limits([]), {}, resolvingTo('93.184.216.34', '10.1.2.3')))).toBe(
      'feed.private_address',
    );
    expect(await code(safeFetch(url, limits([]), {}, resolvingTo('::ffff:169.254.169.254')))).toBe(
      'feed.private_address',
    );
    expect(seen).toEqual([]);
  });

  it('reports a name that does not resolve', async () => {
    const failing: Resolver = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    expect(await code(safeFetch('http://nowhere.test/', limits([]), {}, failing))).toBe('feed.dns_failed');
  });

  it('decompresses gzip, and stops a compressed body that grows past the limit', async () => {
    const ok = await safeFetch(`http://feed.test:${port}/gzip`, limits(), {}, resolvingTo('127.0.0.1'));
    expect(ok.body.toString()).toBe('<rss/>');
    expect(
      await code(safeFetch(`http://feed.test:${port}/bomb`, limits(), {}, resolvingTo('127.0.0.1'))),
    ).toBe('feed.too_large');
  });

  it('follows at most five redirects and checks the scheme of each', async () => {
    const resolver = resolvingTo('127.0.0.1');
    expect(await code(safeFetch(`http://feed.test:${port}/loop/0`, limits(), {}, resolver))).toBe(
      'feed.too_many_redirects',
    );
    expect(seen).toHaveLength(6);
    expect(await code(safeFetch(`http://feed.test:${port}/to-ftp`, limits(), {}, resolver))).toBe(
      'feed.bad_scheme',
    );
  });

  it('gives up on a server that never finishes', async () => {
    const started = Date.now();
    expect(
      await code(
        safeFetch(`http://feed.test:${port}/hang`, limits(undefined, 500), {}, resolvingTo('127.0.0.1')),
      ),
    ).toBe('feed.timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports an error status', async () => {
    expect(
      await code(safeFetch(`http://feed.test:${port}/missing`, limits(), {}, resolvingTo('127.0.0.1'))),
    ).toBe('feed.http_status');
  });
});

describe('assertFetchableUrl', () => {
  const code = (url: string, allowed: string[] = []) => {
    try {
      assertFetchableUrl(url, allowed);
      return 'ok';
    } catch (error) {
      return (error as FeedFetchError).code;
    }
  };

  it.each([
    ['ftp://example.com/feed', 'feed.bad_scheme'],
    ['javascript:alert(1)', 'feed.bad_scheme'],
    ['file:///etc/passwd', 'feed.bad_scheme'],
    ['data:text/xml,<rss/>', 'feed.bad_scheme'],
    ['not a url', 'feed.bad_url'],
    ['https://user:secret@example.com/feed', 'feed.bad_url'],
    ['http://127.0.0.1/', 'feed.private_address'],
    ['http://2130706433/', 'feed.private_address'],
    ['http://0x7f.1/', 'feed.private_address'],
    ['http://169.254.169.254/latest/meta-data/', 'feed.private_address'],
    ['http://10.0.0.1/', 'feed.private_address'],
    ['http://[::1]/', 'feed.private_address'],
    ['http://[::ffff:127.0.0.1]/', 'feed.private_address'],
    ['http://[fd00::1]/', 'feed.private_address'],
    ['http://localhost:3000/', 'feed.private_address'],
    ['http://api.localhost/', 'feed.private_address'],
    ['https://example.com/feed.xml', 'ok'],
    ['http://93.184.216.34/feed', 'ok'],
  ])('%s → %s', (url, expected) => {
    expect(code(url)).toBe(expected);
  });

  it('lets the allow-list reach a listed host, by name or by name and port', () => {
    expect(code('http://127.0.0.1:8080/', ['127.0.0.1:8080'])).toBe('ok');
    expect(code('http://127.0.0.1:8081/', ['127.0.0.1:8080'])).toBe('feed.private_address');
    expect(code('http://127.0.0.1/', ['127.0.0.1:80'])).toBe('ok');
    expect(code('http://127.0.0.1:9/', ['127.0.0.1'])).toBe('ok');
    expect(code('http://[::1]:8080/', ['[::1]:8080'])).toBe('ok');
  });
});
