import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { OutboundError } from './outbound.errors';
import { outboundFetch } from './outbound-fetch';

describe('outboundFetch', () => {
  let server: Server;
  let origin: string;
  let fetchThroughPolicy: ReturnType<typeof outboundFetch>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === '/token') {
          return res
            .writeHead(200, {
              'content-type': 'application/json',
              'content-encoding': 'gzip',
              'set-cookie': ['a=1', 'b=2'],
            })
            .end(
              gzipSync(
                JSON.stringify({
                  method: req.method,
                  type: req.headers['content-type'],
                  body: Buffer.concat(chunks).toString(),
                }),
              ),
            );
        }
        if (req.url === '/empty') return res.writeHead(204).end();
        if (req.url === '/moved') return res.writeHead(302, { location: '/empty' }).end();
        return res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fetchThroughPolicy = outboundFetch({
      maxBytes: 10_000,
      timeoutMs: 5_000,
      allowedHosts: [new URL(origin).host],
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a form POST and answers a Response with the decoded body and every header value', async () => {
    const response = await fetchThroughPolicy(`${origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'abc' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: 'grant_type=authorization_code&code=abc',
    });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('answers 204 without a body, and a redirect as it is when asked to leave it to the caller', async () => {
    expect((await fetchThroughPolicy(`${origin}/empty`)).status).toBe(204);
    const manual = await fetchThroughPolicy(`${origin}/moved`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('/empty');
    expect((await fetchThroughPolicy(`${origin}/moved`)).status).toBe(204);
  });

  it("rejects with the policy's refusal", async () => {
    const refusal = await outboundFetch({ maxBytes: 10_000, timeoutMs: 5_000, allowedHosts: [] })(
      `${origin}/token`,
    ).catch((error) => error);
    expect(refusal).toBeInstanceOf(OutboundError);
    expect(refusal).toMatchObject({ failure: 'private_address' });
  });
});
