import { randomUUID } from 'node:crypto';
import { NO_NETWORK, boardKindFor, rankLeaderboard, type NetworkId } from '@heimo/domain';
import type request from 'supertest';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { ClickIngestor } from '../../apps/api/src/modules/sharing/clicks/click-ingestor';
import type { ClickMessage } from '../../apps/api/src/modules/sharing/clicks/click-message';
import {
  recountDailyStats,
  recountPackDailyStats,
  storedDailyStats,
  storedPackDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { newPack } from '../support/packs';
import { useTestServer } from '../support/use-test-server';
import { newShare } from '../support/shares';
import { seededRandom } from '../support/random';

const DAY = 86_400_000;
const METRICS = ['points', 'reach', 'clicks', 'shares'] as const;
const PERIODS = ['week', 'month', 'quarter', 'year', 'all'] as const;
type Metric = (typeof METRICS)[number];
type Period = (typeof PERIODS)[number];

interface Entry {
  rank: number;
  position: number;
  value: number;
  memberId: string | null;
  name: string | null;
  teamId: string | null;
  anonymous: boolean;
  isCaller: boolean;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
}

interface Board {
  asOf: string;
  metric: Metric;
  period: Period;
  from: string | null;
  to: string;
  timezone: string;
  total: number;
  entries: Entry[];
  me: Entry | null;
}

describe('leaderboards', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const board = async (agent: request.Agent, query: Record<string, string | number> = {}) => {
    const res = await agent.get('/api/leaderboards').query(query);
    if (res.status !== 200) throw new Error(`${res.status}: ${res.text}`);
    return res.body as Board;
  };

  async function orgWithPack(timezone = 'Europe/Helsinki', settings: Record<string, unknown> = {}) {
    const fixture = await ctx.newOrg('Leaders');
    await server.dataSource.query('UPDATE organisations SET timezone = $2, settings = $3 WHERE id = $1', [
      fixture.org.id,
      timezone,
      JSON.stringify(settings),
    ]);
    const pack = await newPack(server.dataSource, fixture.org.id, { status: 'published' });
    const otherPack = await newPack(server.dataSource, fixture.org.id, { status: 'published' });
    const shareBy = (
      member: Pick<Member, 'id' | 'organisationId'>,
      count: number,
      options: { network?: NetworkId; audienceSize?: number; createdAt?: Date; credit?: boolean } = {},
    ) => Promise.all(Array.from({ length: count }, () => newShare(server.dataSource, member, pack, options)));
    return { ...fixture, pack, otherPack, shareBy };
  }

  it('shares ranks between ties (1, 2, 2, 4), orders ties by member id and always shows the caller', async () => {
    const { org, shareBy, leader } = await orgWithPack();
    const [a, b, c, d, caller] = await Promise.all(
      ['Anna', 'Bert', 'Cecilia', 'Dan', 'Eve'].map((name) => ctx.newMember(org.id, { name })),
    );
    const gone = await ctx.newMember(org.id, { name: 'Gone', status: 'deactivated' });
    await shareBy(a!, 3);
    await shareBy(b!, 2);
    await shareBy(c!, 2);
    await shareBy(d!, 1);
    await shareBy(gone, 5);

    const agent = await ctx.signIn(caller!);
    const top3 = await board(agent, { metric: 'points', period: 'week', limit: 3 });
    const [first, second] = [b!, c!].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(top3.entries.map((e) => [e.rank, e.position, e.memberId, e.points, e.shares])).toEqual([
      [1, 1, a!.id, 30, 3],
      [2, 2, first!.id, 20, 2],
      [2, 3, second!.id, 20, 2],
    ]);
    // Outside the top, with zeros: ranked after the four who have points, among the others with none.
    expect(top3.me).toMatchObject({ memberId: caller!.id, rank: 5, points: 0, shares: 0, isCaller: true });
    // Active advocates only: the advocate of ctx.newOrg() and the five made here; not the deactivated
    // one, nor the admin, curator and leader.
    expect(top3.total).toBe(6);
    const all = await board(agent, { metric: 'shares', period: 'all', limit: 100 });
    expect(all.entries.map((e) => e.memberId)).not.toContain(gone.id);
    expect(all.entries.map((e) => e.rank)).toEqual([1, 2, 2, 4, 5, 5]);
    expect(all.entries.filter((e) => e.isCaller)).toHaveLength(1);

    // A leader reads the same board; the default limit is 10, the default metric points.
    const byLeader = await board(await ctx.signIn(leader), { period: 'week' });
    expect(byLeader).toMatchObject({ metric: 'points', period: 'week', timezone: 'Europe/Helsinki' });
    expect(byLeader.entries.slice(0, 3).map((e) => e.memberId)).toEqual([a!.id, first!.id, second!.id]);
    // A leader without the advocate role reads the board without a place on it.
    expect(byLeader.me).toBeNull();
    expect(byLeader.total).toBe(6);
  });

  it('ranks and averages over active advocates only: one count of a team’s members everywhere', async () => {
    const { org, shareBy, admin, curator, leader, advocate } = await orgWithPack();
    const marketing = await ctx.newTeam(org.id, 'Marketing');
    const [m1, m2] = await Promise.all([
      ctx.newMember(org.id, { name: 'Mia', teamId: marketing.id }),
      ctx.newMember(org.id, { name: 'Max', teamId: marketing.id }),
    ]);
    // People in Marketing who are no advocates: a curator and a leader.
    const markCurator = await ctx.newMember(org.id, { roles: ['curator'], teamId: marketing.id });
    const markLeader = await ctx.newMember(org.id, { roles: ['leader'], teamId: marketing.id });
    await shareBy(m1, 5);
    await shareBy(m2, 3); // Marketing: 80 points over 2 advocates
    await shareBy(markCurator, 1);

    const byLeader = await ctx.signIn(leader);
    const whole = await board(byLeader, { period: 'all', limit: 100 });
    const ranked = whole.entries.map((e) => e.memberId);
    for (const person of [admin, curator, leader, markCurator, markLeader])
      expect(ranked).not.toContain(person.id);
    expect(ranked.sort()).toEqual([advocate.id, m1.id, m2.id].sort());
    expect(whole.total).toBe(3);
    expect(whole.me).toBeNull();
    // The CSV download is the same board.
    const csv = await byLeader.get('/api/leaderboards.csv').query({ period: 'all' }).expect(200);
    expect(csv.text).not.toContain('Cora Curator');
    expect(csv.text).not.toContain('Leo Leader');

    const teamBoard = async () => {
      const res = await byLeader
        .get('/api/leaderboards/teams')
        .query({ metric: 'points', period: 'all' })
        .expect(200);
      return res.body.entries as { teamId: string; name: string; members: number; valuePerMember: number }[];
    };
    const before = await teamBoard();
    expect(before.find((e) => e.teamId === marketing.id)).toMatchObject({ members: 2, valuePerMember: 40 });

    // Someone invited to Marketing (even as an advocate) is not a member yet: the average stays.
    const asAdmin = await ctx.signIn(admin);
    await asAdmin
      .post('/api/people/invitations')
      .send({
        email: `new-${randomUUID().slice(0, 8)}@example.test`,
        name: 'Nina New',
        roles: ['advocate'],
        teamId: marketing.id,
      })
      .expect(201);
    const after = await teamBoard();
    expect(after.find((e) => e.teamId === marketing.id)).toMatchObject({ members: 2, valuePerMember: 40 });
    expect((await board(byLeader, { period: 'all', limit: 100 })).total).toBe(3);

    // The Teams page counts a team's members as the team board does.
    const teamsPage = await asAdmin.get('/api/teams').expect(200);
    const pageCounts = Object.fromEntries(
      (teamsPage.body.items as { id: string; memberCount: number }[]).map((t) => [t.id, t.memberCount]),
    );
    expect(Object.fromEntries(after.map((e) => [e.teamId, e.members]))).toEqual(pageCounts);
    expect(pageCounts[marketing.id]).toBe(2);

    // The dashboard's team breakdown counts the same members.
    const dash = await byLeader.get('/api/insights/dashboard').query({ period: 'month' }).expect(200);
    expect(
      (dash.body.byTeam as { teamId: string | null; members: number }[]).find(
        (t) => t.teamId === marketing.id,
      )?.members,
    ).toBe(2);
  });

  it('ranks by reach, clicks and shares too', async () => {
    const { org, shareBy } = await orgWithPack();
    const [a, b] = await Promise.all([ctx.newMember(org.id), ctx.newMember(org.id)]);
    await shareBy(a!, 1, { audienceSize: 5000 });
    await shareBy(b!, 3, { audienceSize: 100 });
    const agent = await ctx.signIn(a!);
    expect(
      (await board(agent, { metric: 'reach', limit: 2 })).entries.map((e) => [e.memberId, e.value]),
    ).toEqual([
      [a!.id, 5000],
      [b!.id, 300],
    ]);
    expect((await board(agent, { metric: 'shares', limit: 1 })).entries[0]).toMatchObject({
      memberId: b!.id,
      value: 3,
    });
    expect((await board(agent, { metric: 'shares', limit: 1 })).me).toMatchObject({
      memberId: a!.id,
      rank: 2,
    });
  });

  it('shows a member who opted out as anonymous to others, never to themself', async () => {
    const { org, shareBy } = await orgWithPack();
    const [shy, other] = await Promise.all([ctx.newMember(org.id, { name: 'Shy' }), ctx.newMember(org.id)]);
    await shareBy(shy, 2);
    await shareBy(other, 1);
    const shyAgent = await ctx.signIn(shy);
    const otherAgent = await ctx.signIn(other);
    expect((await shyAgent.get('/api/me/leaderboard-preference').expect(200)).body).toEqual({
      optOut: false,
    });
    expect(
      (await shyAgent.put('/api/me/leaderboard-preference').send({ optOut: true }).expect(200)).body,
    ).toEqual({ optOut: true });
    expect((await shyAgent.get('/api/me/leaderboard-preference').expect(200)).body).toEqual({ optOut: true });

    const seen = await board(otherAgent);
    expect(seen.entries[0]).toMatchObject({
      rank: 1,
      memberId: null,
      name: null,
      teamId: null,
      anonymous: true,
      isCaller: false,
      points: 20,
    });
    expect(JSON.stringify(seen)).not.toContain(shy.id);
    expect(JSON.stringify(seen)).not.toContain('Shy');
    const own = await board(shyAgent);
    expect(own.entries[0]).toMatchObject({ memberId: shy.id, name: 'Shy', anonymous: false, isCaller: true });
    expect(own.me).toMatchObject({ memberId: shy.id, rank: 1, anonymous: false });

    await shyAgent.put('/api/me/leaderboard-preference').send({ optOut: false }).expect(200);
    expect((await board(otherAgent)).entries[0]).toMatchObject({ memberId: shy.id, name: 'Shy' });
    const bad = await shyAgent.put('/api/me/leaderboard-preference').send({ optOut: 'yes' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['optOut']);
  });

  it('filters by team, network and kind, and ranks teams by total and per member', async () => {
    const { org, team, advocate, shareBy } = await orgWithPack();
    const north = await ctx.newTeam(org.id, 'North');
    const empty = await ctx.newTeam(org.id, 'Empty');
    const fan = await ctx.newMember(org.id, { kind: 'fan', teamId: north.id });
    const [n1, n2] = await Promise.all([
      ctx.newMember(org.id, { teamId: north.id }),
      ctx.newMember(org.id, { teamId: north.id }),
    ]);
    await shareBy(advocate, 3, { network: 'linkedin' }); // Sales: 1 member, 30 points
    await shareBy(n1!, 2, { network: 'x' });
    await shareBy(n2!, 1, { network: 'linkedin' });
    await shareBy(fan, 1, { network: 'x' }); // North: 3 members, 40 points
    const agent = await ctx.signIn(n1!);

    const inTeam = await board(agent, { team: north.id, limit: 100 });
    expect(inTeam.total).toBe(3);
    expect(inTeam.entries.map((e) => e.memberId)).toEqual([n1!.id, ...[n2!.id, fan.id].sort()]);
    const onX = await board(agent, { network: 'x', limit: 2 });
    expect(onX.entries.map((e) => [e.memberId, e.points])).toEqual([
      [n1!.id, 20],
      [fan.id, 10],
    ]);
    const fans = await board(agent, { kind: 'fan' });
    expect(fans.total).toBe(1);
    expect(fans.entries.map((e) => e.memberId)).toEqual([fan.id]);
    // The caller is not a fan: no entry of their own on the fans' board.
    expect(fans.me).toBeNull();
    const otherTeam = await board(agent, { team: team.id });
    expect(otherTeam.me).toBeNull();
    expect(otherTeam.entries.map((e) => e.memberId)).toEqual([advocate.id]);

    const teams = await agent.get('/api/leaderboards/teams').query({ metric: 'points' }).expect(200);
    expect(
      teams.body.entries.map(
        (e: {
          name: string;
          rank: number;
          perMemberRank: number;
          members: number;
          value: number;
          valuePerMember: number;
        }) => [e.name, e.rank, e.perMemberRank, e.members, e.value, e.valuePerMember],
      ),
    ).toEqual([
      ['North', 1, 2, 3, 40, 40 / 3],
      ['Sales', 2, 1, 1, 30, 30],
      ['Empty', 3, 3, 0, 0, 0],
    ]);
    expect(teams.body.me).toMatchObject({ teamId: north.id, isCallersTeam: true, rank: 1 });
    expect(empty.id).toBe(teams.body.entries[2].teamId);
    const employeesOnX = await agent
      .get('/api/leaderboards/teams')
      .query({ metric: 'shares', network: 'x', kind: 'employee', limit: 1 })
      .expect(200);
    expect(employeesOnX.body.total).toBe(3);
    expect(employeesOnX.body.entries).toEqual([
      expect.objectContaining({ name: 'North', members: 2, value: 2, valuePerMember: 1 }),
    ]);
  });

  it('ranks a large organisation (its boards cached) by the same rules', async () => {
    const { org, shareBy, advocate } = await orgWithPack();
    await server.dataSource.query(
      `INSERT INTO members (organisation_id, email, name, status)
       SELECT $1, 'bulk-' || g || '-' || $2 || '@example.test', 'Bulk ' || g, 'active' FROM generate_series(1, 2000) g`,
      [org.id, randomUUID().slice(0, 8)],
    );
    const [a, b, c] = await Promise.all([
      ctx.newMember(org.id),
      ctx.newMember(org.id),
      ctx.newMember(org.id),
    ]);
    await shareBy(a!, 2);
    await shareBy(b!, 1);
    await shareBy(c!, 1);
    const agent = await ctx.signIn(advocate);
    const top = await board(agent, { limit: 3 });
    const [first, second] = [b!.id, c!.id].sort();
    expect(top.entries.map((e) => [e.rank, e.position, e.memberId, e.points])).toEqual([
      [1, 1, a!.id, 20],
      [2, 2, first, 10],
      [2, 3, second, 10],
    ]);
    expect(top.total).toBe(2004); // the bulk, ctx.newOrg()'s advocate and three more; not its admin, curator, leader
    expect(top.me).toMatchObject({ memberId: advocate.id, rank: 4, points: 0 });
    expect(Date.parse(top.asOf)).toBeLessThanOrEqual(Date.now());
    // An opt-out shows at once in this process (the cache forgets the organisation's boards).
    await (await ctx.signIn(a!)).put('/api/me/leaderboard-preference').send({ optOut: true }).expect(200);
    expect((await board(agent, { limit: 1 })).entries[0]).toMatchObject({ memberId: null, anonymous: true });
    const filtered = await board(agent, { limit: 2, network: 'x' });
    expect(filtered.entries.map((e) => e.points)).toEqual([0, 0]);
    expect(filtered.me).toMatchObject({ rank: 1, points: 0 });
  });

  it.each([
    [{ metric: 'likes' }, 'metric'],
    [{ period: 'decade' }, 'period'],
    [{ network: 'myspace' }, 'network'],
    [{ kind: 'robot' }, 'kind'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '10000' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ team: 'not-a-uuid' }, 'team'],
    [{ team: randomUUID() }, 'team'],
    [{ sort: 'name' }, 'sort'],
  ])('answers 400 naming the field for %j', async (query, field) => {
    const { advocate } = await ctx.newOrg('Bad filters');
    const res = await (await ctx.signIn(advocate)).get('/api/leaderboards').query(query).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 400 for a team of another organisation, and never shows other organisations’ members', async () => {
    const mine = await orgWithPack();
    const theirs = await orgWithPack();
    await theirs.shareBy(theirs.advocate, 5);
    await mine.shareBy(mine.advocate, 1);
    const agent = await ctx.signIn(mine.leader);
    const res = await agent.get('/api/leaderboards').query({ team: theirs.team.id }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'team', code: 'team.not_found' })]);
    const seen = await board(agent, { period: 'all', limit: 100 });
    expect(seen.total).toBe(1); // ctx.newOrg()'s advocate: its admin, curator and leader are not ranked
    expect(seen.entries[0]).toMatchObject({ memberId: mine.advocate.id, points: 10 });
    const theirIds = [theirs.admin, theirs.curator, theirs.leader, theirs.advocate].map((m) => m.id);
    for (const entry of seen.entries) expect(theirIds).not.toContain(entry.memberId);
    const teams = await agent.get('/api/leaderboards/teams').query({ period: 'all' }).expect(200);
    expect(teams.body.entries.map((e: { teamId: string }) => e.teamId)).toEqual([mine.team.id]);
  });

  it('counts the current period from its first local day in the organisation’s time zone', async () => {
    // Los Angeles: local periods begin at 07:00 or 08:00 UTC, so a UTC day would put both shares of
    // each pair below on the same day.
    const zone = 'America/Los_Angeles';
    const { org, shareBy, advocate } = await orgWithPack(zone);
    const [starts] = (await server.dataSource.query(
      `SELECT date_trunc('week', now() AT TIME ZONE $1) AT TIME ZONE $1 AS week,
              date_trunc('month', now() AT TIME ZONE $1) AT TIME ZONE $1 AS month,
              date_trunc('quarter', now() AT TIME ZONE $1) AT TIME ZONE $1 AS quarter,
              date_trunc('year', now() AT TIME ZONE $1) AT TIME ZONE $1 AS year,
              to_char(date_trunc('week', now() AT TIME ZONE $1), 'YYYY-MM-DD') AS "weekDay",
              to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today`,
      [zone],
    )) as { week: Date; month: Date; quarter: Date; year: Date; weekDay: string; today: string }[];
    const agent = await ctx.signIn(advocate);
    const week = await board(agent, { period: 'week', metric: 'shares' });
    expect(week).toMatchObject({ from: starts!.weekDay, to: starts!.today, timezone: zone });
    for (const period of ['week', 'month', 'quarter', 'year'] as const) {
      // A share at the period's first instant counts; one a second earlier (the local day before) does not.
      const [before, inside] = await Promise.all([ctx.newMember(org.id), ctx.newMember(org.id)]);
      const start = starts![period].getTime();
      await shareBy(before!, 1, { createdAt: new Date(start - 1000) });
      await shareBy(inside!, 1, { createdAt: new Date(start) });
      const current = await board(agent, { period, metric: 'shares', limit: 100 });
      const sharesOf = (b: Board, member: Member) => b.entries.find((e) => e.memberId === member.id)?.shares;
      expect([period, sharesOf(current, before!), sharesOf(current, inside!)]).toEqual([period, 0, 1]);
      const all = await board(agent, { period: 'all', metric: 'shares', limit: 100 });
      expect(all.from).toBeNull();
      expect([sharesOf(all, before!), sharesOf(all, inside!)]).toEqual([1, 1]);
    }
  });

  describe('exact recount', () => {
    const ZONES = ['Europe/Helsinki', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
    const NETWORKS: NetworkId[] = ['linkedin', 'x', 'facebook'];

    /** A random history through the share rollup, the real click ingest and training passes, in time order. */
    async function history(seed: number) {
      const rnd = seededRandom(seed);
      const orgs = [];
      const clicks: ClickMessage[] = [];
      const now = Date.now();
      for (let o = 0; o < 3; o++) {
        // Org 1: other points and a small click cap, shared by each (member, pack, network); org 2: one
        // credited share a day over a few days, so repeats and the daily cap both happen.
        const settings =
          o === 1
            ? { points: { share: 7, uniqueClick: 3, uniqueClickCapPerShare: 9, trainingPassed: 30 } }
            : o === 2
              ? { dailyCreditedShares: 1 }
              : {};
        const fixture = await orgWithPack(rnd.pick(ZONES), settings);
        const teams = [fixture.team, await ctx.newTeam(fixture.org.id)];
        const members: Member[] = [fixture.advocate, fixture.leader, fixture.admin, fixture.curator];
        for (let m = 0; m < 7; m++)
          members.push(
            await ctx.newMember(fixture.org.id, {
              kind: rnd.next() < 0.3 ? 'fan' : 'employee',
              teamId: rnd.next() < 0.8 ? rnd.pick(teams).id : null,
              status: m === 0 ? 'deactivated' : 'active',
            }),
          );
        // Some share more than others, some not at all, so ties and zeros both happen.
        const sharers = members.filter(() => rnd.next() < 0.8);
        const visitors = Array.from({ length: 6 }, () => randomUUID().replace(/-/g, ''));
        for (let s = 0; s < 25 && sharers.length > 0; s++) {
          const createdAt = new Date(now - rnd.int(0, o === 2 ? 2 : 120) * DAY - rnd.int(0, DAY - 1));
          // Shares decided by the credit rules; org 2's second pack lets the daily cap bite.
          const member = rnd.pick(sharers);
          const options = {
            network: rnd.pick(NETWORKS),
            audienceSize: rnd.int(0, 3) * 50,
            createdAt,
            credit: true,
          };
          const share =
            o === 2 && rnd.next() < 0.5
              ? await newShare(server.dataSource, member, fixture.otherPack, options)
              : (await fixture.shareBy(member, 1, options))[0];
          for (let c = rnd.int(0, 8); c > 0; c--) {
            const at = Math.min(now - 1000, createdAt.getTime() + rnd.int(0, 3 * DAY));
            clicks.push({
              id: randomUUID(),
              at,
              shareId: share!.id,
              visitor: rnd.pick(visitors),
              previewReason: rnd.next() < 0.15 ? 'link_preview' : null,
              referrerHost: null,
            });
          }
        }
        // Training points through the real API: some accept a policy, a few twice (the second earns nothing).
        const policy = await ctx.newTrainingModule(fixture.org.id, { kind: 'policy' });
        for (const member of members.filter((m) => m.status === 'active' && rnd.next() < 0.5)) {
          const agent = await ctx.signIn(member);
          for (let times = rnd.next() < 0.3 ? 2 : 1; times > 0; times--)
            await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 }).expect(200);
        }
        if (o === 0)
          // Large enough for the cached boards: the same figures must come out of both paths.
          await server.dataSource.query(
            `INSERT INTO members (organisation_id, email, name, status, kind, team_id)
             SELECT $1, 'bulk-' || g || '-' || $2 || '@example.test', 'Bulk ' || g, 'active',
                    CASE WHEN g % 3 = 0 THEN 'fan' ELSE 'employee' END,
                    CASE g % 4 WHEN 0 THEN $3::uuid WHEN 1 THEN $4::uuid END
               FROM generate_series(1, 2000) g`,
            [fixture.org.id, randomUUID().slice(0, 8), teams[0]!.id, teams[1]!.id],
          );
        if (o === 2) {
          const shy = members.find((m) => m.status === 'active' && m.id !== fixture.advocate.id)!;
          await (
            await ctx.signIn(shy)
          )
            .put('/api/me/leaderboard-preference')
            .send({ optOut: true })
            .expect(200);
        }
        orgs.push({ ...fixture, members, teams });
      }
      clicks.sort((x, y) => x.at - y.at);
      const ingestor = server.app.get(ClickIngestor);
      for (let i = 0; i < clicks.length; i += 40) await ingestor.ingest(clicks.slice(i, i + 40));
      // After their figures: one member changes team and another becomes a fan, which the period
      // rollups' copy of who may appear must follow.
      for (const { members, teams } of orgs) {
        const [moved, turned] = members.filter((m) => m.status === 'active').slice(-2);
        await server.dataSource.query(`UPDATE members SET team_id = $2 WHERE id = $1`, [
          moved!.id,
          teams[1]!.id,
        ]);
        await server.dataSource.query(
          `UPDATE members SET kind = CASE kind WHEN 'fan' THEN 'employee' ELSE 'fan' END WHERE id = $1`,
          [turned!.id],
        );
      }
      return { rnd, orgs };
    }

    /** The organisation's non-zero `period_stats` rows, as stored or (`rebuilt`) recomputed from `daily_stats`. */
    async function periodStats(organisationId: string, rebuilt: boolean): Promise<unknown[]> {
      // A rebuild is only looked at, never kept: the transaction is rolled back.
      const runner = server.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        if (rebuilt) await runner.query(`SELECT period_stats_rebuild($1)`, [organisationId]);
        return (await runner.query(
          `SELECT period_kind, to_char(period_start, 'YYYY-MM-DD') AS start, network, member_id, shares, clicks,
                  unique_clicks, previews, excluded_clicks, reach::float8 AS reach, points, ranked, kind, team_id
             FROM period_stats
            WHERE organisation_id = $1
              AND (shares, clicks, unique_clicks, previews, excluded_clicks, reach, points) <> (0, 0, 0, 0, 0, 0, 0)
            ORDER BY period_kind, period_start, network, member_id`,
          [organisationId],
        )) as unknown[];
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    /** The organisation's non-zero `ranked_member_counts` rows, as stored or (`rebuilt`) recounted from `members`. */
    async function memberCounts(organisationId: string, rebuilt: boolean): Promise<unknown[]> {
      const runner = server.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        if (rebuilt) await runner.query(`SELECT ranked_member_counts_rebuild($1)`, [organisationId]);
        return (await runner.query(
          `SELECT team_id, kind, members FROM ranked_member_counts
            WHERE organisation_id = $1 AND members <> 0 ORDER BY team_id, kind`,
          [organisationId],
        )) as unknown[];
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    /** The organisation's non-zero `team_period_stats` rows, as kept or (`rebuilt`) summed from `period_stats`. */
    async function teamPeriodStats(organisationId: string, rebuilt: boolean): Promise<unknown[]> {
      const runner = server.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        if (rebuilt) await runner.query(`SELECT team_period_stats_rebuild($1)`, [organisationId]);
        return (await runner.query(
          `SELECT period_kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, network, team_id, kind,
                  shares, clicks, unique_clicks, reach::float8 AS reach, points
             FROM team_period_stats
            WHERE organisation_id = $1 AND (shares, clicks, unique_clicks, reach, points) <> (0, 0, 0, 0, 0)
            ORDER BY period_kind, period_start, network, team_id, kind`,
          [organisationId],
        )) as unknown[];
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    it.each([11, 2024, 90210])(
      'equals a recomputation from raw shares, clicks and training passes (seed %i)',
      async (seed) => {
        const { rnd, orgs } = await history(seed);
        const agents = new Map<string, request.Agent>();
        const agentOf = async (member: Member) => {
          if (!agents.has(member.id)) agents.set(member.id, await ctx.signIn(member));
          return agents.get(member.id)!;
        };
        for (const { org, members, teams } of orgs) {
          // The rollups are what the raw rows say (the sharing module's recount reads shares, click_events
          // and training_completions); network-filtered figures leave the training points (NO_NETWORK) out.
          // Repeats and shares beyond the daily cap are in the history (so their rules are checked).
          const reasons = (await server.dataSource.query(
            `SELECT uncredited_reason AS reason, count(*)::int AS n FROM shares WHERE organisation_id = $1 GROUP BY 1`,
            [org.id],
          )) as { reason: string | null; n: number }[];
          expect(reasons.map((r) => r.reason)).toContain('repeat');
          if (org.id === orgs[2]!.org.id) expect(reasons.map((r) => r.reason)).toContain('daily_cap');
          const raw = await recountDailyStats(server.dataSource.manager, org.id);
          expect(await storedDailyStats(server.dataSource.manager, org.id)).toEqual(raw);
          expect(raw.some((r) => r.network === NO_NETWORK && r.points > 0)).toBe(true);
          expect(await storedPackDailyStats(server.dataSource.manager, org.id)).toEqual(
            await recountPackDailyStats(server.dataSource.manager, org.id),
          );
          // The period rollups the triggers kept equal their rebuild from the daily rollups and members.
          expect(await periodStats(org.id, false)).toEqual(await periodStats(org.id, true));
          // So do the ranked members per team and kind the triggers on members kept.
          const counts = await memberCounts(org.id, false);
          expect(counts.length).toBeGreaterThan(0);
          expect(counts).toEqual(await memberCounts(org.id, true));
          // And the team sums of the period rows the team boards read.
          const teamSums = await teamPeriodStats(org.id, false);
          expect(teamSums.length).toBeGreaterThan(0);
          expect(teamSums).toEqual(await teamPeriodStats(org.id, true));
          const [{ timezone }] = (await server.dataSource.query(
            'SELECT timezone FROM organisations WHERE id = $1',
            [org.id],
          )) as { timezone: string }[];
          const active = members.filter((m) => m.status === 'active');
          const everyone = (await server.dataSource.query(
            `SELECT id, kind, team_id AS "teamId" FROM members
              WHERE organisation_id = $1 AND status = 'active' AND 'advocate' = ANY(roles)`,
            [org.id],
          )) as Pick<Member, 'id' | 'kind' | 'teamId'>[];
          const optedOut = new Set(
            (
              (await server.dataSource.query(
                'SELECT id FROM members WHERE organisation_id = $1 AND leaderboard_opt_out',
                [org.id],
              )) as { id: string }[]
            ).map((r) => r.id),
          );
          for (let q = 0; q < 6; q++) {
            const metric = rnd.pick(METRICS);
            const period = rnd.pick(PERIODS);
            const network = rnd.next() < 0.3 ? rnd.pick(NETWORKS) : undefined;
            const kind = rnd.next() < 0.25 ? rnd.pick(['employee', 'fan'] as const) : undefined;
            const team = rnd.next() < 0.25 ? rnd.pick(teams).id : undefined;
            const limit = rnd.int(1, 12);
            const caller = rnd.pick(active);
            const [{ from, to }] = (await server.dataSource.query(
              `SELECT CASE WHEN $2 = 'all' THEN NULL ELSE to_char(date_trunc($2, now() AT TIME ZONE $1), 'YYYY-MM-DD') END AS from,
                    to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS to`,
              [timezone, period],
            )) as { from: string | null; to: string }[];
            const inWindow = raw.filter(
              (r) => (from === null || r.day >= from!) && r.day <= to! && (!network || r.network === network),
            );
            const figures = (ids: readonly string[]) => {
              const sum = { shares: 0, reach: 0, clicks: 0, uniqueClicks: 0, points: 0 };
              for (const r of inWindow.filter((row) => ids.includes(row.memberId)))
                for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += r[key];
              return sum;
            };
            // A fan sees the fans' board (the default `fanBoard`), whatever kind is asked for.
            const callerKind = everyone.find((m) => m.id === caller.id)?.kind ?? 'employee';
            const boardKind = boardKindFor(callerKind, 'fans_only', kind ?? null);
            const ranked = everyone.filter(
              (m) => (!boardKind || m.kind === boardKind) && (!team || m.teamId === team),
            );
            const expected = rankLeaderboard(
              ranked.map((m) => ({ id: m.id, score: figures([m.id])[metric], ...figures([m.id]) })),
              { top: limit, callerId: caller.id },
            );
            const shown = (row: (typeof expected.top)[number]) => {
              const anonymous = optedOut.has(row.id) && row.id !== caller.id;
              return {
                rank: row.rank,
                position: row.position,
                value: row.score,
                memberId: anonymous ? null : row.id,
                anonymous,
                isCaller: row.id === caller.id,
                shares: row.shares,
                reach: row.reach,
                clicks: row.clicks,
                uniqueClicks: row.uniqueClicks,
                points: row.points,
              };
            };
            const query = {
              metric,
              period,
              limit,
              ...(network && { network }),
              ...(kind && { kind }),
              ...(team && { team }),
            };
            const got = await board(await agentOf(caller), query);
            const label = JSON.stringify({ seed, org: org.id, query, caller: caller.id });
            expect({ label, from: got.from, to: got.to, total: got.total }).toEqual({
              label,
              from,
              to,
              total: expected.total,
            });
            expect({ label, entries: got.entries.map(({ name: _n, teamId: _t, ...e }) => e) }).toEqual({
              label,
              entries: expected.top.map(shown),
            });
            const { name: _n, teamId: _t, ...me } = got.me ?? { name: null, teamId: null };
            expect({ label, me: got.me ? me : null }).toEqual({
              label,
              me: expected.caller ? shown(expected.caller) : null,
            });

            const teamBoard = await (
              await agentOf(caller)
            )
              .get('/api/leaderboards/teams')
              .query({ metric, period, ...(network && { network }), ...(kind && { kind }) })
              .expect(200);
            for (const t of teams) {
              const ids = everyone
                .filter((m) => m.teamId === t.id && (!boardKind || m.kind === boardKind))
                .map((m) => m.id);
              const sum = figures(ids);
              const entry = teamBoard.body.entries.find((e: { teamId: string }) => e.teamId === t.id);
              expect({ label, team: t.id, entry }).toEqual({
                label,
                team: t.id,
                entry: expect.objectContaining({
                  members: ids.length,
                  value: sum[metric],
                  valuePerMember: ids.length ? sum[metric] / ids.length : 0,
                  totals: sum,
                }),
              });
            }
          }
        }
      },
      180_000,
    );
  });
});
