import { connect } from 'node:net';
import Redis from 'ioredis';
import request from 'supertest';
import type { Worker } from 'node:worker_threads';
import { decodeClickBatch } from '../../apps/api/src/modules/sharing/clicks/click-message';
import { ClickRecorder } from '../../apps/api/src/modules/sharing/clicks/click-recorder';
import { clickStreamKey } from '../../apps/api/src/modules/sharing/clicks/click-stream';
import { generateShareCode, SHARE_CODE_LENGTH } from '../../apps/api/src/modules/sharing/share-code.service';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import type { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import { RedirectCache } from '../../apps/api/src/modules/sharing/redirect/redirect-cache';
import { RedirectListener } from '../../apps/api/src/modules/sharing/redirect/redirect-listener';
import { TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { startTestServer } from '../support/server';
import { useTestServer } from '../support/use-test-server';
import { newShare } from '../support/shares';
import { testRedisUrl } from '../support/test-env';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Sends raw bytes (paths a well-behaved client would refuse to send) and returns the status line. */
function rawRequest(baseUrl: string, bytes: string): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
    setTimeout(() => socket.end(), 500);
  });
}

describe.each([
  { listener: 'the API port', ownPort: false },
  { listener: 'REDIRECT_PORT (a thread of its own)', ownPort: true },
])('the tracked link /r/:code on $listener', ({ ownPort }) => {
  const { server, ctx } = useTestServer({ workers: true, env: ownPort ? { REDIRECT_PORT: '0' } : {} });
  /** Where the tracked links are asked for. */
  let links: string;
  let code: string;
  let slug: string;
  let shareId: string;

  let fixture: { advocate: Member; pack: Pack };

  beforeAll(async () => {
    const listener = server.app.get(RedirectListener);
    expect(listener.port).toEqual(ownPort ? expect.any(Number) : null);
    links = ownPort ? `http://127.0.0.1:${listener.port}` : server.baseUrl;
    const { org, advocate } = await ctx.newOrg('Redirect');
    const pack = await newPack(server.dataSource, org.id, {
      status: 'published',
      destinationUrl: 'https://example.com/news/launch?ref=blog&utm_source=old#top',
    });
    slug = pack.slug;
    fixture = { advocate, pack };
    const share = await newShare(server.dataSource, advocate, pack, { network: 'x' });
    code = share.code;
    shareId = share.id;
  });

  const eventCount = async (id = shareId): Promise<number> =>
    (
      await server.dataSource.query('SELECT count(*)::int AS n FROM click_events WHERE share_id = $1', [id])
    )[0].n as number;

  it('makes 10-character base62 codes without modulo bias', () => {
    expect(code).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(SHARE_CODE_LENGTH).toBe(10);
    // Bytes 248..255 are rejected: a source of only those and then zeros gives only '0'.
    let calls = 0;
    const biased = (size: number) => Buffer.alloc(size, calls++ === 0 ? 250 : 0);
    expect(generateShareCode(10, biased)).toBe('0000000000');
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++)
      for (const c of generateShareCode()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
  });

  it('answers 302 to the stored destination with exactly the UTM parameters', async () => {
    const res = await request(links).get(`/r/${code}`).set('User-Agent', CHROME).redirects(0);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      `https://example.com/news/launch?ref=blog&utm_source=x&utm_medium=advocacy&utm_campaign=${slug}&utm_content=${code}#top`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('accepts one trailing slash and ignores a query string', async () => {
    for (const path of [`/r/${code}/`, `/r/${code}?fbclid=abc`]) {
      const res = await request(links).get(path).redirects(0);
      expect(res.status).toBe(302);
      expect(res.headers.location).toContain(`utm_content=${code}`);
    }
  });

  it('answers HEAD like GET and never counts it', async () => {
    // A share of its own, so clicks of the other tests still on their way cannot mix in.
    const share = await newShare(server.dataSource, fixture.advocate, fixture.pack, { network: 'x' });
    for (let i = 0; i < 5; i++) {
      const res = await request(links).head(`/r/${share.code}`).set('User-Agent', CHROME).redirects(0);
      expect(res.status).toBe(302);
      expect(res.headers.location).toContain(`utm_content=${share.code}`);
    }
    // A GET after the HEADs: once it is stored, the HEADs would have been too.
    await request(links).get(`/r/${share.code}`).set('User-Agent', CHROME).redirects(0).expect(302);
    await waitFor(async () => (await eventCount(share.id)) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await eventCount(share.id)).toBe(1);
  });

  const BAD_PATHS: readonly [string, string][] = [
    ['an unknown code', `/r/${'Zz9'.repeat(3)}Q`],
    ['a code too short', '/r/abc'],
    ['a code too long', `/r/${'a'.repeat(17)}`],
    ['a very long code', `/r/${'A'.repeat(5000)}`],
    ['an empty code', '/r/'],
    ['punctuation', '/r/abc-def_gh!'],
    ['an encoded slash', '/r/abcde%2Ffghij'],
    ['an encoded traversal', '/r/%2e%2e%2fapi%2fme'],
    ['a traversal', '/r/../api/me'],
    ['an encoded CRLF header injection', '/r/abcdefghij%0D%0ALocation:%20https://evil.example'],
    ['an encoded NUL', '/r/abcdefghij%00'],
    ['a non-ASCII code', '/r/%C3%A4bcdefghij'],
    ['a path under a code', '/r/abcdefghij/more'],
    ['two slashes', '/r//abcdefghij'],
    ['HTML', '/r/%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ];

  it.each(BAD_PATHS)('answers 404 without echoing %s', async (_what, path) => {
    const res = await request(links).get(path).set('User-Agent', CHROME).redirects(0);
    expect(res.status).toBe(404);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    // The same page whatever was asked: nothing of the input can be in it.
    const reference = await request(links).get('/r/QQQQQQQQQQ').redirects(0);
    expect(res.text).toBe(reference.text);
    expect(res.text).not.toContain('evil.example');
    expect(res.text).not.toContain('<script>');
  });

  it('answers a HEAD for an unknown code with 404 too', async () => {
    const res = await request(links).head('/r/ZZZZZZZZZZ').redirects(0);
    expect(res.status).toBe(404);
  });

  it('refuses other methods with 405', async () => {
    const res = await request(links).post(`/r/${code}`).send({}).redirects(0);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('never lets a raw CR LF in the request line into the answer', async () => {
    // The parser ends the request line at the CR LF: what follows is a request header, never ours.
    for (const line of [
      `GET /r/${code}\r\nLocation: https://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /r/abc\r\nLocation: https://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /r/${code}%0d%0aSet-Cookie:%20evil.example=1 HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]) {
      const answer = await rawRequest(links, line);
      expect(answer).toMatch(/^HTTP\/1\.1 (302|400|404)/);
      expect(answer).not.toContain('evil.example');
      const locations = answer.split('\r\n').filter((h) => /^location:/i.test(h));
      expect(locations.length).toBeLessThanOrEqual(1);
      for (const location of locations) expect(location).toContain('https://example.com/news/launch?');
    }
  });

  it('finds a share the cache has never seen (a miss reads the database once)', async () => {
    const { org, advocate } = await ctx.newOrg('Miss');
    const pack = await newPack(server.dataSource, org.id, { status: 'published' });
    const share = await newShare(server.dataSource, advocate, pack);
    const cache = server.app.get(RedirectCache);
    const listener = server.app.get(RedirectListener);
    const misses = cache.misses;
    const lookups = listener.lookups;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request(links).get(`/r/${share.code}`).redirects(0)),
    );
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302, 302]);
    expect(cache.misses).toBe(misses + 1);
    // On its own port the thread's cache coalesces too: one question to the API's thread.
    expect(listener.lookups).toBe(ownPort ? lookups + 1 : 0);
    expect(cache.peek(share.code)).toEqual({ shareId: share.id, location: share.redirectUrl });
  });

  it('is never rate limited', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => request(links).head(`/r/${code}`).redirects(0)),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    expect(new Set(statuses)).toEqual(new Set([302]));
  });

  if (ownPort)
    it('answers nothing but tracked links on its own port', async () => {
      const reference = await request(links).get('/r/QQQQQQQQQQ').redirects(0);
      for (const path of ['/', '/api/me', '/healthz', '/api/openapi.json', '/rr/abcdefghij']) {
        const res = await request(links).get(path).redirects(0);
        expect(res.status).toBe(404);
        expect(res.text).toBe(reference.text);
      }
      for (const res of [
        await request(links).post('/api/auth/login').send({ email: 'a@b.test', password: 'x' }),
        await request(links).delete('/api/me'),
      ]) {
        expect(res.status).toBe(404);
        expect(res.text).toBe(reference.text);
      }
    });

  it('is documented as a public route outside /api', async () => {
    const document = (await request(server.baseUrl).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.paths['/r/{code}']?.get?.responses).toHaveProperty('302');
    expect(document.paths['/r/{code}']?.get?.responses).toHaveProperty('404');
  });
});

describe('the redirect listener (REDIRECT_PORT) when the click shipper thread stops', () => {
  it('takes the port of the new shipper thread and counts the clicks answered meanwhile', async () => {
    const server = await startTestServer({ workers: true, env: { REDIRECT_PORT: '0' } });
    try {
      const ctx = new TestContext(server.dataSource, server.baseUrl);
      const { org, advocate } = await ctx.newOrg('Shipper restart');
      const pack = await newPack(server.dataSource, org.id, { status: 'published' });
      const share = await newShare(server.dataSource, advocate, pack);
      const links = `http://127.0.0.1:${server.app.get(RedirectListener).port}`;
      const follow = (i: number) =>
        request(links)
          .get(`/r/${share.code}`)
          .set('User-Agent', CHROME)
          .set('X-Forwarded-For', `10.8.0.${i}`)
          .redirects(0)
          .expect(302);
      for (let i = 0; i < 5; i++) await follow(i);
      // Fault injection: the shipper thread dies (as on an uncaught error in it); the recorder
      // starts another one and hands the listener a port to it.
      const recorder = server.app.get(ClickRecorder) as unknown as { worker: Worker | null };
      const dying = recorder.worker;
      await dying?.terminate();
      for (let i = 5; i < 15; i++) await follow(i);
      const clicks = async () =>
        (await server.dataSource.query('SELECT clicks FROM shares WHERE id = $1', [share.id]))[0]
          .clicks as number;
      // The first five may have gone down with the thread if it still held them; the ten after the
      // restart must all be counted.
      await waitFor(async () => (await clicks()) >= 10);
      expect(recorder.worker).not.toBe(dying);
      await server.app.get(RedirectListener).flush();
      expect(await clicks()).toBeGreaterThanOrEqual(10);
    } finally {
      await server.close();
    }
  });
});

describe('the redirect listener (REDIRECT_PORT) when the app closes', () => {
  it('ships every click it answered before the app is gone', async () => {
    // Clicks wait up to a second in the thread: at the close they are still there, not yet shipped.
    const server = await startTestServer({
      workers: false,
      env: { REDIRECT_PORT: '0', CLICK_FLUSH_MS: '1000' },
    });
    let open = true;
    const redis = new Redis(testRedisUrl());
    try {
      const ctx = new TestContext(server.dataSource, server.baseUrl);
      const { org, advocate } = await ctx.newOrg('Closing');
      const pack = await newPack(server.dataSource, org.id, { status: 'published' });
      const share = await newShare(server.dataSource, advocate, pack);
      const links = `http://127.0.0.1:${server.app.get(RedirectListener).port}`;
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          request(links)
            .get(`/r/${share.code}`)
            .set('User-Agent', CHROME)
            .set('X-Forwarded-For', `10.9.0.${i}`)
            .redirects(0),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(302));
      await server.close();
      open = false;
      // No worker ran: the clicks are in the stream, where the workers of a deployment read them.
      const entries = await redis.xrange(clickStreamKey(server.redisPrefix), '-', '+');
      const clicks = entries.flatMap(([, fields]) => decodeClickBatch(fields[1] as string));
      expect(clicks.filter((c) => c.shareId === share.id)).toHaveLength(30);
      expect(new Set(clicks.map((c) => c.id)).size).toBe(30);
      expect(new Set(clicks.map((c) => c.visitor)).size).toBe(30);
    } finally {
      if (open) await server.close();
      redis.disconnect();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
