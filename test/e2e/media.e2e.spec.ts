import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import request from 'supertest';
import { MediaService } from '../../apps/api/src/modules/media/media.service';
import { TEST_PASSWORD } from '../support/context';
import { useTestServer } from '../support/use-test-server';

// ---- Tiny but structurally valid files, built from bytes ------------------------------------

const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u16be = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

/** An RGB PNG of the given size; `padding` adds a text chunk to make it larger. */
function png(width: number, height: number, padding = 0): Buffer {
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  const rows = Buffer.alloc((width * 3 + 1) * height, 0x7f);
  for (let y = 0; y < height; y += 1) rows[y * (width * 3 + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(padding ? [pngChunk('tEXt', Buffer.from(`Comment\0${'x'.repeat(padding)}`, 'latin1'))] : []),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The classic 1x1 transparent GIF, with another logical screen size written in. */
function gif(width = 1, height = 1): Buffer {
  const bytes = Buffer.from(
    '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
    'hex',
  );
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

/** SOI, a JFIF APP0, a baseline SOF0 frame header, a scan header, some entropy bytes, EOI. */
function jpeg(width: number, height: number): Buffer {
  const segment = (marker: number, body: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker]), u16be(body.length + 2), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('4a46494600010100000100010000', 'hex')),
    segment(
      0xc0,
      Buffer.concat([Buffer.from([8]), u16be(height), u16be(width), Buffer.from([1, 1, 0x11, 0])]),
    ),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function riff(chunk: string, payload: Buffer): Buffer {
  const padded = payload.length % 2 ? Buffer.concat([payload, Buffer.alloc(1)]) : payload;
  const body = Buffer.concat([Buffer.from('WEBP'), Buffer.from(chunk), u32le(payload.length), padded]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
}

/** A lossless WebP header (VP8L): signature byte, then 14-bit width-1 and height-1. */
function webpLossless(width: number, height: number): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return riff('VP8L', Buffer.concat([Buffer.from([0x2f]), u32le(bits), Buffer.alloc(8)]));
}

/** An extended WebP (VP8X) with its canvas size as 24-bit width-1 and height-1. */
function webpExtended(width: number, height: number): Buffer {
  const payload = Buffer.alloc(10);
  payload.writeUIntLE(width - 1, 4, 3);
  payload.writeUIntLE(height - 1, 7, 3);
  return riff('VP8X', payload);
}

function box(type: string, body: Buffer): Buffer {
  return Buffer.concat([u32be(8 + body.length), Buffer.from(type, 'latin1'), body]);
}

function isoMedia(brand: string, mdatBytes = 16): Buffer {
  return Buffer.concat([
    box('ftyp', Buffer.concat([Buffer.from(brand, 'latin1'), u32be(0x200), Buffer.from('isommp41')])),
    box('moov', box('mvhd', Buffer.alloc(100))),
    box('mdat', Buffer.alloc(mdatBytes, 1)),
  ]);
}

/** An EBML header (DocType webm) followed by the start of a Segment of unknown size. */
function webm(docType = 'webm'): Buffer {
  const element = (id: number[], body: Buffer) =>
    Buffer.concat([Buffer.from(id), Buffer.from([0x80 | body.length]), body]);
  const header = Buffer.concat([
    element([0x42, 0x86], Buffer.from([1])),
    element([0x42, 0x82], Buffer.from(docType)),
    element([0x42, 0x87], Buffer.from([4])),
  ]);
  return Buffer.concat([
    element([0x1a, 0x45, 0xdf, 0xa3], header),
    Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    Buffer.alloc(32, 2),
  ]);
}

// ---- The tests ------------------------------------------------------------------------------

// http: an https origin would mark the session cookies Secure, which the test's plain HTTP agent drops.
const PUBLIC_URL = 'http://media.heimo.test';

describe('media', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-media-'));
  });
  // Its afterAll closes the server before the one below removes the directory.
  const { server, ctx } = useTestServer(() => ({ workers: false, env: { DATA_DIR: dataDir, PUBLIC_URL } }));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const storedFiles = (dir = dataDir) => {
    const root = join(dir, 'media');
    try {
      return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    } catch {
      return 0;
    }
  };
  const assetCount = async (organisationId: string) =>
    (
      await server.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM media_assets WHERE organisation_id = $1',
        [organisationId],
      )
    )[0]!.n;

  async function curatorOf(name: string) {
    const fixture = await ctx.newOrg(name);
    return { ...fixture, agent: await ctx.signIn(fixture.curator) };
  }

  const upload = (agent: request.Agent, data: Buffer, filename: string, contentType?: string) =>
    agent.post('/api/media').attach('file', data, contentType ? { filename, contentType } : filename);

  function expectFileProblem(res: request.Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
    expect(res.body.errors).toEqual([{ field: 'file', code, message: expect.any(String) }]);
  }

  it.each([
    ['a PNG', png(3, 2), 'photo.png', 'image/png', 3, 2],
    ['a GIF', gif(1, 1), 'dot.gif', 'image/gif', 1, 1],
    ['a JPEG (SOF0)', jpeg(640, 480), 'camera.jpg', 'image/jpeg', 640, 480],
    ['a lossless WebP (VP8L)', webpLossless(300, 200), 'pic.webp', 'image/webp', 300, 200],
    ['an extended WebP (VP8X)', webpExtended(4000, 3000), 'big.webp', 'image/webp', 4000, 3000],
  ])('uploads %s, reading its type and size from the bytes', async (_, data, name, type, width, height) => {
    const { agent, curator } = await curatorOf('Images');
    const res = await upload(agent, data, name);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      kind: 'image',
      contentType: type,
      bytes: data.length,
      width,
      height,
      originalName: name,
      altText: '',
      // Relative: the web client shows it from whatever address it was opened on.
      url: `/media/${res.body.id}`,
      createdById: curator.id,
      createdAt: expect.any(String),
    });
    const again = await agent.get(`/api/media/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
  });

  it.each([
    ['an MP4', isoMedia('isom'), 'clip.mp4', 'video/mp4'],
    ['a QuickTime movie', isoMedia('qt  '), 'clip.mov', 'video/quicktime'],
    ['a WebM', webm(), 'clip.webm', 'video/webm'],
  ])('uploads %s as video without dimensions', async (_, data, name, type) => {
    const { agent } = await curatorOf('Video');
    const res = await upload(agent, data, name);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'video', contentType: type, width: null, height: null });
  });

  it('trusts the bytes over the declared type and name', async () => {
    const { agent } = await curatorOf('Declared');
    const res = await upload(agent, png(5, 7), 'notes.txt', 'text/plain');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', contentType: 'image/png', width: 5, height: 7 });
  });

  it('keeps a UTF-8 file name for display, without its path, and a random storage key', async () => {
    const { agent } = await curatorOf('Names');
    const res = await upload(agent, png(1, 1), '../../kesä ☀.png');
    expect(res.status).toBe(201);
    expect(res.body.originalName).toBe('kesä ☀.png');
    const [row] = await server.dataSource.query<{ storage_key: string }[]>(
      'SELECT storage_key FROM media_assets WHERE id = $1',
      [res.body.id],
    );
    expect(row!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
  });

  it.each([
    ['HTML named .png', Buffer.from('<!doctype html><script>alert(1)</script>'), 'evil.png', 'image/png'],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'a.svg',
      'image/svg+xml',
    ],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF'), 'a.pdf', 'application/pdf'],
    ['plain text', Buffer.from('just some words'), 'a.jpg', 'image/jpeg'],
    [
      'a HEIC image (ftyp, not video)',
      box('ftyp', Buffer.from('heic\0\0\0\0mif1heic')),
      'a.mp4',
      'video/mp4',
    ],
    ['a Matroska (not WebM) file', webm('matroska'), 'a.webm', 'video/webm'],
  ])('refuses %s with 415 naming the file', async (_, data, name, type) => {
    const { agent, org } = await curatorOf('Refused');
    const res = await upload(agent, data, name, type);
    expectFileProblem(res, 415, 'media.unsupported_type');
    expect(await assetCount(org.id)).toBe(0);
  });

  it.each([
    ['a PNG cut short', png(4, 4).subarray(0, 40)],
    ['a PNG without IEND', png(4, 4).subarray(0, png(4, 4).length - 12)],
    ['a JPEG cut before its end', jpeg(10, 10).subarray(0, jpeg(10, 10).length - 4)],
    ['a JPEG without a frame header', Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')],
    ['a GIF without its trailer', gif().subarray(0, gif().length - 1)],
    ['a WebP shorter than its RIFF size', webpLossless(2, 2).subarray(0, 28)],
    ['a GIF of width 0', gif(0, 1)],
    ['an MP4 whose box runs past the end', isoMedia('mp42').subarray(0, 60)],
    ['an MP4 without a movie box', box('ftyp', Buffer.from('isom\0\0\0\0isom'))],
  ])('refuses %s with 400 media.file_corrupt', async (_, data) => {
    const { agent, org } = await curatorOf('Corrupt');
    const res = await upload(agent, data, 'upload.bin');
    expectFileProblem(res, 400, 'media.file_corrupt');
    expect(await assetCount(org.id)).toBe(0);
  });

  it('answers 400 naming the file when there is none, or it is empty, or sent under another name', async () => {
    const { agent, org } = await curatorOf('Missing');
    expectFileProblem(await agent.post('/api/media').send({}), 400, 'media.file_missing');
    expectFileProblem(await agent.post('/api/media').field('file', 'not a file'), 400, 'media.file_missing');
    expectFileProblem(await upload(agent, Buffer.alloc(0), 'empty.png'), 400, 'media.file_empty');
    expectFileProblem(
      await agent.post('/api/media').attach('image', png(1, 1), 'a.png'),
      400,
      'media.upload_malformed',
    );
    expectFileProblem(
      await agent.post('/api/media').attach('file', png(1, 1), 'a.png').attach('file', png(1, 1), 'b.png'),
      400,
      'media.upload_malformed',
    );
    const broken = await agent
      .post('/api/media')
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc');
    expectFileProblem(broken, 400, 'media.upload_malformed');
    expect(await assetCount(org.id)).toBe(0);
  });

  it('refuses an unknown form field like an unknown JSON field', async () => {
    const { agent, org } = await curatorOf('Fields');
    const res = await agent.post('/api/media').field('surprise', '1').attach('file', png(1, 1), 'a.png');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'surprise', code: 'validation.unknown_field' }),
    ]);
    expect(await assetCount(org.id)).toBe(0);
  });

  it('serves the bytes publicly with the stored type, caching headers and an ETag', async () => {
    const { agent } = await curatorOf('Serve');
    const data = png(16, 9, 200);
    const created = await upload(agent, data, 'served.png', 'application/octet-stream');
    const path = `/media/${created.body.id}`;
    expect(created.body.url).toBe(path);

    const res = await request(server.baseUrl)
      .get(path)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, data)).toBe(0);
    expect(res.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(data.length),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      etag: `"${created.body.id}"`,
    });

    const cached = await request(server.baseUrl)
      .get(path)
      .set('If-None-Match', `W/"other", ${res.headers.etag}`);
    expect(cached.status).toBe(304);
    expect(cached.text ?? '').toBe('');
    const stale = await request(server.baseUrl).get(path).set('If-None-Match', '"something-else"');
    expect(stale.status).toBe(200);
    expect((await request(server.baseUrl).head(path)).headers['content-length']).toBe(String(data.length));
  });

  it('takes an upload larger than the JSON body limit (multipart is not read by the JSON parser)', async () => {
    const { agent } = await curatorOf('Large');
    const data = png(2, 2, 1_500_000);
    expect(data.length).toBeGreaterThan(1_048_576);
    const res = await upload(agent, data, 'large.png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', bytes: data.length });
  });

  it('documents the public route outside /api and the API routes under it', async () => {
    const document = (await request(server.baseUrl).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/media/{mediaId}'] ?? {})).toEqual(['get']);
    expect(Object.keys(document.paths['/api/media/{mediaId}'] ?? {})).toEqual(['get', 'patch']);
    expect(Object.keys(document.paths['/api/media'] ?? {})).toEqual(['post']);
  });

  it.each([
    ['an unknown id', '/media/7d0c2c1e-8a5b-4c1f-9d2e-2b7a3f4e5d6c'],
    ['a malformed id', '/media/not-a-uuid'],
    ['a path-like id', '/media/..%2F..%2Fetc%2Fpasswd'],
  ])('answers 404 problem+json on the public route for %s', async (_, path) => {
    const res = await request(server.baseUrl).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('media.not_found');
  });

  it('keeps the metadata route to the caller’s organisation', async () => {
    const own = await curatorOf('Own media');
    const other = await curatorOf('Other media');
    const theirs = await upload(other.agent, gif(), 'theirs.gif');
    expect(theirs.status).toBe(201);
    const res = await own.agent.get(`/api/media/${theirs.body.id}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('media.not_found');
    const admin = await ctx.signIn(own.admin);
    expect((await admin.get(`/api/media/${theirs.body.id}`)).status).toBe(404);
    const advocate = await ctx.signIn(own.advocate);
    expect((await advocate.post('/api/media').attach('file', png(1, 1), 'a.png')).status).toBe(403);
    expect(await assetCount(own.org.id)).toBe(0);
  });

  it('keeps a curator’s description of a picture, tidied, with an audit event', async () => {
    const { agent, org, curator } = await curatorOf('Describe');
    const created = await upload(agent, png(4, 3), 'tulips.png');
    const res = await agent
      .patch(`/api/media/${created.body.id}`)
      .send({ altText: '  Red tulips\u200b in a\nfield, blue   sky ' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...created.body, altText: 'Red tulips in a field, blue sky' });
    expect((await agent.get(`/api/media/${created.body.id}`)).body.altText).toBe(
      'Red tulips in a field, blue sky',
    );
    const admin = await ctx.signIn((await ctx.newOrg('Unrelated')).admin);
    expect((await admin.patch(`/api/media/${created.body.id}`).send({ altText: 'Mine' })).status).toBe(404);
    const events = await server.dataSource.query(
      `SELECT actor_member_id, target_id, details FROM audit_events
        WHERE organisation_id = $1 AND action = 'media.described'`,
      [org.id],
    );
    expect(events).toEqual([
      { actor_member_id: curator.id, target_id: created.body.id, details: { characters: 31 } },
    ]);
  });

  it.each([
    ['too long', { altText: 'a'.repeat(1001) }, 'altText', 'media.alt_text_too_long'],
    ['missing', {}, 'altText', 'validation.failed'],
    ['not text', { altText: 42 }, 'altText', 'validation.failed'],
  ])('answers 400 naming altText when the description is %s', async (_, body, field, code) => {
    const { agent } = await curatorOf('Describe badly');
    const created = await upload(agent, png(2, 2), 'a.png');
    const res = await agent.patch(`/api/media/${created.body.id}`).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    expect(res.body.code).toBe(code);
    expect((await agent.get(`/api/media/${created.body.id}`)).body.altText).toBe('');
  });

  it('records an audit event for an upload', async () => {
    const { agent, org, curator } = await curatorOf('Audit');
    const res = await upload(agent, jpeg(2, 2), 'a.jpg');
    const events = await server.dataSource.query(
      `SELECT actor_member_id, target_type, target_id, details FROM audit_events
        WHERE organisation_id = $1 AND action = 'media.uploaded'`,
      [org.id],
    );
    expect(events).toEqual([
      {
        actor_member_id: curator.id,
        target_type: 'media_asset',
        target_id: res.body.id,
        details: { kind: 'image', contentType: 'image/jpeg', bytes: jpeg(2, 2).length },
      },
    ]);
  });

  it('stores for other modules through MediaService and finds only the organisation’s own', async () => {
    const media = server.app.get(MediaService);
    const { org } = await ctx.newOrg('Service');
    const other = await ctx.newOrg('Service other');
    const first = await media.store(null, {
      organisationId: org.id,
      createdById: null,
      data: gif(),
      originalName: 'feed.gif',
    });
    const second = await media.store(null, {
      organisationId: org.id,
      createdById: null,
      data: png(2, 2),
      originalName: 'b.png',
    });
    const foreign = await media.store(null, {
      organisationId: other.org.id,
      createdById: null,
      data: png(1, 1),
      originalName: 'c.png',
    });
    expect(first).toMatchObject({
      kind: 'image',
      contentType: 'image/gif',
      width: 1,
      height: 1,
      createdById: null,
    });
    const found = await media.findInOrganisation(org.id, [
      second.id,
      'nonsense',
      foreign.id,
      first.id,
      second.id,
    ]);
    expect(found.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(media.publicUrl(first)).toBe(`${PUBLIC_URL}/media/${first.id}`);
    await expect(
      media.store(null, {
        organisationId: org.id,
        createdById: null,
        data: Buffer.from('<svg/>'),
        originalName: 'x.svg',
      }),
    ).rejects.toMatchObject({ status: 415, code: 'media.unsupported_type' });
  });

  it('writes nothing for a refused upload and leaves no temporary file behind', async () => {
    const { agent } = await curatorOf('Nothing');
    const before = storedFiles();
    await upload(agent, Buffer.from('<html></html>'), 'x.png');
    await upload(agent, png(2, 2).subarray(0, 30), 'x.png');
    expect(storedFiles()).toBe(before);
    await upload(agent, png(2, 2), 'x.png');
    expect(storedFiles()).toBe(before + 1);
  });

  describe('with small limits', () => {
    let smallDir: string;

    beforeAll(() => {
      smallDir = mkdtempSync(join(tmpdir(), 'heimo-media-small-'));
    });
    const { server: small, ctx: smallCtx } = useTestServer(() => ({
      workers: false,
      env: { DATA_DIR: smallDir, MEDIA_MAX_IMAGE_BYTES: '2048', MEDIA_MAX_VIDEO_BYTES: '4096' },
    }));
    afterAll(() => rmSync(smallDir, { recursive: true, force: true }));

    const spooled = () => {
      try {
        return readdirSync(join(smallDir, 'tmp', 'uploads'));
      } catch {
        return [];
      }
    };
    /** Polls the server's state (never a fixed wait) until `done`, for at most a few seconds. */
    async function until(done: () => boolean) {
      for (let i = 0; i < 500 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(done()).toBe(true);
    }

    async function sessionOf(member: { email: string }) {
      const res = await request(small.baseUrl)
        .post('/api/auth/login')
        .send({ email: member.email, password: TEST_PASSWORD })
        .expect(200);
      return ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
    }

    /**
     * An upload that says it has `fileLength` bytes but sends only `head`, and keeps the request
     * open: what the server answers, it answers from those bytes.
     */
    const opened: ClientRequest[] = [];
    // An upload a test left open would keep the server from closing.
    afterEach(() => opened.splice(0).forEach((req) => req.destroy()));

    function openUpload(cookie: string, head: Buffer, fileLength: number) {
      const boundary = 'heimo-test-boundary';
      const start = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      );
      const end = Buffer.from(`\r\n--${boundary}--\r\n`);
      const req: ClientRequest = httpRequest(`${small.baseUrl}/api/media`, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(start.length + fileLength + end.length),
        },
      });
      const response = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
        (resolve, reject) => {
          req.on('error', reject);
          req.on('response', (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          });
        },
      );
      opened.push(req);
      req.write(Buffer.concat([start, head]));
      return { req, response };
    }

    it('refuses an image at the first byte over its limit, without reading the rest, and keeps no file', async () => {
      const { curator } = await smallCtx.newOrg('Early');
      const image = png(2, 2, 100_000);
      const { req, response } = openUpload(await sessionOf(curator), image.subarray(0, 2049), image.length);
      const res = await response;
      req.destroy();
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers.connection).toBe('close');
      expect(JSON.parse(res.body)).toMatchObject({
        code: 'media.too_large',
        errors: [{ field: 'file', code: 'media.too_large' }],
      });
      // The refused upload's file is removed as its stream closes, which may be just after the answer.
      await until(() => spooled().length === 0);
    });

    it('lets a member have two uploads under way; a third is refused with 429 until one ends', async () => {
      const { curator } = await smallCtx.newOrg('Busy');
      const cookie = await sessionOf(curator);
      const image = png(2, 2, 1000);
      const held = [
        openUpload(cookie, image.subarray(0, 100), image.length),
        openUpload(cookie, image.subarray(0, 100), image.length),
      ];
      for (const { response } of held) response.catch(() => undefined);
      await until(() => spooled().length === 2);

      const agent = await smallCtx.signIn(curator);
      const third = await upload(agent, image, 'third.png');
      expectFileProblem(third, 429, 'media.uploads_busy');
      expect(third.headers['retry-after']).toMatch(/^\d+$/);
      // Someone else's uploads are their own.
      const other = await smallCtx.signIn((await smallCtx.newOrg('Busy other')).curator);
      expect((await upload(other, image, 'other.png')).status).toBe(201);

      // Uploads cut off mid-way leave no file behind and free their places.
      for (const { req } of held) req.destroy();
      await until(() => spooled().length === 0);
      expect((await upload(agent, image, 'fourth.png')).status).toBe(201);
    });

    it('answers 413 naming the file over the image, video or overall limit, and stores nothing', async () => {
      const { org, curator } = await smallCtx.newOrg('Limits');
      const before = storedFiles(smallDir);
      const agent = await smallCtx.signIn(curator);
      const image = png(2, 2, 2500);
      expect(image.length).toBeGreaterThan(2048);
      expect(image.length).toBeLessThan(4096);
      expectFileProblem(await upload(agent, image, 'big.png'), 413, 'media.too_large');

      const clip = isoMedia('isom', 5000);
      expectFileProblem(await upload(agent, clip, 'big.mp4'), 413, 'media.too_large');
      // Past the larger limit before the type is known, reading stops too.
      expectFileProblem(await upload(agent, png(2, 2, 100_000), 'huge.png'), 413, 'media.too_large');

      // Just under the limits is fine: a 3 KiB video, a small image.
      expect((await upload(agent, isoMedia('isom', 2500), 'ok.mp4')).status).toBe(201);
      expect((await upload(agent, png(2, 2, 1000), 'ok.png')).status).toBe(201);
      expect(
        (
          await small.dataSource.query(
            'SELECT count(*)::int AS n FROM media_assets WHERE organisation_id = $1',
            [org.id],
          )
        )[0].n,
      ).toBe(2);
      expect(storedFiles(smallDir)).toBe(before + 2);
      await until(() => spooled().length === 0);
    });
  });
});
