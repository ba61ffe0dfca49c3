import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { png } from '../support/png';
import type request from 'supertest';
import { useTestServer } from '../support/use-test-server';

// ---- A website on a loopback port ---------------------------------------------------------------

const MAX_IMAGE_BYTES = 1024 * 1024;
const FIFTY_MB = 50 * 1024 * 1024;
const page = (head: string, body = '<p>Hello</p>') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

class Site {
  private server!: Server;
  /** A second loopback server the allow-list does not name. */
  private unlisted!: Server;
  port = 0;
  unlistedPort = 0;
  /** Requests the unlisted server received (it must get none). */
  unlistedHits = 0;
  /** Bytes of the 50 MB picture written before the reader hung up. */
  bigSent = 0;
  bigClosed!: Promise<void>;

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.answer(req.url ?? '/', res));
    this.unlisted = createServer((_, res) => {
      this.unlistedHits += 1;
      res.end(page('<meta property="og:title" content="Inside">'));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => this.unlisted.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.unlistedPort = (this.unlisted.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.unlisted]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  private html(res: ServerResponse, text: string) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text);
  }

  private answer(path: string, res: ServerResponse): void {
    switch (path) {
      case '/og':
        return this.html(
          res,
          page(`<title>Fallback title</title>
<meta property="og:title" content="New office &amp; studio">
<meta property="og:description" content="  Photos of our
 new office in Kallio. ">
<meta property="og:image" content="/img/office.png">
<meta property="og:site_name" content="Acme News">
<meta property="og:url" content="https://news.example.com/new-office">
<meta name="twitter:title" content="Not this one">`),
        );
      case '/twitter':
        return this.html(
          res,
          page(`<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="Only a Twitter card">
<meta name="twitter:description" content="Described for X">
<meta name="twitter:image" content="${this.origin}/img/office.png">
<link rel="canonical" href="/twitter-canonical">`),
        );
      case '/oembed-page':
        return this.html(
          res,
          page(
            '<link rel="alternate" type="application/json+oembed" href="/oembed.json?url=x" title="oEmbed">',
          ),
        );
      case '/oembed-private':
        return this.html(
          res,
          page(
            `<link rel="alternate" type="application/json+oembed" href="http://127.0.0.1:${this.unlistedPort}/oembed">`,
          ),
        );
      case '/oembed.json?url=x':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({
            version: '1.0',
            type: 'video',
            title: 'A video about the office',
            provider_name: 'VideoTube',
            thumbnail_url: '/img/office.png',
          }),
        );
      case '/plain':
        return this.html(res, '<!DOCTYPE html><html><body><p>No head at all</p></body></html>');
      case '/long': {
        // The metadata, then 2 MB of body: only the first 512 KB are read.
        return this.html(
          res,
          page('<meta property="og:title" content="Long page">', 'x'.repeat(2 * 1024 * 1024)),
        );
      }
      case '/data.json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"title":"not a page"}');
      case '/missing':
        return void res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
      case '/to-private':
        return void res.writeHead(302, { location: `http://127.0.0.1:${this.unlistedPort}/` }).end();
      case '/to-metadata':
        return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/img/office.png':
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(png(40, 21));
      case '/img/not-an-image.png':
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(page('<title>HTML</title>'));
      case '/img/empty.png':
        return void res.writeHead(200, { 'content-type': 'image/png' }).end();
      case '/img/fifty-mb.png':
        return this.streamBig(res);
      default:
        res.writeHead(404).end();
    }
  }

  /** A 50 MB "PNG" without Content-Length: only the reader's own limit stops it. */
  private streamBig(res: ServerResponse): void {
    let sent = 0;
    const block = Buffer.alloc(64 * 1024, 0x41);
    png(1, 1).copy(block, 0, 0, 8);
    this.bigClosed = new Promise((resolve) =>
      res.on('close', () => {
        this.bigSent = sent;
        resolve();
      }),
    );
    res.writeHead(200, { 'content-type': 'image/png' });
    const pump = () => {
      while (sent < FIFTY_MB) {
        sent += block.length;
        if (!res.write(block)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  }
}

// ---- The tests ----------------------------------------------------------------------------------

describe('link previews', () => {
  const site = new Site();
  let dataDir: string;

  beforeAll(async () => {
    await site.start();
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-link-previews-'));
  });
  const { server, ctx } = useTestServer(() => ({
    workers: false,
    env: {
      DATA_DIR: dataDir,
      // Only the site's port is reachable on loopback: its second server stands for a private address.
      OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${site.port}`,
      MEDIA_MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES),
    },
  }));
  afterAll(async () => {
    await site.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let agent: request.Agent;
  let organisationId: string;
  beforeAll(async () => {
    const fixture = await ctx.newOrg('Previews');
    organisationId = fixture.org.id;
    agent = await ctx.signIn(fixture.curator);
  });

  const preview = (url: unknown) => agent.post('/api/link-previews').send({ url });
  const importImage = (url: unknown) => agent.post('/api/link-previews/image').send({ url });
  const storedFiles = () => {
    try {
      return readdirSync(join(dataDir, 'media'), { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      ).length;
    } catch {
      return 0;
    }
  };
  const mediaRows = async () =>
    (
      (await server.dataSource.query(
        'SELECT count(*)::int AS n FROM media_assets WHERE organisation_id = $1',
        [organisationId],
      )) as { n: number }[]
    )[0]!.n;

  it("gives an accepted suggestion's draft the link's preview, and the host and note when the link is refused", async () => {
    const member = await ctx.newMember(organisationId, { name: 'Sanna Suggester' });
    const suggester = await ctx.signIn(member);
    const accept = async (url: string, note: string) => {
      const made = await suggester.post('/api/suggestions').send({ url, note }).expect(201);
      const accepted = await agent.post(`/api/suggestions/${made.body.id}/accept`).send({}).expect(200);
      return (await agent.get(`/api/packs/${accepted.body.packId}`).expect(200)).body;
    };
    expect(await accept(`${site.origin}/og`, 'Our office')).toMatchObject({
      title: 'New office & studio',
      summary: 'Photos of our new office in Kallio.',
      destinationUrl: `${site.origin}/og`,
    });
    // The unlisted server stands for a private address: never read, the draft falls back.
    const hitsBefore = site.unlistedHits;
    expect(await accept(`http://127.0.0.1:${site.unlistedPort}/inside`, 'Seen inside')).toMatchObject({
      title: '127.0.0.1',
      summary: 'Seen inside',
    });
    expect(site.unlistedHits).toBe(hitsBefore);
  });

  it('reads Open Graph first, resolving relative addresses', async () => {
    const res = await preview(`${site.origin}/og`).expect(200);
    expect(res.body).toEqual({
      url: `${site.origin}/og`,
      canonicalUrl: 'https://news.example.com/new-office',
      title: 'New office & studio',
      description: 'Photos of our new office in Kallio.',
      imageUrl: `${site.origin}/img/office.png`,
      siteName: 'Acme News',
    });
  });

  it('reads a Twitter card and the canonical link when there is no Open Graph', async () => {
    const res = await preview(`${site.origin}/twitter`).expect(200);
    expect(res.body).toMatchObject({
      title: 'Only a Twitter card',
      description: 'Described for X',
      imageUrl: `${site.origin}/img/office.png`,
      canonicalUrl: `${site.origin}/twitter-canonical`,
      siteName: null,
    });
  });

  it('follows an oEmbed discovery link for the title, provider and thumbnail', async () => {
    const res = await preview(`${site.origin}/oembed-page`).expect(200);
    expect(res.body).toMatchObject({
      title: 'A video about the office',
      siteName: 'VideoTube',
      imageUrl: `${site.origin}/img/office.png`,
      description: null,
    });
  });

  it('never follows an oEmbed discovery link to a private address: the preview is simply without it', async () => {
    const res = await preview(`${site.origin}/oembed-private`).expect(200);
    expect(res.body).toMatchObject({ title: null, imageUrl: null, siteName: null });
    expect(site.unlistedHits).toBe(0);
  });

  it('answers an empty preview for a page without metadata and for an answer that is not HTML', async () => {
    const empty = { canonicalUrl: null, title: null, description: null, imageUrl: null, siteName: null };
    expect((await preview(`${site.origin}/plain`).expect(200)).body).toEqual({
      url: `${site.origin}/plain`,
      ...empty,
    });
    expect((await preview(`${site.origin}/data.json`).expect(200)).body).toEqual({
      url: `${site.origin}/data.json`,
      ...empty,
    });
  });

  it('reads only the start of a long page, and still finds its metadata', async () => {
    const res = await preview(`${site.origin}/long`).expect(200);
    expect(res.body.title).toBe('Long page');
  });

  it.each([
    ['a missing body field', {}, 'validation.failed'],
    ['a number', { url: 5 }, 'validation.failed'],
    ['an empty address', { url: '  ' }, 'validation.failed'],
    [
      'an address over 2048 characters',
      { url: `https://example.com/${'a'.repeat(2048)}` },
      'validation.failed',
    ],
    ['not an absolute URL', { url: 'news/new-office' }, 'link_preview.bad_url'],
    ['a user name and password', { url: 'http://user:secret@example.com/' }, 'link_preview.bad_url'],
    ['another scheme', { url: 'ftp://example.com/file' }, 'link_preview.bad_scheme'],
    ['a file address', { url: 'file:///etc/passwd' }, 'link_preview.bad_scheme'],
    ['localhost', { url: 'http://localhost/' }, 'link_preview.private_address'],
    ['a private address', { url: 'http://10.0.0.1/' }, 'link_preview.private_address'],
    ['the cloud metadata address', { url: 'http://169.254.169.254/latest/' }, 'link_preview.private_address'],
  ])('refuses %s naming url', async (_name, body, code) => {
    for (const path of ['/api/link-previews', '/api/link-previews/image']) {
      const res = await agent.post(path).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'url' })]));
    }
  });

  it('refuses a loopback port the allow-list does not name, and redirects to private addresses', async () => {
    for (const url of [
      `http://127.0.0.1:${site.unlistedPort}/`,
      `${site.origin}/to-private`,
      `${site.origin}/to-metadata`,
    ]) {
      const res = await preview(url).expect(400);
      expect(res.body).toMatchObject({
        code: 'link_preview.private_address',
        errors: [expect.objectContaining({ field: 'url' })],
      });
    }
    expect(site.unlistedHits).toBe(0);
  });

  it('refuses a page that answers an error status', async () => {
    const res = await preview(`${site.origin}/missing`).expect(400);
    expect(res.body.code).toBe('link_preview.http_status');
  });

  it('imports the picture as media of the organisation, checked from its bytes', async () => {
    const before = await mediaRows();
    const res = await importImage(`${site.origin}/img/office.png`).expect(201);
    expect(res.body).toMatchObject({ kind: 'image', contentType: 'image/png', width: 40, height: 21 });
    expect(res.body.originalName).toBe('office.png');
    expect(await mediaRows()).toBe(before + 1);
    const served = await agent.get(res.body.url).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    const [event] = (await server.dataSource.query(
      `SELECT details FROM audit_events WHERE organisation_id = $1 AND action = 'media.uploaded'
        AND target_id = $2`,
      [organisationId, res.body.id],
    )) as { details: Record<string, unknown> }[];
    expect(event?.details).toMatchObject({ kind: 'image', host: `127.0.0.1:${site.port}` });
  });

  it('refuses a 50 MB picture without reading it all, and bytes that are not a picture; nothing is stored', async () => {
    const rows = await mediaRows();
    const files = storedFiles();

    const big = await importImage(`${site.origin}/img/fifty-mb.png`).expect(413);
    expect(big.body).toMatchObject({
      code: 'media.too_large',
      errors: [expect.objectContaining({ field: 'url' })],
    });
    await site.bigClosed;
    // The reader hung up at its limit; what more was sent sat in socket buffers.
    expect(site.bigSent).toBeLessThan(FIFTY_MB / 4);

    const html = await importImage(`${site.origin}/img/not-an-image.png`).expect(415);
    expect(html.body).toMatchObject({
      code: 'media.unsupported_type',
      errors: [expect.objectContaining({ field: 'url', code: 'media.unsupported_type' })],
    });
    const empty = await importImage(`${site.origin}/img/empty.png`).expect(400);
    expect(empty.body.code).toBe('media.file_empty');
    const redirected = await importImage(`${site.origin}/to-private`).expect(400);
    expect(redirected.body.code).toBe('link_preview.private_address');

    expect(await mediaRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
  });
});
