import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import request from 'supertest';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { TEST_PASSWORD, type TestContext } from '../support/context';
import type { TestServer } from '../support/server';
import { useTestServer } from '../support/use-test-server';

/**
 * Members with long names, so the board's CSV (about 7.5 MB) is more than the socket buffers of a
 * client that reads nothing can take (about 4 MB on loopback): such a download stays open and keeps
 * its database connection until the client reads, goes away or is cut off.
 */
const BULK = 1_500;
const NAME_LENGTH = 5_000;

/** A download whose client reads the status line and headers, then nothing more. */
interface SlowReader {
  readonly status: number;
  readonly head: string;
  readonly socket: Socket;
  /** Resolves when the connection is closed (by either side). */
  readonly closed: Promise<void>;
}

function openSlowReader(baseUrl: string, path: string, cookie: string): Promise<SlowReader> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () =>
      socket.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\n\r\n`,
      ),
    );
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      // Stop reading: what the server sends now fills the socket buffers and stays there.
      socket.off('data', onData);
      socket.pause();
      resolve({
        status: Number(head.slice(9, 12)),
        head: head.slice(0, end),
        socket,
        closed,
      });
    };
    socket.on('data', onData);
    void closed.then(() => reject(new Error(`closed before the headers: ${head}`)));
  });
}

async function cookieOf(server: TestServer, member: Pick<Member, 'email'>): Promise<string> {
  const login = await request(server.baseUrl)
    .post('/api/auth/login')
    .send({ email: member.email, password: TEST_PASSWORD })
    .expect(200);
  return (login.headers['set-cookie'] as unknown as string[])
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const poolOf = (server: TestServer) => (server.dataSource.driver as PostgresDriver).master as PoolStats;

/** Connections of the server's pool handed out now. */
const busyConnections = (server: TestServer) => poolOf(server).totalCount - poolOf(server).idleCount;

/** Waits (at most `ms`) until `check` holds; the caller's expectation then says what is wrong. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return;
}

/** An organisation whose member board is a CSV of about 7.5 MB, and five members to download it. */
async function largeBoard(ctx: TestContext) {
  const org = await ctx.newOrg('Export limits');
  await ctx.dataSource.query(
    `INSERT INTO members (organisation_id, email, name, status)
     SELECT $1, 'limits-' || g || '-' || $2 || '@example.test', 'Bulk ' || g || ' ' || repeat('x', $3::int), 'active'
       FROM generate_series(1, $4::int) g`,
    [org.org.id, randomUUID().slice(0, 8), NAME_LENGTH, BULK],
  );
  const fifth = await ctx.newMember(org.org.id, { name: 'Fifth Reader' });
  return { ...org, readers: [org.admin, org.curator, org.leader, org.advocate, fifth] };
}

describe('CSV export limits', () => {
  const { server, ctx } = useTestServer({
    workers: false,
    // Long enough that nobody is cut off by time here: the caps alone keep the pool free.
    env: { EXPORT_MAX_PER_MEMBER: '2', EXPORT_MAX_CONCURRENT: '4', EXPORT_IDLE_TIMEOUT_MS: '60000' },
  });
  let org: Awaited<ReturnType<typeof largeBoard>>;
  let cookies: string[];
  const readers: SlowReader[] = [];

  beforeAll(async () => {
    org = await largeBoard(ctx);
    cookies = await Promise.all(org.readers.map((member) => cookieOf(server, member)));
  });

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.socket.destroy();
    // Every download's slot and connection back before the next test.
    await eventually(() => busyConnections(server) === 0);
    expect(busyConnections(server)).toBe(0);
  });

  it('keeps /api/me answering while ten clients hang on their downloads', async () => {
    // Two readers for each of five members: the per-member cap lets all ten through.
    const opened = await Promise.all(
      cookies.flatMap((cookie) =>
        [0, 1].map(() => openSlowReader(server.baseUrl, '/api/leaderboards.csv', cookie)),
      ),
    );
    readers.push(...opened);
    // The served ones hold their database connections: the CSV is larger than the socket buffers.
    expect(busyConnections(server)).toBeGreaterThanOrEqual(4);

    for (let i = 0; i < 20; i++) {
      const me = await request(server.baseUrl)
        .get('/api/me')
        .set('Cookie', cookies[i % cookies.length]!)
        .timeout(3_000);
      expect(me.status).toBe(200);
    }
    // All the while the downloads hung on, each with its connection.
    expect(busyConnections(server)).toBeGreaterThanOrEqual(4);
    // Four are served; the others were told to come back (503 export.busy, with Retry-After).
    expect(opened.map((reader) => reader.status).sort()).toEqual([
      200, 200, 200, 200, 503, 503, 503, 503, 503, 503,
    ]);
    for (const reader of opened.filter((r) => r.status === 503)) {
      expect(reader.head).toMatch(/\r\nRetry-After: \d+\r\n/i);
      expect(reader.head).toMatch(/\r\nContent-Type: application\/problem\+json/i);
    }
  });

  it('answers a member’s third concurrent download with 429 and Retry-After', async () => {
    const cookie = cookies[0]!;
    const hanging = await Promise.all(
      [0, 1].map(() => openSlowReader(server.baseUrl, '/api/leaderboards.csv', cookie)),
    );
    readers.push(...hanging);
    expect(hanging.map((r) => r.status)).toEqual([200, 200]);

    const third = await request(server.baseUrl).get('/api/me/shares.csv').set('Cookie', cookie);
    expect(third.status).toBe(429);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    expect(third.body).toMatchObject({ status: 429, code: 'export.too_many' });
    // Another member is not held back.
    const other = await request(server.baseUrl).get('/api/me/shares.csv').set('Cookie', cookies[1]!);
    expect(other.status).toBe(200);

    // When one download ends, the member may start another.
    hanging[0]!.socket.destroy();
    let again = 0;
    await eventually(async () => {
      again = (await request(server.baseUrl).get('/api/me/shares.csv').set('Cookie', cookie)).status;
      return again === 200;
    });
    expect(again).toBe(200);
  });
});

describe('CSV export time limits', () => {
  const { server, ctx } = useTestServer({
    workers: false,
    env: { EXPORT_IDLE_TIMEOUT_MS: '300', EXPORT_QUERY_TIMEOUT_MS: '300' },
  });
  let org: Awaited<ReturnType<typeof largeBoard>>;
  let cookie: string;

  beforeAll(async () => {
    org = await largeBoard(ctx);
    cookie = await cookieOf(server, org.advocate);
  });

  it('cuts off a client that stopped reading, and frees its database connection', async () => {
    const reader = await openSlowReader(server.baseUrl, '/api/leaderboards.csv', cookie);
    expect(reader.status).toBe(200);
    // The download waits for the reader, with its connection…
    expect(busyConnections(server)).toBe(1);
    // …until the idle time passes: then the connection is closed (whose end the paused reader
    // cannot see yet) and the database connection is back.
    await eventually(() => busyConnections(server) === 0);
    expect(busyConnections(server)).toBe(0);
    // Reading again, the client gets what was sent before the cut, and no complete download.
    let tail = '';
    reader.socket.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('latin1')).slice(-16)));
    reader.socket.resume();
    await reader.closed;
    expect(tail).not.toMatch(/\r\n0\r\n\r\n$/);
  });

  it('stops an export whose query runs past EXPORT_QUERY_TIMEOUT_MS with 503 export.timeout', async () => {
    // The board joins `teams`: while a transaction holds it, the export's statement waits.
    const locker = server.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    try {
      await locker.query(`SET LOCAL lock_timeout = '5s'`);
      await locker.query('LOCK TABLE teams IN ACCESS EXCLUSIVE MODE');
      let timer: NodeJS.Timeout | undefined;
      const res = await Promise.race([
        request(server.baseUrl)
          .get('/api/leaderboards.csv')
          .set('Cookie', cookie)
          .then((r) => r),
        new Promise<null>((r) => (timer = setTimeout(() => r(null), 10_000))),
      ]);
      clearTimeout(timer);
      expect(res?.status).toBe(503);
      expect(res!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res!.headers['retry-after']).toMatch(/^\d+$/);
      expect(res!.body).toMatchObject({ status: 503, code: 'export.timeout' });
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
    }
  });
});
