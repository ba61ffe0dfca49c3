import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { png } from '../support/png';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type request from 'supertest';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { DEMO_FEED_URL, seedDemoFeeds } from '../../apps/api/src/modules/demo/demo-feeds';
import { FeedImportService } from '../../apps/api/src/modules/feeds/feed-import.service';
import { POLL_FEEDS_JOB } from '../../apps/api/src/modules/feeds/jobs/feed-jobs';
import { useTestServer } from '../support/use-test-server';

// ---- A blog that serves RSS and Atom on a loopback port ----------------------------------------

const IMAGE = png(4, 3);

interface BlogPost {
  guid: string;
  title: string;
  /** HTML. */
  body: string;
  link: string;
  /** Path on the blog server. */
  image?: string;
}

type Breakage = 'html' | 'big' | 'slow' | 'redirect-private' | 'doctype' | 'status';

interface Feed {
  format: 'rss' | 'atom';
  title: string;
  posts: BlogPost[];
  /** Which validator the server gives and honours. */
  validator: 'etag' | 'last-modified';
  version: number;
  broken?: Breakage;
  requests: IncomingHttpHeaders[];
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function rss(feed: Feed, origin: string): string {
  const items = feed.posts
    .map(
      (post) => `<item>
  <title>${escapeXml(post.title)}</title>
  <link>${escapeXml(post.link)}</link>
  <guid isPermaLink="false">${escapeXml(post.guid)}</guid>
  <description><![CDATA[${post.body}]]></description>
  ${post.image ? `<media:content url="${origin}${post.image}" medium="image" />` : ''}
</item>`,
    )
    .reverse()
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>${escapeXml(feed.title)}</title><link>${origin}/</link>
${items}
</channel></rss>`;
}

function atom(feed: Feed, origin: string): string {
  const entries = feed.posts
    .map(
      (post) => `<entry>
  <id>${escapeXml(post.guid)}</id>
  <title type="html">${escapeXml(post.title)}</title>
  <link rel="alternate" href="${escapeXml(post.link)}"/>
  ${post.image ? `<link rel="enclosure" type="image/png" href="${post.image}"/>` : ''}
  <updated>2026-03-01T10:00:00Z</updated>
  <summary type="html">${escapeXml(post.body)}</summary>
</entry>`,
    )
    .reverse()
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${origin}/">
<title>${escapeXml(feed.title)}</title><id>urn:blog</id><updated>2026-03-01T10:00:00Z</updated>
${entries}
</feed>`;
}

const DOCTYPE_FEED = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title><item><title>x</title><guid>x</guid></item></channel></rss>`;
const LAUGHS_FEED = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>`;
/** RSS 0.91 as Netscape published it: a public DOCTYPE naming a DTD (here on the test blog, to see it is never read). */
const rss091Feed = (origin: string) => `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "${origin}/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old &amp;amp; new</title><link>${origin}/</link><description>Blog</description>
<language>en</language>
<item><title>Caf&eacute; &amp;rarr; open</title><link>${origin}/posts/cafe</link><description>Coffee &amp;amp; cake</description></item>
</channel></rss>`;
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Blog</title></head><body><h1>Blog</h1></body></html>';

class Blog {
  readonly feeds = new Map<string, Feed>();
  readonly imageRequests: string[] = [];
  dtdRequests = 0;
  private server!: Server;
  /** A second loopback server the allow-list does not name. */
  private unlisted!: Server;
  port = 0;
  unlistedPort = 0;

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.answer(req.url ?? '/', req.headers, res));
    this.unlisted = createServer((_, res) => res.end(rss(this.newFeed('unused'), '')));
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

  /** A feed at /feeds/<name>.xml; its URL is `url(name)`. */
  newFeed(name: string, options: Partial<Pick<Feed, 'format' | 'validator' | 'title'>> = {}): Feed {
    const feed: Feed = {
      format: options.format ?? 'rss',
      title: options.title ?? `Blog ${name}`,
      posts: [],
      validator: options.validator ?? 'etag',
      version: 1,
      requests: [],
    };
    this.feeds.set(`/feeds/${name}.xml`, feed);
    return feed;
  }

  url(name: string): string {
    return `${this.origin}/feeds/${name}.xml`;
  }

