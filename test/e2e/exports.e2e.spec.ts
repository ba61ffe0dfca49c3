import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { NetworkId } from '@heimo/domain';
import request from 'supertest';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { LeaderboardsRepository } from '../../apps/api/src/modules/insights/leaderboards.repository';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { mergeSettings } from '../../apps/api/src/modules/organisations/organisation-settings.defaults';
import { ClickIngestor } from '../../apps/api/src/modules/sharing/clicks/click-ingestor';
import type { ClickMessage } from '../../apps/api/src/modules/sharing/clicks/click-message';
import { recountDailyStats } from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { TEST_PASSWORD, TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { useTestServer } from '../support/use-test-server';
import { newShare } from '../support/shares';
import { readCsv } from '../support/csv';

const BOARD_HEADER = 'rank,position,name,team,shares,reach,clicks,unique_clicks,points';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","win")';

interface Entry {
  rank: number;
  position: number;
  memberId: string | null;
  name: string | null;
  teamId: string | null;
  anonymous: boolean;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
}

/** RFC 4180 read back (CRLF records, quoted fields), after the byte-order mark. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const { records, rest } = readCsv(text);
  expect(rest).toBe(''); // the text ends with a complete record
  return records;
}

/** A download as text (supertest buffers unknown types only when told to). */
async function download(agent: request.Agent, path: string, query: Record<string, string> = {}) {
  const res = await agent
    .get(path)
    .query(query)
    .buffer(true)
    .parse((response, callback) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => callback(null, text));
    });
  if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
  return { text: res.body as string, headers: res.headers };
}

/** A member board entry as the CSV writes it: the caller's view of the JSON board. */
function asCsvRow(entry: Entry, teamNames: ReadonlyMap<string, string>, escape = (s: string) => s): string[] {
  return [
    entry.rank,
    entry.position,
    entry.anonymous ? 'anonymous advocate' : escape(entry.name!),
    // An opted-out member's team is not shown; a member in no team is said to be in none.
    entry.anonymous ? '' : entry.teamId ? teamNames.get(entry.teamId)! : 'No team',
    entry.shares,
    entry.reach,
    entry.clicks,
    entry.uniqueClicks,
    entry.points,
  ].map(String);
}

