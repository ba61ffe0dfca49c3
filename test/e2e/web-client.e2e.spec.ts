// The built web client as the API serves it: precompressed copies by Accept-Encoding, a year of
// caching for hashed files and none without revalidation for index.html and the other files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../../apps/web/precompress';
import { useTestServer } from '../support/use-test-server';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers; the body as sent, never decompressed. */
function raw(baseUrl: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const APP_JS = '/assets/index-Bq3xY7zA.js';
const TINY_JS = '/assets/tiny-D9kLm2pQ.js';
const STYLE_CSS = '/assets/index-C4fGh8jK.css';

describe('web client serving', () => {
  const dist = mkdtempSync(join(tmpdir(), 'heimo-web-'));
  const file = (urlPath: string) => join(dist, ...urlPath.split('/').filter(Boolean));
  const appJs = Array.from({ length: 400 }, (_, i) => `export const value${i} = "feed item ${i}";`).join(
    '\n',
  );
  const css = Array.from({ length: 200 }, (_, i) => `.badge-${i} { color: #1c7ed6; }`).join('\n');
  const html =
    '<!doctype html><html lang="en"><head><title>Heimo</title>' +
    `<script type="module" src="${APP_JS}"></script></head>` +
    `<body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;

  beforeAll(() => {
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(file('/index.html'), html);
    writeFileSync(file(APP_JS), appJs);
    writeFileSync(file(TINY_JS), 'export const a = 1;\n');
    writeFileSync(file(STYLE_CSS), css);
    writeFileSync(file('/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    writeFileSync(file('/.vite/manifest.json'), JSON.stringify({ entry: APP_JS }));
    // What the Vite plugin does after each build.
    precompress(dist);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const { server } = useTestServer(() => ({ workers: false, webDist: dist }));

  it('the build writes Brotli and gzip copies of text files that shrink, not of tiny ones or maps', () => {
    for (const path of [APP_JS, STYLE_CSS, '/index.html']) {
      expect(brotliDecompressSync(readFileSync(`${file(path)}.br`)).toString()).toBe(
        readFileSync(file(path), 'utf8'),
      );
      expect(gunzipSync(readFileSync(`${file(path)}.gz`)).toString()).toBe(readFileSync(file(path), 'utf8'));
    }
    expect(() => statSync(`${file(TINY_JS)}.br`)).toThrow();
    expect(() => statSync(`${file('/favicon.svg')}.gz`)).toThrow();
  });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=1', 'br'],
  ])(
    'a hashed script asked for with Accept-Encoding "%s" comes as %s, cached for a year',
    async (accept, encoding) => {
      const res = await raw(server.baseUrl, APP_JS, { 'Accept-Encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(appJs.length / 3);
      const decoded = encoding === 'br' ? brotliDecompressSync(res.body) : gunzipSync(res.body);
      expect(decoded.toString()).toBe(appJs);
    },
  );

  it.each([[''], ['identity'], ['deflate'], ['br;q=0, gzip;q=0']])(
    'with Accept-Encoding "%s" the script comes uncompressed, still saying it varies',
    async (accept) => {
      const headers: Record<string, string> = accept ? { 'Accept-Encoding': accept } : {};
      const res = await raw(server.baseUrl, APP_JS, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body.toString()).toBe(appJs);
    },
  );

  it('a stylesheet comes compressed as text/css; a tiny script uncompressed, both cached for a year', async () => {
    const style = await raw(server.baseUrl, STYLE_CSS, { 'Accept-Encoding': 'gzip, br' });
    expect(style.headers['content-encoding']).toBe('br');
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(brotliDecompressSync(style.body).toString()).toBe(css);
    const tiny = await raw(server.baseUrl, TINY_JS, { 'Accept-Encoding': 'gzip, br' });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/feed', '/people/123', '/'])(
    'the page %s is index.html, compressed, with Cache-Control no-cache',
    async (path) => {
      const res = await raw(server.baseUrl, path, { Accept: 'text/html', 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body).toString()).toBe(html);
      const plain = await raw(server.baseUrl, path, { Accept: 'text/html' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['cache-control']).toBe('no-cache');
      expect(plain.body.toString()).toBe(html);
    },
  );

  it('index.html and files without a hash (the favicon) are revalidated each time', async () => {
    const index = await raw(server.baseUrl, '/index.html', { 'Accept-Encoding': 'gzip' });
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(index.body).toString()).toBe(html);
    const icon = await raw(server.baseUrl, '/favicon.svg', { 'Accept-Encoding': 'gzip' });
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('a compressed copy answers HEAD, revalidates with its own ETag and ignores byte ranges', async () => {
    const head = await raw(server.baseUrl, APP_JS, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    const br = await raw(server.baseUrl, APP_JS, { 'Accept-Encoding': 'br' });
    const gz = await raw(server.baseUrl, APP_JS, { 'Accept-Encoding': 'gzip' });
    expect(br.headers.etag).toBeTruthy();
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    const again = await raw(server.baseUrl, APP_JS, {
      'Accept-Encoding': 'br',
      'If-None-Match': String(br.headers.etag),
    });
    expect(again.status).toBe(304);
    const ranged = await raw(server.baseUrl, APP_JS, { 'Accept-Encoding': 'br', Range: 'bytes=0-9' });
    expect(ranged.status).toBe(200);
    expect(ranged.body.equals(br.body)).toBe(true);
  });

  it("the build's own folders and the API stay out of it", async () => {
    const manifest = await raw(server.baseUrl, '/.vite/manifest.json', { Accept: 'application/json' });
    expect(manifest.status).toBe(404);
    const api = await raw(server.baseUrl, '/api/nothing-here', {
      Accept: 'text/html',
      'Accept-Encoding': 'br',
    });
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    const missing = await raw(server.baseUrl, '/assets/missing-AAAA.js', { Accept: '*/*' });
    expect(missing.status).not.toBe(200);
  });
});