  post(feed: Feed, guid: string, extra: Partial<BlogPost> = {}): BlogPost {
    const post: BlogPost = {
      guid,
      title: `Post ${guid}`,
      body: `<p>Body of <b>${guid}</b> &amp; more</p>`,
      link: `https://blog.example.com/posts/${guid}`,
      ...extra,
    };
    feed.posts.push(post);
    feed.version += 1;
    return post;
  }

  private answer(path: string, headers: IncomingHttpHeaders, res: ServerResponse): void {
    if (path.startsWith('/img/')) {
      this.imageRequests.push(path);
      if (path.includes('missing')) return void res.writeHead(404).end();
      if (path.includes('not-an-image')) return void res.writeHead(200).end('<html></html>');
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(IMAGE);
    }
    const feed = this.feeds.get(path);
    const broken = feed?.broken ?? (path.startsWith('/broken/') ? (path.slice(8) as Breakage) : undefined);
    if (feed) feed.requests.push(headers);
    if (broken) return this.breakage(broken, res);
    if (path.startsWith('/redirect-to/')) {
      return void res.writeHead(302, { location: decodeURIComponent(path.slice(13)) }).end();
    }
    if (path.startsWith('/loop/')) {
      return void res.writeHead(302, { location: `/loop/${Number(path.slice(6)) + 1}` }).end();
    }
    if (path === '/rss-0.91.dtd') {
      this.dtdRequests += 1;
      return void res
        .writeHead(200, { 'content-type': 'application/xml-dtd' })
        .end('<!ENTITY eacute "&#233;">');
    }
    if (path === '/rss-0.91.xml') {
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(Buffer.from(rss091Feed(this.origin), 'latin1'));
    }
    if (path === '/laughs.xml')
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end(LAUGHS_FEED);
    if (!feed) return void res.writeHead(404).end('not found');
    const lastModified = new Date(Date.UTC(2026, 0, 1) + feed.version * 60_000).toUTCString();
    const etag = `"v${feed.version}"`;
    if (feed.validator === 'etag' && headers['if-none-match'] === etag) return void res.writeHead(304).end();
    if (feed.validator === 'last-modified' && headers['if-modified-since'] === lastModified) {
      return void res.writeHead(304).end();
    }
    const body = feed.format === 'rss' ? rss(feed, this.origin) : atom(feed, this.origin);
    res
      .writeHead(200, {
        'content-type': feed.format === 'rss' ? 'application/rss+xml' : 'application/atom+xml',
        ...(feed.validator === 'etag' ? { etag } : { 'last-modified': lastModified }),
      })
      .end(body);
  }

