import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { assertOutboundUrl, guardedFetch, type OutboundPolicy, type Resolver } from './guarded-fetch';
import { OutboundError } from './outbound.errors';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('guardedFetch', () => {
  let server: Server;
  let port: number;
  let seen: Seen[] = [];
  // Compressed once up front: compressing inside the handler made the request slow enough on a
  // loaded CI machine to hit the fetch timeout instead of the size limit.
  const bomb = gzipSync(Buffer.alloc(10_000_000));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const path = req.url ?? '/';
        seen.push({ method: req.method ?? '', url: path, headers: req.headers, body });
        if (path === '/doc') return res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
        if (path === '/hook') {
          return res
            .writeHead(202, { 'content-type': 'application/json' })
            .end(JSON.stringify({ method: req.method, body }));
        }
        if (path === '/see-other') return res.writeHead(303, { location: '/hook' }).end();
        if (path === '/temporary') return res.writeHead(307, { location: '/hook' }).end();
        if (path === '/elsewhere') {
          return res.writeHead(307, { location: `http://other.test:${port}/hook` }).end();
        }
        if (path === '/gzip')
          return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('<rss/>'));
        if (path === '/bomb') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
        if (path.startsWith('/loop/')) {
          const n = Number(path.slice(6));
          return res.writeHead(302, { location: `/loop/${n + 1}` }).end();
        }
        if (path === '/to-ftp') return res.writeHead(301, { location: 'ftp://example.com/feed' }).end();
        if (path === '/hang') return res.writeHead(200).write('<rss>');
        return res.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
      });
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
  const policy = (
    allowedHosts: string[] = [`svc.test:${port}`, `other.test:${port}`],
    timeoutMs = 10_000,
  ): OutboundPolicy => ({ maxBytes: 1_000_000, timeoutMs, allowedHosts });
  const resolvingTo =
    (...addresses: string[]): Resolver =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const loopback = resolvingTo('127.0.0.1');
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof OutboundError) return error.failure;
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
    // `svc.test` resolves nowhere else: the request can only reach the server through the pinned address.
    const result = await guardedFetch(`http://svc.test:${port}/doc`, policy(), {}, resolver);
    expect(result).toMatchObject({ status: 200, url: `http://svc.test:${port}/doc` });
    expect(result.headers['content-type']).toBe('text/plain');
    expect(result.body.toString()).toBe('hello');
    expect(seen[0]?.headers.host).toBe(`svc.test:${port}`);
    expect(seen[0]?.headers['user-agent']).toMatch(/^Heimo\//);
    expect(lookups).toBe(1);
  });

  it('sends a POST with its headers and body, and answers the status and body as they are', async () => {
    const payload = JSON.stringify({ event: 'pack.published', id: 'ab12' });
    const result = await guardedFetch(
      `http://svc.test:${port}/hook`,
      policy(),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Signature': 'v1=abc' },
        body: payload,
      },
      loopback,
    );
    expect(result.status).toBe(202);
    expect(JSON.parse(result.body.toString())).toEqual({ method: 'POST', body: payload });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/hook', body: payload });
    expect(seen[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      'x-signature': 'v1=abc',
    });
  });

  it('answers an error status with its body unless the caller declines it', async () => {
    const url = `http://svc.test:${port}/missing`;
    const read = await guardedFetch(url, policy(), {}, loopback);
    expect(read).toMatchObject({ status: 404 });
    expect(read.body.toString()).toBe('no such thing');
    const skipped = await guardedFetch(url, policy(), { readBodyWhen: (s) => s < 400 }, loopback);
    expect(skipped.status).toBe(404);
    expect(skipped.body).toHaveLength(0);
  });

  it('turns a POST into a GET without its body after a 303, and repeats it after a 307', async () => {
    const request = { method: 'POST' as const, headers: { 'content-type': 'text/plain' }, body: 'ping' };
    const after303 = await guardedFetch(`http://svc.test:${port}/see-other`, policy(), request, loopback);
    expect(JSON.parse(after303.body.toString())).toEqual({ method: 'GET', body: '' });
    expect(seen[1]?.headers['content-type']).toBeUndefined();
    const after307 = await guardedFetch(`http://svc.test:${port}/temporary`, policy(), request, loopback);
    expect(JSON.parse(after307.body.toString())).toEqual({ method: 'POST', body: 'ping' });
  });

  it('drops credentials on a redirect to another origin', async () => {
    const request = { headers: { authorization: 'Bearer secret', 'x-kept': 'yes' } };
    await guardedFetch(`http://svc.test:${port}/elsewhere`, policy(), request, loopback);
    expect(seen.map((s) => s.headers.host)).toEqual([`svc.test:${port}`, `other.test:${port}`]);
    expect(seen[0]?.headers.authorization).toBe('Bearer secret');
    expect(seen[1]?.headers.authorization).toBeUndefined();
    expect(seen[1]?.headers['x-kept']).toBe('yes');
  });

  it('answers a redirect as it is when asked not to follow it', async () => {
    const result = await guardedFetch(
      `http://svc.test:${port}/see-other`,
      policy(),
      { followRedirects: false },
      loopback,
    );
    expect(result).toMatchObject({ status: 303, headers: expect.objectContaining({ location: '/hook' }) });
    expect(seen).toHaveLength(1);
  });

  it('refuses a name that resolves to a private address, or to a mix of public and private', async () => {
    const url = `http://svc.test:${port}/doc`;
    expect(await failure(guardedFetch(url, policy([]), {}, resolvingTo('127.0.0.1')))).toBe(
      'private_address',
    );
    expect(await failure(guardedFetch(url, policy([]), {}, resolvingTo('93.184.216.34', '10.1.2.3')))).toBe(
      'private_address',
    );
    expect(await failure(guardedFetch(url, policy([]), {}, resolvingTo('::ffff:169.254.169.254')))).toBe(
      'private_address',
    );
    expect(
      await failure(guardedFetch(url, policy([]), { method: 'POST', body: 'x' }, resolvingTo('10.0.0.5'))),
    ).toBe('private_address');
    expect(seen).toEqual([]);
  });

  it('reports a name that does not resolve', async () => {
    const failing: Resolver = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    expect(await failure(guardedFetch('http://nowhere.test/', policy([]), {}, failing))).toBe('dns_failed');
  });

  it('decompresses gzip, and stops a compressed body that grows past the limit', async () => {
    const ok = await guardedFetch(`http://svc.test:${port}/gzip`, policy(), {}, loopback);
    expect(ok.body.toString()).toBe('<rss/>');
    expect(await failure(guardedFetch(`http://svc.test:${port}/bomb`, policy(), {}, loopback))).toBe(
      'too_large',
    );
  });

  it('answers the first maxBytes of a larger body when asked to truncate, and stops reading there', async () => {
    const small = { ...policy(), maxBytes: 1000 };
    const cut = await guardedFetch(`http://svc.test:${port}/bomb`, small, { truncate: true }, loopback);
    expect(cut.truncated).toBe(true);
    expect(cut.body).toHaveLength(1000);
    const whole = await guardedFetch(`http://svc.test:${port}/doc`, small, { truncate: true }, loopback);
    expect(whole.body.toString()).toBe('hello');
    expect(whole.truncated).toBeUndefined();
  });

  it('follows at most five redirects and checks the scheme of each', async () => {
    expect(await failure(guardedFetch(`http://svc.test:${port}/loop/0`, policy(), {}, loopback))).toBe(
      'too_many_redirects',
    );
    expect(seen).toHaveLength(6);
    expect(await failure(guardedFetch(`http://svc.test:${port}/to-ftp`, policy(), {}, loopback))).toBe(
      'bad_scheme',
    );
  });

  it('gives up on a server that never finishes', async () => {
    const started = Date.now();
    expect(
      await failure(guardedFetch(`http://svc.test:${port}/hang`, policy(undefined, 500), {}, loopback)),
    ).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops when the caller's signal aborts, well before the time limit", async () => {
    const started = Date.now();
    const request = { signal: AbortSignal.timeout(300) };
    expect(await failure(guardedFetch(`http://svc.test:${port}/hang`, policy(), request, loopback))).toBe(
      'timeout',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('assertOutboundUrl', () => {
  const failure = (url: string, allowed: string[] = []) => {
    try {
      assertOutboundUrl(url, allowed);
      return 'ok';
    } catch (error) {
      return (error as OutboundError).failure;
    }
  };

  it.each([
    ['ftp://example.com/feed', 'bad_scheme'],
    ['javascript:alert(1)', 'bad_scheme'],
    ['file:///etc/passwd', 'bad_scheme'],
    ['data:text/xml,<rss/>', 'bad_scheme'],
    ['not a url', 'bad_url'],
    ['https://user:secret@example.com/feed', 'bad_url'],
    ['http://127.0.0.1/', 'private_address'],
    ['http://2130706433/', 'private_address'],
    ['http://0x7f.1/', 'private_address'],
    ['http://169.254.169.254/latest/meta-data/', 'private_address'],
    ['http://10.0.0.1/', 'private_address'],
    ['http://[::1]/', 'private_address'],
    ['http://[::ffff:127.0.0.1]/', 'private_address'],
    ['http://[fd00::1]/', 'private_address'],
    ['http://localhost:3000/', 'private_address'],
    ['http://api.localhost/', 'private_address'],
    ['https://example.com/feed.xml', 'ok'],
    ['http://93.184.216.34/feed', 'ok'],
  ])('%s → %s', (url, expected) => {
    expect(failure(url)).toBe(expected);
  });

  it('lets the allow-list reach a listed host, by name or by name and port', () => {
    expect(failure('http://127.0.0.1:8080/', ['127.0.0.1:8080'])).toBe('ok');
    expect(failure('http://127.0.0.1:8081/', ['127.0.0.1:8080'])).toBe('private_address');
    expect(failure('http://127.0.0.1/', ['127.0.0.1:80'])).toBe('ok');
    expect(failure('http://127.0.0.1:9/', ['127.0.0.1'])).toBe('ok');
    expect(failure('http://[::1]:8080/', ['[::1]:8080'])).toBe('ok');
  });
});
