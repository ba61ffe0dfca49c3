import { randomBytes, randomInt } from 'node:crypto';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/api/src/data-source';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { redisOptionsFromUrl } from '../../apps/api/src/infra/queue/redis-options';
import { LARGE_ORGANISATION } from '../../apps/api/src/modules/insights/board-cache';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { type BuiltProcess, startBuiltApi, startBuiltWorker } from '../support/built-processes';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import { runDatabaseUrl, runRedisPrefix, testRedisUrl } from '../support/test-env';
import { waitFor } from '../support/wait';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const LOGIN_LIMIT = 3;
const LOCKOUT_FAILURES = 3;

/** A client address of its own (the API trusts X-Forwarded-For from loopback), so counters never mix. */
const newAddress = () => `198.51.${randomInt(0, 255)}.${randomInt(1, 255)}`;

/**
 * Scale-out as deployed: two API processes (RUN_WORKERS=false) and one worker process, all started
 * from the build (`dist/`) as children, on this run's PostgreSQL database and one Redis prefix of
 * their own. Whatever one API did, the other and the worker see; nothing counts twice.
 */
describe('scale-out: two APIs and a worker on one database and Redis', () => {
  const redisPrefix = `${runRedisPrefix()}_scale_${randomBytes(3).toString('hex')}`;
  const shared = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: runDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: redisPrefix,
    // Every process signs and checks the same tokens, and keys the account lockout alike.
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    SEED_DEMO: 'false',
    NOTIFICATION_TICK_SECONDS: '0',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    RATE_LIMIT_LOGIN: String(LOGIN_LIMIT),
    LOGIN_LOCKOUT_FAILURES: String(LOCKOUT_FAILURES),
    LOGIN_LOCKOUT_SECONDS: '900',
  };
  const children: BuiltProcess[] = [];
  let a: BuiltProcess;
  let b: BuiltProcess;
  let dataSource: DataSource;
  let ctx: TestContext;
  let packsQueue: Queue;

  beforeAll(async () => {
    dataSource = createDataSource({ url: runDatabaseUrl() });
    packsQueue = new Queue(QueueName.Packs, {
      connection: redisOptionsFromUrl(testRedisUrl()),
      prefix: redisPrefix,
    });
    const started = await Promise.allSettled([
      startBuiltApi('api-a', { ...shared, RUN_WORKERS: 'false' }),
      startBuiltApi('api-b', { ...shared, RUN_WORKERS: 'false' }),
      startBuiltWorker('worker', shared),
      dataSource.initialize(),
    ]);
    for (const outcome of started.slice(0, 3))
      if (outcome.status === 'fulfilled') children.push(outcome.value as BuiltProcess);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    [a, b] = children as [BuiltProcess, BuiltProcess];
    ctx = new TestContext(dataSource, a.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await packsQueue?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  /** Signs in through `api` from an address of its own; the session then works on every API. */
  const signIn = async (api: BuiltProcess, member: Pick<Member, 'email'>) => {
    const res = await request(api.baseUrl)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newAddress())
      .send({ email: member.email, password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in through ${api.name}: ${res.status} ${res.text}`);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = cookies.map((line) => line.split(';')[0]).join('; ');
    const on = (server: BuiltProcess) => ({
      get: (path: string) => request(server.baseUrl).get(path).set('Cookie', cookie),
      post: (path: string) => request(server.baseUrl).post(path).set('Cookie', cookie),
      put: (path: string) => request(server.baseUrl).put(path).set('Cookie', cookie),
      patch: (path: string) => request(server.baseUrl).patch(path).set('Cookie', cookie),
    });
    return { on };
  };

  it('holds a rate limit reached through one API on the other', async () => {
    const address = newAddress();
    const attempt = (api: BuiltProcess, from = address) =>
      request(api.baseUrl).post('/api/auth/login').set('X-Forwarded-For', from).send({});
    // The window's attempts spread over both APIs: one limit, counted once.
    expect((await attempt(a)).status).toBe(400);
    expect((await attempt(b)).status).toBe(400);
    expect((await attempt(a)).status).toBe(400);
    for (const api of [b, a]) {
      const res = await attempt(api);
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('rate_limited');
    }
    expect((await attempt(b, newAddress())).status).toBe(400);

    // An account's failed sign-ins through both lock it on both (the HMAC key is the same).
    const { advocate } = await ctx.newOrg('Lockout');
    const guess = (api: BuiltProcess, password: string) =>
      request(api.baseUrl)
        .post('/api/auth/login')
        .set('X-Forwarded-For', newAddress())
        .send({ email: advocate.email, password });
    expect((await guess(a, 'wrong one')).status).toBe(401);
    expect((await guess(b, 'wrong two')).status).toBe(401);
    expect((await guess(a, 'wrong three')).status).toBe(401);
    for (const api of [b, a]) {
      const locked = await guess(api, TEST_PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body.detail).toMatch(/this account/);
    }
  });

  it('publishes a scheduled pack once, in the worker, after another API moved its time', async () => {
    const { org, curator } = await ctx.newOrg('Schedule');
    const reviewer = await ctx.newMember(org.id, { roles: ['curator'] });
    const author = await signIn(a, curator);
    const approver = await signIn(b, reviewer);
    const created = await author
      .on(a)
      .post('/api/packs')
      .send({
        title: 'Timed launch',
        destinationUrl: 'https://example.com/timed',
        variants: [{ network: 'linkedin', locale: 'en', captionTemplate: 'At last {{link}}' }],
        publishAt: new Date(Date.now() + 600_000).toISOString(),
      });
    expect(created.status).toBe(201);
    const packId = created.body.id as string;
    const submitted = await author
      .on(a)
      .post(`/api/packs/${packId}/transitions`)
      .send({ action: 'submit', version: created.body.version });
    expect(submitted.status).toBe(200);
    const approved = await approver
      .on(b)
      .post(`/api/packs/${packId}/transitions`)
      .send({ action: 'approve', version: submitted.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    // B moves the time A scheduled to a moment away: soon enough to wait for in real time, so the
    // worker's own BullMQ timer runs the job, as deployed. (A busy machine may take longer than
    // that moment to answer; then a later one.)
    let moved: request.Response | undefined;
    for (const lead of [1_000, 3_000, 10_000]) {
      moved = await author
        .on(b)
        .patch(`/api/packs/${packId}`)
        .send({ version: approved.body.version, publishAt: new Date(Date.now() + lead).toISOString() });
      if (moved.status !== 400 || moved.body.errors?.[0]?.code !== 'pack.publish_at_past') break;
    }
    expect(moved!.status).toBe(200);
    expect(moved!.body.status).toBe('approved');

    const published = await waitFor(
      async () => (await author.on(a).get(`/api/packs/${packId}`)).body as { status: string },
      (pack) => pack.status === 'published',
    );
    expect(published.status).toBe('published');
    // Its job is done and gone, and the one for the first time too: nothing is left to run again.
    const pending = await waitFor(
      async () =>
        (await packsQueue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'paused'])).filter(
          (job) => job.data.packId === packId,
        ),
      (jobs) => jobs.length === 0,
    );
    expect(pending).toEqual([]);
    const transitions = await dataSource.query(
      `SELECT "from", "to", action, actor_id FROM pack_transitions WHERE pack_id = $1 AND action = 'publish'`,
      [packId],
    );
    expect(transitions).toEqual([{ from: 'approved', to: 'published', action: 'publish', actor_id: null }]);
    const audit = await dataSource.query(
      `SELECT details->>'action' AS action FROM audit_events
        WHERE target_id = $1 AND details->>'by' = 'scheduler'`,
      [packId],
    );
    expect(audit).toEqual([{ action: 'publish' }]);
  });

  it('counts every click through either API once', async () => {
    const { advocate, org } = await ctx.newOrg('Clicks');
    const pack = await newPack(dataSource, org.id, { status: 'published' });
    const sharer = await signIn(a, advocate);
    // Shared through B (whose redirect cache it primes); clicked through both.
    const shared = await sharer.on(b).post('/api/shares').send({ packId: pack.id, network: 'linkedin' });
    expect(shared.status).toBe(201);
    const code = shared.body.code as string;

    const perApi = 10;
    for (const api of [a, b]) {
      for (let i = 0; i < perApi; i++) {
        await request(api.baseUrl)
          .get(`/r/${code}`)
          .redirects(0)
          .set('User-Agent', CHROME)
          .set('X-Forwarded-For', newAddress())
          .expect(302);
      }
    }

    const mine = async () => {
      const res = await sharer.on(a).get('/api/me/shares');
      expect(res.status).toBe(200);
      return (res.body.items as { code: string; clicks: number }[]).find((share) => share.code === code)!;
    };
    const counted = await waitFor(mine, (share) => share.clicks >= 2 * perApi);
    expect(counted.clicks).toBe(2 * perApi);
    const [events] = await dataSource.query(
      `SELECT count(*)::int AS n FROM click_events e JOIN shares s ON s.id = e.share_id WHERE s.code = $1`,
      [code],
    );
    expect(events.n).toBe(2 * perApi);
    expect((await mine()).clicks).toBe(2 * perApi);
  });

  it('enforces a setting changed through one API on the other at once', async () => {
    const { org, admin, advocate, team } = await ctx.newOrg('Settings');
    const pack = await newPack(dataSource, org.id, {
      status: 'published',
      variants: [{ network: 'linkedin' }, { network: 'x' }],
    });
    const boss = await signIn(a, admin);
    const sharer = await signIn(b, advocate);
    // The networks B's feed offers for the pack (B reads the settings for every feed it serves).
    const offered = async () => {
      const feed = await sharer.on(b).get('/api/feed');
      expect(feed.status).toBe(200);
      const item = (feed.body.items as { packId: string; variants: { network: string }[] }[]).find(
        (candidate) => candidate.packId === pack.id,
      );
      return item?.variants.map((variant) => variant.network).sort() ?? [];
    };
    expect(await offered()).toEqual(['linkedin', 'x']);
    expect(await offered()).toEqual(['linkedin', 'x']);

    // Networks: LinkedIn switched off through A is no longer offered by B's feed, and refused through B.
    const loaded = (await boss.on(a).get('/api/organisation/settings')).body;
    const saved = await boss
      .on(a)
      .put('/api/organisation/settings')
      .send({
        version: loaded.version,
        name: loaded.name,
        timezone: loaded.timezone,
        defaultLocale: loaded.defaultLocale,
        settings: { ...loaded.settings, enabledNetworks: ['x'] },
      });
    expect(saved.status).toBe(200);
    expect(await offered()).toEqual(['x']);
    const refused = await sharer.on(b).post('/api/shares').send({ packId: pack.id, network: 'linkedin' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('share.network_disabled');

    // Deactivation through A ends the member's session on B.
    const leaving = await ctx.newMember(org.id, { teamId: team.id });
    const theirs = await signIn(b, leaving);
    expect((await theirs.on(b).get('/api/me')).status).toBe(200);
    const person = (await boss.on(a).get(`/api/people/${leaving.id}`)).body;
    expect(
      (
        await boss
          .on(a)
          .patch(`/api/people/${leaving.id}`)
          .send({ version: person.version, status: 'deactivated' })
      ).status,
    ).toBe(200);
    expect((await theirs.on(b).get('/api/me')).status).toBe(401);
  });

  it('hides a member who opts out through one API from the other’s boards and cached dashboard at once', async () => {
    const { org, advocate, leader } = await ctx.newOrg('Large');
    // A large organisation: its boards and dashboards are kept in each process's memory.
    await dataSource.query(
      `INSERT INTO members (organisation_id, email, name, roles, kind, status, locale)
       SELECT $1, 'bulk-' || n || '-' || $2 || '@example.test', 'Bulk ' || n, '{advocate}', 'employee', 'active', 'en'
         FROM generate_series(1, $3::int) AS n`,
      [org.id, randomBytes(4).toString('hex'), LARGE_ORGANISATION],
    );
    const pack = await newPack(dataSource, org.id, { status: 'published' });
    await newShare(dataSource, advocate, pack); // the only points: the advocate leads
    const shy = await signIn(a, advocate);
    const watcher = await signIn(b, leader);
    const leaders = async () => {
      const board = await watcher.on(b).get('/api/leaderboards');
      const dashboard = await watcher.on(b).get('/api/insights/dashboard');
      expect([board.status, dashboard.status]).toEqual([200, 200]);
      type Entry = { name: string | null; anonymous: boolean; points: number };
      return { board: board.body.entries[0] as Entry, dashboard: dashboard.body.topAdvocates[0] as Entry };
    };
    const before = await leaders();
    expect(before.board).toMatchObject({ name: advocate.name, anonymous: false, points: 10 });
    expect(before.dashboard).toMatchObject({ name: advocate.name, anonymous: false, points: 10 });
    // Member boards are read from the period rollups each time; the dashboard is kept in B's memory.
    const cachedAt = (await watcher.on(b).get('/api/insights/dashboard')).body.asOf;
    expect(cachedAt).toBeDefined();
    expect(cachedAt).toBe((await watcher.on(b).get('/api/insights/dashboard')).body.asOf);

    expect((await shy.on(a).put('/api/me/leaderboard-preference').send({ optOut: true })).status).toBe(200);
    const after = await leaders();
    expect(after.board).toMatchObject({ name: null, anonymous: true, points: 10 });
    expect(after.dashboard).toMatchObject({ name: null, anonymous: true, points: 10 });
  });
});