  private breakage(kind: Breakage, res: ServerResponse): void {
    switch (kind) {
      case 'html':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(HTML_PAGE);
      case 'doctype':
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(DOCTYPE_FEED);
      case 'status':
        return void res.writeHead(500).end();
      case 'redirect-private':
        return void res.writeHead(302, { location: 'http://10.0.0.1/feed.xml' }).end();
      case 'big': {
        // 200 KiB, streamed without a Content-Length: the reader must stop by counting.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>');
        const block = `<!-- ${'x'.repeat(1000)} -->`;
        for (let i = 0; i < 200; i += 1) res.write(block);
        return void res.end('</channel></rss>');
      }
      case 'slow':
        // Headers and a start, then nothing: the reader's time limit has to end it.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return void res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    }
  }
}

// ---- The tests ------------------------------------------------------------------------------------

const TIMEOUT_MS = 1500;
const MAX_BYTES = 65_536;

describe('feed import', () => {
  const blog = new Blog();
  let dataDir: string;

  beforeAll(async () => {
    await blog.start();
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-feeds-'));
  });
  // Its afterAll closes the server before the one below stops the blog and removes the directory.
  const { server, ctx } = useTestServer(() => ({
    workers: false,
    env: {
      DATA_DIR: dataDir,
      FEED_FETCH_ALLOWED_HOSTS: `127.0.0.1:${blog.port}`,
      FEED_TIMEOUT_MS: String(TIMEOUT_MS),
      FEED_MAX_BYTES: String(MAX_BYTES),
    },
  }));
  afterAll(async () => {
    await blog.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const curatorOf = async (name: string) => {
    const fixture = await ctx.newOrg(name);
    return { ...fixture, agent: await ctx.signIn(fixture.curator) };
  };
  const packsOf = (organisationId: string) =>
    server.dataSource.query(
      `SELECT id, title, summary, destination_url, media_ids, status, origin FROM packs
        WHERE organisation_id = $1 AND origin = 'feed' ORDER BY created_at, id`,
      [organisationId],
    ) as Promise<
      {
        id: string;
        title: string;
        summary: string;
        destination_url: string | null;
        media_ids: string[];
        status: string;
        origin: string;
      }[]
    >;
  const feedItemsOf = (sourceId: string) =>
    server.dataSource.query('SELECT guid, pack_id FROM feed_items WHERE source_id = $1 ORDER BY guid', [
      sourceId,
    ]) as Promise<{ guid: string; pack_id: string | null }[]>;
  // Switched off: a test server with workers that boots meanwhile polls every enabled source in the
  // run's database (without this suite's allow-list), which would record its refusal on them.
  const addSource = async (agent: request.Agent, url: string) => {
    const res = await agent.post('/api/feed-sources').send({ url, enabled: false });
    if (res.status !== 201) throw new Error(`adding ${url}: ${res.status} ${res.text}`);
    return res.body as { id: string; title: string };
  };
  const fetchNow = (agent: request.Agent, sourceId: string) =>
    agent.post(`/api/feed-sources/${sourceId}/fetch`).expect(200);

  it('imports each RSS item once as a draft pack with its title, summary, link and image', async () => {
    const { org, agent } = await curatorOf('Rss');
    const feed = blog.newFeed('rss-basic', { title: 'Company &amp; blog' });
    blog.post(feed, 'first', { title: 'Spring launch', image: '/img/spring.png' });
    blog.post(feed, 'second', {
      title: 'Summer news',
      body: '<p>Hot</p><script>alert(1)</script><p>days</p>',
    });

    const source = await addSource(agent, blog.url('rss-basic'));
    expect(source).toMatchObject({ title: 'Company & blog', lastStatus: null, itemsImported: 0 });
    expect(await packsOf(org.id)).toEqual([]);

    const first = await fetchNow(agent, source.id);
    expect(first.body).toMatchObject({
      status: 'ok',
      imported: 2,
      errorCode: null,
      source: { id: source.id, lastStatus: 'ok', itemsImported: 2, lastErrorCode: null },
    });
    const packs = await packsOf(org.id);
    expect(packs).toEqual([
      expect.objectContaining({
        title: 'Spring launch',
        summary: 'Body of first & more',
        destination_url: 'https://blog.example.com/posts/first',
        status: 'draft',
        origin: 'feed',
        media_ids: [expect.any(String)],
      }),
      // The script is gone; the packs service keeps a summary on one line.
      expect.objectContaining({ title: 'Summer news', summary: 'Hot days', media_ids: [] }),
    ]);
    const [asset] = await server.dataSource.query(
      'SELECT organisation_id, kind, content_type, bytes, width, height FROM media_assets WHERE id = $1',
      [packs[0]!.media_ids[0]],
    );
    expect(asset).toEqual({
      organisation_id: org.id,
      kind: 'image',
      content_type: 'image/png',
      bytes: IMAGE.length,
      width: 4,
      height: 3,
    });
    expect(await feedItemsOf(source.id)).toEqual([
      { guid: 'first', pack_id: packs[0]!.id },
      { guid: 'second', pack_id: packs[1]!.id },
    ]);

    // Unchanged: the server answers 304 to the ETag, and nothing is imported.
    const again = await fetchNow(agent, source.id);
    expect(again.body).toMatchObject({ status: 'not_modified', imported: 0, source: { itemsImported: 2 } });
    expect(feed.requests.at(-1)?.['if-none-match']).toBe(`"v${feed.version}"`);

    // A new post later: only it is imported.
    blog.post(feed, 'third', { title: 'Autumn' });
    const later = await fetchNow(agent, source.id);
    expect(later.body).toMatchObject({ status: 'ok', imported: 1, source: { itemsImported: 3 } });
    expect((await packsOf(org.id)).map((p) => p.title)).toEqual(['Spring launch', 'Summer news', 'Autumn']);

    // Read in full again (validators gone): still nothing twice.
    await server.dataSource.query('UPDATE feed_sources SET etag = NULL WHERE id = $1', [source.id]);
    const full = await fetchNow(agent, source.id);
    expect(full.body).toMatchObject({ status: 'ok', imported: 0 });
    expect(await packsOf(org.id)).toHaveLength(3);

    const audit = await server.dataSource.query(
      `SELECT action FROM audit_events WHERE organisation_id = $1 AND action LIKE 'feed_source.%' ORDER BY created_at`,
      [org.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'feed_source.created',
      'feed_source.fetched',
      'feed_source.fetched',
      'feed_source.fetched',
      'feed_source.fetched',
    ]);
  });

  it('imports Atom entries and honours Last-Modified', async () => {
    const { org, agent } = await curatorOf('Atom');
    const feed = blog.newFeed('atom-basic', { format: 'atom', validator: 'last-modified' });
    blog.post(feed, 'tag:blog,2026:1', {
      title: 'Atom <i>one</i>',
      link: 'posts/1',
      image: 'img/atom.png',
    });
    const source = await addSource(agent, blog.url('atom-basic'));
    expect((await fetchNow(agent, source.id)).body).toMatchObject({ status: 'ok', imported: 1 });
    expect(await packsOf(org.id)).toEqual([
      expect.objectContaining({
        title: 'Atom one',
        summary: 'Body of tag:blog,2026:1 & more',
        destination_url: `${blog.origin}/posts/1`,
        media_ids: [expect.any(String)],
      }),
    ]);
    expect((await fetchNow(agent, source.id)).body).toMatchObject({ status: 'not_modified', imported: 0 });
    expect(feed.requests.at(-1)?.['if-modified-since']).toBe(
      new Date(Date.UTC(2026, 0, 1) + feed.version * 60_000).toUTCString(),
    );
  });

  it('imports RSS 0.91 with its public DOCTYPE without reading the DTD, entities decoded once', async () => {
    const { org, agent } = await curatorOf('Rss091');
    const source = await addSource(agent, `${blog.origin}/rss-0.91.xml`);
    expect(source.title).toBe('Old & new');
    expect((await fetchNow(agent, source.id)).body).toMatchObject({ status: 'ok', imported: 1 });
    expect(await packsOf(org.id)).toEqual([
      expect.objectContaining({
        title: 'Café → open',
        summary: 'Coffee & cake',
        destination_url: `${blog.origin}/posts/cafe`,
      }),
    ]);
    expect(blog.dtdRequests).toBe(0);
  });

  it('never imports an item twice when reads run at the same time', async () => {
    const { org, agent } = await curatorOf('Concurrent');
    const feed = blog.newFeed('concurrent');
    for (let i = 1; i <= 6; i += 1) blog.post(feed, `c${i}`, { image: `/img/c${i}.png` });
    const source = await addSource(agent, blog.url('concurrent'));
    const importer = server.app.get(FeedImportService);

    const results = await Promise.all([
      agent.post(`/api/feed-sources/${source.id}/fetch`),
      agent.post(`/api/feed-sources/${source.id}/fetch`),
      importer.read(org.id, source.id),
    ]);
    const imported = [results[0].body.imported, results[1].body.imported, results[2]!.imported];
    expect(imported.reduce((a: number, b: number) => a + b, 0)).toBe(6);
    expect(await packsOf(org.id)).toHaveLength(6);
    expect(await feedItemsOf(source.id)).toHaveLength(6);
    const [{ n }] = await server.dataSource.query(
      'SELECT count(*)::int AS n FROM media_assets WHERE organisation_id = $1',
      [org.id],
    );
    expect(n).toBe(6);
    const [{ items_imported }] = await server.dataSource.query(
      'SELECT items_imported FROM feed_sources WHERE id = $1',
      [source.id],
    );
    expect(items_imported).toBe(6);
  });

  it('imports an item whose image cannot be fetched or is not an image, without the image', async () => {
    const { org, agent } = await curatorOf('Images');
    const feed = blog.newFeed('images');
    blog.post(feed, 'missing', { image: '/img/missing.png' });
    blog.post(feed, 'html', { image: '/img/not-an-image.png' });
    blog.post(feed, 'private', { image: 'http://169.254.169.254/latest/meta-data/x.png' });
    const source = await addSource(agent, blog.url('images'));
    expect((await fetchNow(agent, source.id)).body).toMatchObject({ status: 'ok', imported: 3 });
    expect((await packsOf(org.id)).map((p) => p.media_ids)).toEqual([[], [], []]);
  });

  describe('refuses a feed URL when it is added, with 400 naming `url` and nothing saved', () => {
    it.each([
      [
        'loopback without an allow-list entry',
        () => `http://127.0.0.1:${blog.unlistedPort}/feed.xml`,
        'feed.private_address',
      ],
      ['localhost by name', () => `http://localhost:${blog.port}/feeds/x.xml`, 'feed.private_address'],
      [
        'the cloud metadata address',
        () => 'http://169.254.169.254/latest/meta-data/',
        'feed.private_address',
      ],
      ['a private address', () => 'http://10.0.0.1/feed.xml', 'feed.private_address'],
      ['IPv6 loopback', () => 'http://[::1]/feed.xml', 'feed.private_address'],
      ['IPv4-mapped IPv6 loopback', () => 'http://[::ffff:127.0.0.1]/feed.xml', 'feed.private_address'],
      ['a decimal loopback', () => 'http://2130706433/feed.xml', 'feed.private_address'],
      ['an ftp URL', () => 'ftp://example.com/feed.xml', 'feed.bad_scheme'],
      ['a javascript: URL', () => 'javascript:alert(1)', 'feed.bad_scheme'],
      ['a file: URL', () => 'file:///etc/passwd', 'feed.bad_scheme'],
      ['a relative URL', () => '/feed.xml', 'feed.bad_url'],
      ['credentials in the URL', () => 'https://user:secret@example.com/feed.xml', 'feed.bad_url'],
      [
        'a redirect to a private address',
        () => `${blog.origin}/redirect-to/${encodeURIComponent('http://10.0.0.1/feed.xml')}`,
        'feed.private_address',
      ],
      [
        'a redirect to the metadata address',
        () => `${blog.origin}/redirect-to/${encodeURIComponent('http://169.254.169.254/latest/')}`,
        'feed.private_address',
      ],
      [
        'a redirect to a loopback port the allow-list does not name',
        () => `${blog.origin}/redirect-to/${encodeURIComponent(`http://127.0.0.1:${blog.unlistedPort}/`)}`,
        'feed.private_address',
      ],
      [
        'a redirect to another scheme',
        () => `${blog.origin}/redirect-to/${encodeURIComponent('file:///etc/passwd')}`,
        'feed.bad_scheme',
      ],
      ['too many redirects', () => `${blog.origin}/loop/0`, 'feed.too_many_redirects'],
      ['a feed that is too large', () => `${blog.origin}/broken/big`, 'feed.too_large'],
      ['a feed that is too slow', () => `${blog.origin}/broken/slow`, 'feed.timeout'],
      ['an HTML page', () => `${blog.origin}/broken/html`, 'feed.not_a_feed'],
      ['XML with a DOCTYPE and an external entity', () => `${blog.origin}/broken/doctype`, 'feed.unsafe_xml'],
      ['XML with nested entities (billion laughs)', () => `${blog.origin}/laughs.xml`, 'feed.unsafe_xml'],
      ['a server error', () => `${blog.origin}/broken/status`, 'feed.http_status'],
      ['a missing page', () => `${blog.origin}/nothing-here.xml`, 'feed.http_status'],
    ])('%s', async (_, url, code) => {
      const { org, agent } = await curatorOf('Refused');
      const started = Date.now();
      const res = await agent.post('/api/feed-sources').send({ url: url() });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code, errors: [{ field: 'url', code, message: expect.any(String) }] });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3_000);
      // `ctx.newOrg()` made one switched-off source; nothing more.
      const [{ sources }] = await server.dataSource.query(
        'SELECT count(*)::int AS sources FROM feed_sources WHERE organisation_id = $1',
        [org.id],
      );
      expect(sources).toBe(1);
      const [{ events }] = await server.dataSource.query(
        `SELECT count(*)::int AS events FROM audit_events WHERE organisation_id = $1 AND action LIKE 'feed_source.%'`,
        [org.id],
      );
      expect(events).toBe(0);
      expect(await packsOf(org.id)).toEqual([]);
    });

    it.each([
      ['an empty URL', { url: '' }, 'url'],
      ['a URL over 2048 characters', { url: `https://example.com/${'a'.repeat(2040)}` }, 'url'],
      ['a URL that is not a string', { url: 42 }, 'url'],
      ['no URL', {}, 'url'],
      ['an empty title', { url: 'https://example.com/feed.xml', title: ' ' }, 'title'],
      ['a title with a bidi override', { url: 'https://example.com/feed.xml', title: 'a\u202eb' }, 'title'],
      ['a non-boolean enabled', { url: 'https://example.com/feed.xml', enabled: 'yes' }, 'enabled'],
    ])('%s', async (_, body, field) => {
      const { agent } = await curatorOf('Invalid');
      const res = await agent.post('/api/feed-sources').send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  it('records a failed read on the source (code and detail) and imports nothing, then recovers', async () => {
    const { org, agent } = await curatorOf('Recorded');
    const feed = blog.newFeed('recorded');
    blog.post(feed, 'r1');
    const source = await addSource(agent, blog.url('recorded'));
    const cases: [Breakage, string][] = [
      ['big', 'feed.too_large'],
      ['slow', 'feed.timeout'],
      ['html', 'feed.not_a_feed'],
      ['doctype', 'feed.unsafe_xml'],
      ['redirect-private', 'feed.private_address'],
      ['status', 'feed.http_status'],
    ];
    for (const [breakage, code] of cases) {
      feed.broken = breakage;
      const res = await fetchNow(agent, source.id);
      expect(res.body).toMatchObject({
        status: 'error',
        imported: 0,
        errorCode: code,
        errorDetail: expect.any(String),
        source: { lastStatus: 'error', lastErrorCode: code, itemsImported: 0 },
      });
    }
    expect(await packsOf(org.id)).toEqual([]);
    const list = await agent.get('/api/feed-sources').expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: source.id, lastStatus: 'error', lastErrorCode: 'feed.http_status' }),
    );

    feed.broken = undefined;
    expect((await fetchNow(agent, source.id)).body).toMatchObject({
      status: 'ok',
      imported: 1,
      source: { lastStatus: 'ok', lastErrorCode: null, lastErrorDetail: null },
    });
  });

  it('refuses the same feed twice in one organisation, but not in another', async () => {
    const { agent } = await curatorOf('Twice');
    blog.newFeed('twice');
    await addSource(agent, blog.url('twice'));
    const again = await agent.post('/api/feed-sources').send({ url: blog.url('twice') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('feed.source_exists');
    const other = await curatorOf('Twice elsewhere');
    await addSource(other.agent, blog.url('twice'));
  });

  it('keeps each organisation to its own sources', async () => {
    const own = await curatorOf('Own feeds');
    const other = await curatorOf('Other feeds');
    blog.newFeed('scoped');
    const source = await addSource(own.agent, blog.url('scoped'));
    for (const call of [
      other.agent.post(`/api/feed-sources/${source.id}/fetch`),
      other.agent.patch(`/api/feed-sources/${source.id}`).send({ enabled: false }),
      other.agent.delete(`/api/feed-sources/${source.id}`),
    ]) {
      const res = await call;
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('feed.source_not_found');
    }
    const ids = async (agent: request.Agent) =>
      ((await agent.get('/api/feed-sources').expect(200)).body.items as { id: string }[]).map((s) => s.id);
    expect(await ids(other.agent)).not.toContain(source.id);
    expect(await ids(own.agent)).toContain(source.id);
  });

  it('renames, switches off and removes a source; the drafts it imported stay', async () => {
    const { org, admin } = await ctx.newOrg('Manage');
    const agent = await ctx.signIn(admin);
    const feed = blog.newFeed('manage');
    blog.post(feed, 'm1');
    const source = await addSource(agent, blog.url('manage'));
    await fetchNow(agent, source.id);
    const renamed = await agent
      .patch(`/api/feed-sources/${source.id}`)
      .send({ title: '  Our blog ', enabled: true })
      .expect(200);
    expect(renamed.body).toMatchObject({ title: 'Our blog', enabled: true });
    await agent.delete(`/api/feed-sources/${source.id}`).expect(204);
    const left = (await agent.get('/api/feed-sources').expect(200)).body.items as { id: string }[];
    expect(left.map((s) => s.id)).not.toContain(source.id);
    expect(await feedItemsOf(source.id)).toEqual([]);
    expect(await packsOf(org.id)).toHaveLength(1);
    await agent.post(`/api/feed-sources/${source.id}/fetch`).expect(404);
  });

  it('pages the list with a cursor', async () => {
    const { org, curator, agent } = await curatorOf('Paging');
    await server.dataSource.query(
      `INSERT INTO feed_sources (organisation_id, url, title, created_by_id)
       SELECT $1, 'https://example.com/feed-' || n || '.xml', 'Feed ' || n, $2 FROM generate_series(1, 5) n`,
      [org.id, curator.id],
    );
    // Five and the one `ctx.newOrg()` made.
    const first = await agent.get('/api/feed-sources').query({ limit: 4 }).expect(200);
    expect(first.body.items).toHaveLength(4);
    const second = await agent
      .get('/api/feed-sources')
      .query({ limit: 4, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(6);
    const bad = await agent.get('/api/feed-sources').query({ cursor: 'bm90LWEtY3Vyc29y' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('seeds the demo organisation one source, switched off, once', async () => {
    const { org } = await ctx.newOrg('Demo-like');
    await seedDemoFeeds(server.dataSource.manager, org.id);
    await seedDemoFeeds(server.dataSource.manager, org.id);
    const rows = await server.dataSource.query(
      'SELECT url, enabled, last_status FROM feed_sources WHERE organisation_id = $1 AND url = $2',
      [org.id, DEMO_FEED_URL],
    );
    expect(rows).toEqual([{ url: DEMO_FEED_URL, enabled: false, last_status: null }]);
  });
});

describe('feed import by the workers', () => {
  const blog = new Blog();
  let dataDir: string;

  beforeAll(async () => {
    await blog.start();
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-feeds-workers-'));
  });
  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: { DATA_DIR: dataDir, FEED_FETCH_ALLOWED_HOSTS: `127.0.0.1:${blog.port}` },
  }));
  afterAll(async () => {
    await blog.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const packCount = async (organisationId: string) =>
    (
      await server.dataSource.query(
        `SELECT count(*)::int AS n FROM packs WHERE organisation_id = $1 AND origin = 'feed'`,
        [organisationId],
      )
    )[0].n as number;

  it('imports a new source’s items right after it is added, and the poll reads enabled sources once per interval', async () => {
    const { org, curator } = await ctx.newOrg('Worker');
    const agent = await ctx.signIn(curator);
    const feed = blog.newFeed('worker');
    blog.post(feed, 'w1');
    blog.post(feed, 'w2');
    const created = await agent
      .post('/api/feed-sources')
      .send({ url: blog.url('worker') })
      .expect(201);
    expect(
      await eventually(
        () => packCount(org.id),
        (n) => n === 2,
      ),
    ).toBe(2);

    const off = blog.newFeed('worker-off');
    blog.post(off, 'never');
    const disabled = await agent
      .post('/api/feed-sources')
      .send({ url: blog.url('worker-off'), enabled: false })
      .expect(201);

    blog.post(feed, 'w3');
    const before = feed.requests.length;
    const offBefore = off.requests.length;
    const queue = server.app.get<Queue>(getQueueToken(QueueName.Feeds));
    // Two polls in the same interval (as from two schedulers) queue one read per source.
    await queue.add(POLL_FEEDS_JOB, {});
    await queue.add(POLL_FEEDS_JOB, {});
    expect(
      await eventually(
        () => packCount(org.id),
        (n) => n === 3,
      ),
    ).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(feed.requests.length - before).toBe(1);
    expect(off.requests.length).toBe(offBefore);
    // Not last_status: another suite's server may poll this source meanwhile and record its refusal.
    const [source] = await server.dataSource.query('SELECT items_imported FROM feed_sources WHERE id = $1', [
      created.body.id,
    ]);
    expect(source).toEqual({ items_imported: 3 });
    const [never] = await server.dataSource.query('SELECT last_status FROM feed_sources WHERE id = $1', [
      disabled.body.id,
    ]);
    expect(never.last_status).toBeNull();
  });
});
