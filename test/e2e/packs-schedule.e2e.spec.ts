import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type request from 'supertest';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import { PUBLISH_PACK_JOB } from '../../apps/api/src/modules/packs/jobs/pack-schedule.job';
import { PackScheduleQueue } from '../../apps/api/src/modules/packs/jobs/pack-schedule.queue';
import { PackScheduleRunner } from '../../apps/api/src/modules/packs/jobs/pack-schedule.runner';
import { CLOCK_ONLY, passTimeTo as passQueueTimeTo } from '../support/clock';
import { TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { startTestServer, type TestServer } from '../support/server';
import { waitFor } from '../support/wait';

interface PackBody {
  id: string;
  status: string;
  version: number;
  publishAt: string | null;
  expireAt: string | null;
}

const SECOND = 1000;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * SECOND).toISOString();

// Times are minutes ahead, so real time never reaches them on a slow machine: only the test moves on.

const packBody = (schedule: { publishAt?: string; expireAt?: string } = {}) => ({
  title: 'Timed launch',
  destinationUrl: 'https://example.com/timed',
  variants: [{ network: 'linkedin', locale: 'en', captionTemplate: 'At last {{link}}' }],
  ...schedule,
});

describe('pack schedule', () => {
  const servers: TestServer[] = [];
  beforeEach(() => jest.useFakeTimers(CLOCK_ONLY));
  afterEach(() => jest.useRealTimers());
  afterAll(async () => {
    for (const server of servers) await server.close().catch(() => undefined);
  });

  const start = async (options: Parameters<typeof startTestServer>[0]) => {
    const server = await startTestServer(options);
    servers.push(server);
    return server;
  };
  const stop = async (server: TestServer) => {
    servers.splice(servers.indexOf(server), 1);
    await server.close();
  };

  const queueOf = (server: TestServer) => server.app.get<Queue>(getQueueToken(QueueName.Packs));
  /** The pack's delayed jobs as `name@time`. */
  const delayedJobs = async (server: TestServer, packId: string) =>
    (await queueOf(server).getDelayed())
      .filter((job) => job.data.packId === packId)
      .map((job) => `${job.name}@${new Date(job.data.at as number).toISOString()}`)
      .sort();
  /** The pack's jobs that could still run: waiting, running or delayed. */
  const pendingJobs = async (server: TestServer, packId: string) =>
    (await queueOf(server).getJobs(['waiting', 'active', 'delayed', 'prioritized', 'paused']))
      .filter((job) => job.data.packId === packId)
      .map((job) => job.name);
  const passTimeTo = (server: TestServer, at: string | number) => passQueueTimeTo(queueOf(server), at);
  const packRow = (server: TestServer, id: string) =>
    server.dataSource.getRepository(Pack).findOneByOrFail({ id });
  const history = async (server: TestServer, packId: string) =>
    (await server.dataSource.query(
      'SELECT "from", "to", action, actor_id FROM pack_transitions WHERE pack_id = $1 ORDER BY at, id',
      [packId],
    )) as { from: string | null; to: string; action: string; actor_id: string | null }[];

  /** An approved pack made through the API: one curator writes and submits, another approves. */
  const approvedPack = async (server: TestServer, schedule: { publishAt?: string; expireAt?: string }) => {
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const fixture = await ctx.newOrg('Schedule');
    const author = await ctx.signIn(fixture.curator);
    const reviewer = await ctx.signIn(await ctx.newMember(fixture.org.id, { roles: ['curator'] }));
    const act = async (agent: request.Agent, pack: PackBody, action: string) => {
      const res = await agent
        .post(`/api/packs/${pack.id}/transitions`)
        .send({ action, version: pack.version });
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
      return res.body as PackBody;
    };
    const created = await author.post('/api/packs').send(packBody(schedule));
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const pack = await act(reviewer, await act(author, created.body, 'submit'), 'approve');
    return { ...fixture, ctx, author, reviewer, pack, act };
  };

  it('publishes and expires at the set times through delayed jobs that outlive the worker that scheduled them', async () => {
    const first = await start({ workers: true });
    const publishAt = inSeconds(300);
    const expireAt = inSeconds(320);
    const { pack } = await approvedPack(first, { publishAt, expireAt });
    expect(pack).toMatchObject({ status: 'approved', publishAt, expireAt });
    expect(await delayedJobs(first, pack.id)).toEqual([
      `expire-pack@${expireAt}`,
      `publish-pack@${publishAt}`,
    ]);

    // The process that scheduled the jobs goes away before they are due; a new one takes over.
    const prefix = first.redisPrefix;
    await stop(first);
    const second = await start({ workers: true, env: { REDIS_PREFIX: prefix } });

    await passTimeTo(second, publishAt);
    const published = await waitFor(
      () => packRow(second, pack.id),
      (row) => row.status !== 'approved',
    );
    expect(published.status).toBe('published');
    expect(published.publishedAt!.getTime()).toBeGreaterThanOrEqual(new Date(publishAt).getTime() - 1000);
    await passTimeTo(second, expireAt);
    const expired = await waitFor(
      () => packRow(second, pack.id),
      (row) => row.status !== 'published',
    );
    expect(expired.status).toBe('expired');
    expect(Date.now()).toBeGreaterThanOrEqual(new Date(expireAt).getTime() - 1000);
    expect((await history(second, pack.id)).slice(-2)).toEqual([
      { from: 'approved', to: 'published', action: 'publish', actor_id: null },
      { from: 'published', to: 'expired', action: 'expire', actor_id: null },
    ]);
    const audit = await second.dataSource.query(
      `SELECT details->>'action' AS action, actor_member_id FROM audit_events
        WHERE target_id = $1 AND details->>'by' = 'scheduler' ORDER BY created_at`,
      [pack.id],
    );
    expect(audit).toEqual([
      { action: 'publish', actor_member_id: null },
      { action: 'expire', actor_member_id: null },
    ]);
    expect(await delayedJobs(second, pack.id)).toEqual([]);
  });

  it('runs a timed publish once with two workers on the same queue', async () => {
    const one = await start({ workers: true });
    const two = await start({ workers: true, env: { REDIS_PREFIX: one.redisPrefix } });
    const publishAt = inSeconds(300);
    const { org, pack } = await approvedPack(one, { publishAt });
    // The second replica schedules the same thing: still one job.
    await two.app
      .get(PackScheduleQueue)
      .sync(org.id, pack.id, null, { status: 'approved', publishAt: new Date(publishAt), expireAt: null });
    expect(await delayedJobs(two, pack.id)).toEqual([`publish-pack@${publishAt}`]);

    await passTimeTo(one, publishAt);
    await waitFor(
      () => packRow(one, pack.id),
      (row) => row.status === 'published',
    );
    // No copy is left in the queue to publish it a second time later.
    expect(await pendingJobs(one, pack.id)).toEqual([]);
    expect((await history(one, pack.id)).filter((row) => row.action === 'publish')).toHaveLength(1);

    // Both workers running the same due job at once: one publishes, the other finds nothing to do.
    const other = await newPack(one.dataSource, org.id, {
      status: 'approved',
      publishAt: new Date(Date.now() - SECOND),
    });
    const payload = { organisationId: org.id, packId: other.id, at: other.publishAt!.getTime() };
    const results = await Promise.all([
      one.app.get(PackScheduleRunner).runScheduled(PUBLISH_PACK_JOB, payload, 'direct-1'),
      two.app.get(PackScheduleRunner).runScheduled(PUBLISH_PACK_JOB, payload, 'direct-2'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await history(one, other.id)).map((row) => row.action)).toEqual(['create', 'publish']);
    await stop(two);
    await stop(one);
  });

  it('moves the job when the time moves, cancels it when the time is cleared, and a job left behind does nothing', async () => {
    const server = await start({ workers: true });
    const soon = inSeconds(300);
    const { author, pack, org } = await approvedPack(server, { publishAt: soon });
    expect(await delayedJobs(server, pack.id)).toEqual([`publish-pack@${soon}`]);

    const later = inSeconds(3600);
    const moved = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: pack.version, publishAt: later });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'approved', publishAt: later });
    expect(await delayedJobs(server, pack.id)).toEqual([`publish-pack@${later}`]);

    // The old time passes: nothing happens. A copy of the old job (say, one whose removal was lost)
    // finds the pack scheduled otherwise and leaves it.
    await passTimeTo(server, new Date(soon).getTime() + 1500);
    expect((await packRow(server, pack.id)).status).toBe('approved');
    const stale = { organisationId: org.id, packId: pack.id, at: new Date(soon).getTime() };
    expect(await server.app.get(PackScheduleRunner).runScheduled(PUBLISH_PACK_JOB, stale, 'stale')).toBe(
      false,
    );
    expect((await packRow(server, pack.id)).status).toBe('approved');

    const expireAt = inSeconds(7200);
    const withExpiry = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: moved.body.version, expireAt });
    expect(await delayedJobs(server, pack.id)).toEqual([`expire-pack@${expireAt}`, `publish-pack@${later}`]);
    const cleared = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: withExpiry.body.version, publishAt: null, expireAt: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ status: 'approved', publishAt: null, expireAt: null });
    expect(await delayedJobs(server, pack.id)).toEqual([]);
    await stop(server);
  });

  it('keeps an approved pack with a later publish time approved, and publishes it now on request, dropping its job', async () => {
    const server = await start({ workers: true });
    const publishAt = inSeconds(3600);
    const { reviewer, pack, act } = await approvedPack(server, { publishAt });
    expect(pack.status).toBe('approved');
    expect(await delayedJobs(server, pack.id)).toEqual([`publish-pack@${publishAt}`]);
    const published = await act(reviewer, pack, 'publish');
    expect(published.status).toBe('published');
    expect(await delayedJobs(server, pack.id)).toEqual([]);

    // Editing the content of an approved pack also drops its publish job until it is approved again.
    const { author, pack: second, reviewer: secondReviewer } = await approvedPack(server, { publishAt });
    const edited = await author
      .patch(`/api/packs/${second.id}`)
      .send({ version: second.version, summary: 'Changed' });
    expect(edited.body.status).toBe('in_review');
    expect(await delayedJobs(server, second.id)).toEqual([]);
    await act(secondReviewer, edited.body, 'approve');
    expect(await delayedJobs(server, second.id)).toEqual([`publish-pack@${publishAt}`]);
    await stop(server);
  });

  it('sweeps overdue packs whose jobs were lost: publishes what is due and expires what has run out', async () => {
    const server = await start({ workers: false });
    const ctx = new TestContext(server.dataSource, server.baseUrl);
    const { org } = await ctx.newOrg('Sweep');
    const past = (seconds: number) => new Date(Date.now() - seconds * SECOND);
    const due = await newPack(server.dataSource, org.id, { status: 'approved', publishAt: past(30) });
    const runOut = await newPack(server.dataSource, org.id, { status: 'published', expireAt: past(5) });
    const tooLate = await newPack(server.dataSource, org.id, {
      status: 'approved',
      publishAt: past(60),
      expireAt: past(10),
    });
    const notYet = await newPack(server.dataSource, org.id, {
      status: 'approved',
      publishAt: new Date(Date.now() + 3600 * SECOND),
    });
    const draft = await newPack(server.dataSource, org.id, { status: 'draft', publishAt: past(30) });

    await server.app.get(PackScheduleRunner).sweep();
    const status = async (id: string) => (await packRow(server, id)).status;
    expect(await status(due.id)).toBe('published');
    expect(await status(runOut.id)).toBe('expired');
    expect(await status(tooLate.id)).toBe('expired');
    expect(await status(notYet.id)).toBe('approved');
    expect(await status(draft.id)).toBe('draft');
    expect((await history(server, due.id)).at(-1)).toEqual({
      from: 'approved',
      to: 'published',
      action: 'publish',
      actor_id: null,
    });
    // A second sweep finds nothing left to do with them.
    const before = await server.dataSource.query(
      'SELECT count(*)::int AS n FROM pack_transitions WHERE organisation_id = $1',
      [org.id],
    );
    await server.app.get(PackScheduleRunner).sweep();
    expect(
      await server.dataSource.query(
        'SELECT count(*)::int AS n FROM pack_transitions WHERE organisation_id = $1',
        [org.id],
      ),
    ).toEqual(before);
    await stop(server);
  });
});