const formulaEscape = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('CSV exports', () => {
  const { server, ctx } = useTestServer({
    workers: false,
    // Downloads broken off one after another: a slot freed a moment after its client left must not
    // refuse the next (the limits have their own suite, export-limits.e2e.spec.ts).
    env: { EXPORT_MAX_PER_MEMBER: '100', EXPORT_MAX_CONCURRENT: '8' },
  });

  /** An organisation with teams, ties, an opted-out member, one in no team, a fan and real clicks. */
  async function hallOfFame() {
    const fixture = await ctx.newOrg('Exports');
    const pack = await newPack(server.dataSource, fixture.org.id, {
      status: 'published',
      title: 'Launch, day 1',
    });
    const north = await ctx.newTeam(fixture.org.id, 'North, "the cold one"');
    const emptyTeam = await ctx.newTeam(fixture.org.id, 'Empty');
    const formula = await ctx.newMember(fixture.org.id, { name: FORMULA_NAME, teamId: north.id });
    const shy = await ctx.newMember(fixture.org.id, { name: 'Shy Sharer', teamId: north.id });
    const loner = await ctx.newMember(fixture.org.id, { name: 'Lone Wolf' });
    const fan = await ctx.newMember(fixture.org.id, { name: 'Fanny Fan', kind: 'fan' });
    await ctx.newMember(fixture.org.id, { name: 'Gone', status: 'deactivated' });
    const shareBy = async (
      member: Member,
      count: number,
      network: NetworkId = 'linkedin',
      audienceSize = 100,
    ) => {
      const made = [];
      for (let i = 0; i < count; i++)
        made.push(await newShare(server.dataSource, member, pack, { network, audienceSize }));
      return made;
    };
    const [popular] = await shareBy(formula, 2, 'x', 250); // 20 points, ties with shy
    await shareBy(shy, 2);
    await shareBy(loner, 1, 'facebook', 40);
    await shareBy(fan, 3, 'x', 10);
    await shareBy(fixture.advocate, 1);
    const clicks: ClickMessage[] = Array.from({ length: 4 }, (_, i) => ({
      id: randomUUID(),
      at: Date.now() - 10_000 + i,
      shareId: popular!.id,
      visitor: i < 3 ? randomUUID().replace(/-/g, '') : 'ab'.repeat(16),
      previewReason: i === 3 ? 'link_preview' : null,
      referrerHost: null,
    }));
    await server.app.get(ClickIngestor).ingest(clicks);
    await (await ctx.signIn(shy)).put('/api/me/leaderboard-preference').send({ optOut: true }).expect(200);
    const teamNames = new Map([
      [fixture.team.id, fixture.team.name],
      [north.id, north.name],
      [emptyTeam.id, emptyTeam.name],
    ]);
    return { ...fixture, north, formula, shy, loner, fan, teamNames, pack };
  }

  it('documents the downloads as text/csv in the OpenAPI document', async () => {
    const document = (await request(server.baseUrl).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    for (const path of ['/api/leaderboards.csv', '/api/leaderboards/teams.csv', '/api/me/shares.csv'])
      expect([path, Object.keys(document.paths[path]?.get?.responses['200']?.content ?? {})]).toEqual([
        path,
        ['text/csv'],
      ]);
  });

  describe('bad requests', () => {
    it.each(['/api/leaderboards.csv', '/api/leaderboards/teams.csv', '/api/me/shares.csv'])(
      '%s answers 401 without a session',
      async (path) => {
        const res = await request(server.baseUrl).get(path).expect(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('auth.unauthenticated');
      },
    );

    it.each([
      ['/api/leaderboards.csv', { limit: '10' }, 'limit'],
      ['/api/leaderboards.csv', { metric: 'likes' }, 'metric'],
      ['/api/leaderboards.csv', { period: 'decade' }, 'period'],
      ['/api/leaderboards.csv', { network: 'myspace' }, 'network'],
      ['/api/leaderboards.csv', { kind: 'robot' }, 'kind'],
      ['/api/leaderboards.csv', { team: 'not-a-uuid' }, 'team'],
      ['/api/leaderboards.csv', { team: randomUUID() }, 'team'],
      ['/api/leaderboards.csv', { sort: 'name' }, 'sort'],
      ['/api/leaderboards/teams.csv', { limit: '10' }, 'limit'],
      ['/api/leaderboards/teams.csv', { metric: 'likes' }, 'metric'],
      ['/api/leaderboards/teams.csv', { team: randomUUID() }, 'team'],
      ['/api/leaderboards/teams.csv', { period: 'decade' }, 'period'],
    ])('%s answers 400 naming the field for %j', async (path, query, field) => {
      const { advocate } = await ctx.newOrg('Bad exports');
      const res = await (await ctx.signIn(advocate)).get(path).query(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation.failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 400 team.not_found for another organisation’s team', async () => {
      const mine = await ctx.newOrg('Mine');
      const theirs = await ctx.newOrg('Theirs');
      const res = await (
        await ctx.signIn(mine.advocate)
      )
        .get('/api/leaderboards.csv')
        .query({ team: theirs.team.id })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'team', code: 'team.not_found' })]);
    });
  });

  it('writes the whole member board as the JSON board has it, anonymous rows and shared ranks included', async () => {
    const org = await hallOfFame();
    const queries: Record<string, string>[] = [
      {},
      { metric: 'shares', period: 'week' },
      { metric: 'reach', period: 'all' },
      { metric: 'clicks', period: 'quarter' },
      { network: 'x' },
      { kind: 'fan' },
      { team: org.north.id, metric: 'shares' },
    ];
    for (const caller of [org.advocate, org.shy, org.leader]) {
      const agent = await ctx.signIn(caller);
      for (const query of queries) {
        const json = await agent
          .get('/api/leaderboards')
          .query({ ...query, limit: 100 })
          .expect(200);
        const { text } = await download(agent, '/api/leaderboards.csv', query);
        const [header, ...rows] = parseCsv(text);
        const label = JSON.stringify({ caller: caller.name, query });
        expect({ label, header: header!.join(',') }).toEqual({ label, header: BOARD_HEADER });
        expect({ label, rows }).toEqual({
          label,
          rows: (json.body.entries as Entry[]).map((e) => asCsvRow(e, org.teamNames, formulaEscape)),
        });
        expect(rows).toHaveLength(json.body.total);
      }
    }

    // The default board (points, this month): ties share a rank; the opted-out member is anonymous to others.
    const { text } = await download(await ctx.signIn(org.advocate), '/api/leaderboards.csv');
    const rows = parseCsv(text).slice(1);
    // Fan 30 points; the formula-named member 20 + 3 unique clicks × 2 (the preview counts for nothing);
    // the opted-out member 20; two with 10 share rank 4. The admin, curator and leader (no advocate
    // role) are not ranked.
    expect(rows.slice(0, 3)).toEqual([
      ['1', '1', 'Fanny Fan', 'No team', '3', '30', '0', '0', '30'],
      ['2', '2', `'${FORMULA_NAME}`, 'North, "the cold one"', '2', '500', '3', '3', '26'],
      ['3', '3', 'anonymous advocate', '', '2', '200', '0', '0', '20'],
    ]);
    expect(rows.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 4]);
    for (const name of ['Ada Admin', 'Cora Curator', 'Leo Leader']) expect(text).not.toContain(name);
    expect(text).not.toContain('Shy Sharer');
    expect(text).not.toContain('Gone');
    // The formula-looking name is written behind an apostrophe (and quoted, for its quotes and comma).
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""win"")"`);
    // The opted-out member sees themself.
    const own = parseCsv((await download(await ctx.signIn(org.shy), '/api/leaderboards.csv')).text);
    expect(own.find((r) => r[2] === 'Shy Sharer')).toEqual(expect.arrayContaining(['North, "the cold one"']));

    // The figures are what the raw shares and click events say.
    const raw = await recountDailyStats(server.dataSource.manager, org.org.id);
    const pointsOf = (id: string) => raw.filter((r) => r.memberId === id).reduce((n, r) => n + r.points, 0);
    expect(rows.find((r) => r[2] === `'${FORMULA_NAME}`)![8]).toBe(String(pointsOf(org.formula.id)));
    expect(pointsOf(org.formula.id)).toBe(26);
  });

  it('writes the team board as the JSON team board has it', async () => {
    const org = await hallOfFame();
    const agent = await ctx.signIn(org.loner);
    const queries: Record<string, string>[] = [
      {},
      { metric: 'shares' },
      { kind: 'employee', network: 'linkedin' },
    ];
    for (const query of queries) {
      const json = await agent
        .get('/api/leaderboards/teams')
        .query({ ...query, limit: 100 })
        .expect(200);
      const [header, ...rows] = parseCsv((await download(agent, '/api/leaderboards/teams.csv', query)).text);
      expect(header!.join(',')).toBe(
        'rank,per_member_rank,team,members,shares,reach,clicks,unique_clicks,points,value_per_member',
      );
      expect(rows).toEqual(
        json.body.entries.map(
          (e: {
            rank: number;
            perMemberRank: number;
            name: string;
            members: number;
            valuePerMember: number;
            totals: Record<string, number>;
          }) =>
            [
              e.rank,
              e.perMemberRank,
              e.name,
              e.members,
              e.totals.shares,
              e.totals.reach,
              e.totals.clicks,
              e.totals.uniqueClicks,
              e.totals.points,
              e.valuePerMember,
            ].map(String),
        ),
      );
      expect(rows).toHaveLength(3);
    }
  });

  it('writes every share of the caller and no one else’s, newest first', async () => {
    const org = await hallOfFame();
    await server.dataSource.query(`UPDATE organisations SET settings = $2 WHERE id = $1`, [
      org.org.id,
      JSON.stringify({ points: { share: 7, uniqueClick: 3, uniqueClickCapPerShare: 100 } }),
    ]);
    const older = await newShare(server.dataSource, org.formula, org.pack, {
      createdAt: new Date(Date.now() - 400 * 86_400_000),
      network: 'facebook',
    });
    const agent = await ctx.signIn(org.formula);
    const listed = (await agent.get('/api/me/shares').query({ limit: 100 }).expect(200)).body.items as {
      id: string;
      createdAt: string;
      packTitle: string;
      network: string;
      audienceSize: number;
      clicks: number;
      uniqueClicks: number;
      trackedUrl: string;
    }[];
    expect(listed).toHaveLength(3);
    const { text } = await download(agent, '/api/me/shares.csv');
    const [header, ...rows] = parseCsv(text);
    expect(header!.join(',')).toBe(
      'created_at,pack,network,reach,clicks,unique_clicks,points,tracked_url,' +
        'verification,post_url,post_deleted,likes,reposts,replies,quotes,engagement',
    );
    const [{ settings }] = (await server.dataSource.query(
      'SELECT settings FROM organisations WHERE id = $1',
      [org.org.id],
    )) as { settings: unknown }[];
    const points = mergeSettings(settings).points;
    // The popular share's 3 unique clicks were counted under the rules of their time (2 points each).
    const clickPoints = await server.dataSource.query(
      `SELECT id, click_points AS "clickPoints" FROM shares WHERE member_id = $1`,
      [org.formula.id],
    );
    const clickPointsOf = new Map(
      (clickPoints as { id: string; clickPoints: number }[]).map((r) => [r.id, r.clickPoints]),
    );
    expect([...clickPointsOf.values()].sort()).toEqual([0, 0, 6]);
    expect(rows).toEqual(
      listed.map((s) => [
        s.createdAt,
        s.packTitle,
        s.network,
        String(s.audienceSize),
        String(s.clicks),
        String(s.uniqueClicks),
        String(points.share + clickPointsOf.get(s.id)!),
        s.trackedUrl,
        // No connected account here: no verification, no engagement (connected-metrics.e2e.spec.ts has them).
        ...Array<string>(8).fill(''),
      ]),
    );
    expect(rows.at(-1)![0]).toBe(older.createdAt.toISOString());
    expect(rows.map((r) => r[1])).toEqual(['Launch, day 1', 'Launch, day 1', 'Launch, day 1']);
    expect(text).toContain('"Launch, day 1"');
    // A member without shares gets the header alone.
    const empty = parseCsv((await download(await ctx.signIn(org.curator), '/api/me/shares.csv')).text);
    expect(empty).toHaveLength(1);
  });

  describe('a large board', () => {
    const BULK = 3_000;
    let org: Awaited<ReturnType<TestContext['newOrg']>>;

    beforeAll(async () => {
      org = await ctx.newOrg('Large');
      // The leader is an advocate too (so ranked), who opted out.
      await server.dataSource.query(
        `UPDATE members SET leaderboard_opt_out = true, roles = '{advocate,leader}' WHERE id = $1`,
        [org.leader.id],
      );
      const tag = randomUUID().slice(0, 8);
      await server.dataSource.query(
        `INSERT INTO members (organisation_id, email, name, status, team_id, leaderboard_opt_out)
         SELECT $1, 'bulk-' || g || '-' || $2 || '@example.test', 'Bulk ' || g, 'active',
                CASE WHEN g % 2 = 0 THEN $3::uuid END, g % 10 = 0
           FROM generate_series(1, $4::int) g`,
        [org.org.id, tag, org.team.id, BULK],
      );
      // Figures for most of them, with many ties (points 0–49), on today in the organisation's zone.
      await server.dataSource.query(
        `INSERT INTO daily_stats (organisation_id, member_id, day, network, shares, clicks, unique_clicks, previews, reach, points)
         SELECT m.organisation_id, m.id, (now() AT TIME ZONE o.timezone)::date, 'linkedin',
                1, n % 7, n % 5, 0, (n % 11) * 10, n % 50
           FROM (SELECT id, organisation_id, row_number() OVER (ORDER BY id) AS n FROM members WHERE organisation_id = $1) m
           JOIN organisations o ON o.id = m.organisation_id
          WHERE m.n % 9 <> 0`,
        [org.org.id],
      );
      // As autovacuum would soon: without statistics the planner takes the bulk rows for a handful.
      await server.dataSource.query('ANALYZE members, daily_stats');
    });

    it('streams every member in rank order, the top and each caller’s row as the JSON board has them', async () => {
      const agent = await ctx.signIn(org.advocate);
      const { text, headers } = await download(agent, '/api/leaderboards.csv');
      // Streamed: no length known in advance.
      expect(headers['transfer-encoding']).toBe('chunked');
      const [header, ...rows] = parseCsv(text);
      expect(header!.join(',')).toBe(BOARD_HEADER);
      expect(rows).toHaveLength(BULK + 2); // and ctx.newOrg()'s advocate and leader
      // Competition ranks by points, positions 1…n.
      rows.forEach((row, i) => {
        const previous = rows[i - 1];
        expect(Number(row[1])).toBe(i + 1);
        const rank = previous && previous[8] === row[8] ? Number(previous[0]) : i + 1;
        if (Number(row[0]) !== rank) throw new Error(`row ${i + 1}: rank ${row[0]}, expected ${rank}`);
        if (previous && Number(previous[8]) < Number(row[8])) throw new Error(`row ${i + 1} out of order`);
      });
      expect(rows.filter((r) => r[2] === 'anonymous advocate')).toHaveLength(BULK / 10 + 1);
      const teamNames = new Map([[org.team.id, org.team.name]]);
      const json = await agent.get('/api/leaderboards').query({ limit: 100 }).expect(200);
      expect(json.body.total).toBe(BULK + 2);
      expect(rows.slice(0, 100)).toEqual((json.body.entries as Entry[]).map((e) => asCsvRow(e, teamNames)));
      expect(rows[json.body.me.position - 1]).toEqual(asCsvRow(json.body.me, teamNames));
      // A member who opted out sees their own name on their row.
      const shyAgent = await ctx.signIn(org.leader);
      const mine = (await shyAgent.get('/api/leaderboards').query({ limit: 1 }).expect(200)).body.me as Entry;
      expect(mine.anonymous).toBe(false);
      const theirRows = parseCsv((await download(shyAgent, '/api/leaderboards.csv')).text).slice(1);
      expect(theirRows[mine.position - 1]).toEqual(asCsvRow(mine, teamNames));
      expect(theirRows.filter((r) => r[2] === 'anonymous advocate')).toHaveLength(BULK / 10);
      expect(theirRows[mine.position - 1]![2]).toBe('Leo Leader');
    }, 120_000);

    it('gives the database connection back when the client goes away mid-download', async () => {
      const pool = (server.dataSource.driver as PostgresDriver).master as {
        waitingCount: number;
      };
      const login = await request(server.baseUrl)
        .post('/api/auth/login')
        .send({ email: org.advocate.email, password: TEST_PASSWORD })
        .expect(200);
      const sessionCookie = (login.headers['set-cookie'] as unknown as string[])
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
      const url = new URL('/api/leaderboards.csv', server.baseUrl);
      // More aborted downloads than the pool has connections: a leak would leave none for the last request.
      for (let i = 0; i < 14; i++)
        await new Promise<void>((resolve, reject) => {
          const req = httpRequest(url, { headers: { cookie: sessionCookie } }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', () => undefined);
          req.end();
        });

      // Straight through the repository: a reader that stops early, and one whose signal aborts.
      const repository = server.app.get(LeaderboardsRepository);
      const filter = {
        organisationId: org.org.id,
        from: null,
        to: '2999-12-31',
        network: null,
        kind: null,
        metric: 'points' as const,
        period: 'all' as const,
        teamId: null,
      };
      for (let i = 0; i < 12; i++) {
        const rows = repository.streamBoard(filter);
        expect((await rows.next()).value).toMatchObject({ rank: 1, position: 1 });
        await rows.return(undefined);
      }
      for (let i = 0; i < 12; i++) {
        const controller = new AbortController();
        const rows = repository.streamBoard(filter, { signal: controller.signal });
        await rows.next();
        controller.abort();
        let read = 1;
        await expect(
          (async () => {
            for await (const _row of rows) read++;
          })(),
        ).rejects.toThrow('the reader went away');
        expect(read).toBeLessThan(BULK);
      }

      const isIdle = async () => {
        const [{ n }] = (await server.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND query LIKE '%rank() OVER%'`,
        )) as { n: number }[];
        return n === 0 && pool.waitingCount === 0;
      };
      for (let tries = 0; !(await isIdle()) && tries < 50; tries++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await isIdle()).toBe(true);
      // And the pool still serves: a whole download and a JSON board.
      const after = await download(await ctx.signIn(org.advocate), '/api/leaderboards.csv');
      expect(parseCsv(after.text)).toHaveLength(BULK + 3);
    }, 120_000);
  });
});
