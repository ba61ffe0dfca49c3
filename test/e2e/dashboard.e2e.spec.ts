import { randomUUID } from 'node:crypto';
import { buildShareRedirectUrl } from '@heimo/content';
import {
  addDays,
  bucketStart,
  bucketStarts,
  earnedMediaValue,
  trainingReadiness,
  type Granularity,
  type NetworkId,
} from '@heimo/domain';
import request from 'supertest';
import { localDate } from '../../apps/api/src/modules/insights/leaderboard-window';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { mergeSettings } from '../../apps/api/src/modules/organisations/organisation-settings.defaults';
import type { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import { ClickIngestor } from '../../apps/api/src/modules/sharing/clicks/click-ingestor';
import type { ClickMessage } from '../../apps/api/src/modules/sharing/clicks/click-message';
import type { Share } from '../../apps/api/src/modules/sharing/entities/share.entity';
import { RollupService } from '../../apps/api/src/modules/sharing/rollup.service';
import { ShareCodeService } from '../../apps/api/src/modules/sharing/share-code.service';
import { TestContext } from '../support/context';
import { newPack } from '../support/packs';
import { useTestServer } from '../support/use-test-server';
import { readCsv } from '../support/csv';
import { seededRandom } from '../support/random';

const DAY = 86_400_000;
const CHROME_VISITOR = () => randomUUID().replace(/-/g, '');

interface Kpi {
  value: number | null;
  previous: number | null;
  change: number | null;
}
interface Figures {
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
}
/** Verified reach and engagement: zeros here, no connected account in these histories (test/e2e/connected-metrics.e2e.spec.ts has them). */
interface Verified {
  verifiedReach: number;
  engagement: number;
}
const NONE_VERIFIED: Verified = { verifiedReach: 0, engagement: 0 };

interface Dashboard {
  window: {
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
    timezone: string;
    granularity: Granularity;
  };
  asOf: string;
  currency: string;
  kpis: Record<
    | 'activeAdvocates'
    | 'readyMembers'
    | 'shareRate'
    | 'shares'
    | 'reach'
    | 'clicks'
    | 'uniqueClicks'
    | 'clickThroughRate'
    | 'emvMinor'
    | 'verifiedReach'
    | 'engagement',
    Kpi
  >;
  emv: { formula: string; rates: { network: string; cpmMinor: number }[] };
  series: (Figures & Verified & { start: string; emvMinor: number })[];
  byNetwork: (Figures & Verified & { network: string; emvMinor: number })[];
  byTeam: (Figures &
    Verified & { teamId: string | null; name: string | null; members: number; points: number })[];
  byLocale: (Figures & { locale: string })[];
  topPacks: (Figures & { packId: string; title: string })[];
  topAdvocates: {
    memberId: string | null;
    name: string | null;
    anonymous: boolean;
    teamId: string | null;
    points: number;
    reach: number;
    clicks: number;
    shares: number;
  }[];
}

describe('leader dashboard', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const dashboard = async (agent: request.Agent, query: Record<string, string> = {}) => {
    const res = await agent.get('/api/insights/dashboard').query(query);
    if (res.status !== 200) throw new Error(`${res.status}: ${res.text}`);
    return res.body as Dashboard;
  };

  /** A share as the share command makes it (code, redirect, the rollups in the same transaction), in a locale. */
  async function share(
    member: Pick<Member, 'id' | 'organisationId'>,
    pack: Pick<Pack, 'id' | 'slug'>,
    options: { network?: NetworkId; audienceSize?: number; createdAt?: Date; locale?: 'en' | 'fi' } = {},
  ): Promise<Share> {
    const network = options.network ?? 'linkedin';
    return server.dataSource.transaction(async (manager) => {
      const made = await new ShareCodeService().insertWithNewCode(manager, (code) => {
        const built = buildShareRedirectUrl({
          destination: 'https://example.com/',
          networkId: network,
          campaign: pack.slug,
          shareCode: code,
        });
        if (!built.ok) throw new Error(built.code);
        return {
          organisationId: member.organisationId,
          memberId: member.id,
          packId: pack.id,
          network,
          locale: options.locale ?? 'en',
          text: 'Worth a read',
          redirectUrl: built.url,
          audienceSize: options.audienceSize ?? 100,
          idempotencyKey: null,
        };
      });
      if (options.createdAt) {
        await manager.query('UPDATE shares SET created_at = $2 WHERE id = $1', [made.id, options.createdAt]);
        made.createdAt = options.createdAt;
      }
      await new RollupService().recordShare(manager, made);
      return made;
    });
  }

  const click = (shareId: string, at: number, visitor: string, preview = false): ClickMessage => ({
    id: randomUUID(),
    at,
    shareId,
    visitor,
    previewReason: preview ? 'link_preview' : null,
    referrerHost: null,
  });

  describe('bad requests', () => {
    let own: Awaited<ReturnType<TestContext['newOrg']>>;
    let leader: request.Agent;

    beforeAll(async () => {
      own = await ctx.newOrg('Dash');
      leader = await ctx.signIn(own.leader);
    });

    it('needs a session and the leader role', async () => {
      for (const path of ['/api/insights/dashboard', '/api/insights/dashboard.csv?table=series']) {
        const anonymous = await request(server.baseUrl).get(path);
        expect(anonymous.status).toBe(401);
        for (const member of [own.advocate, own.admin, own.curator]) {
          const res = await (await ctx.signIn(member)).get(path);
          expect([path, res.status, res.body.code]).toEqual([path, 403, 'auth.forbidden']);
        }
      }
    });

    it.each([
      [{ period: 'decade' }, 'period', 'validation.isIn'],
      [{ period: 'all' }, 'period', 'validation.isIn'],
      [{ from: '2026-11-05', to: '2026-11-01' }, 'from', 'validation.range_order'],
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from', 'validation.isCalendarDay'],
      [{ from: '2026-1-01', to: '2026-03-01' }, 'from', 'validation.isCalendarDay'],
      [{ from: '2026-01-01', to: 'tomorrow' }, 'to', 'validation.isCalendarDay'],
      [{ from: '2025-01-01', to: '2026-01-02' }, 'to', 'validation.range_too_long'],
      [{ from: '2026-01-01' }, 'to', 'validation.required'],
      [{ to: '2026-01-01' }, 'from', 'validation.required'],
      [{ period: 'month', from: '2026-01-01', to: '2026-01-31' }, 'period', 'validation.exclusive'],
      [{ colour: 'blue' }, 'colour', 'validation.unknown_field'],
      [{ team: 'sales' }, 'team', 'validation.isUuid'],
      [{ network: 'myspace' }, 'network', 'validation.isIn'],
      [{ kind: 'robot' }, 'kind', 'validation.isIn'],
      [{ granularity: 'month' }, 'granularity', 'validation.isIn'],
    ])('refuses %j naming %s', async (query, field, code) => {
      for (const path of ['/api/insights/dashboard', '/api/insights/dashboard.csv']) {
        const res = await leader
          .get(path)
          .query(path.endsWith('.csv') ? { ...query, table: 'series' } : query);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('validation.failed');
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
    });

    it('compares a year to date with the same days of the previous year', async () => {
      const { window } = await dashboard(leader, { period: 'year' });
      const year = Number(window.to.slice(0, 4));
      expect(window.from).toBe(`${year}-01-01`);
      // Not as many days just before (which would start in late January): 1 January to the same date.
      expect(window.previousFrom).toBe(`${year - 1}-01-01`);
      expect(window.previousTo).toBe(
        window.to.slice(5) === '02-29' ? `${year - 1}-02-28` : `${year - 1}-${window.to.slice(5)}`,
      );
    });

    it('accepts a window of 366 days (a leap year)', async () => {
      const body = await dashboard(leader, { from: '2024-01-01', to: '2024-12-31' });
      expect(body.window).toMatchObject({ from: '2024-01-01', to: '2024-12-31', granularity: 'week' });
      expect(body.window).toMatchObject({ previousFrom: '2022-12-31', previousTo: '2023-12-31' });
    });

    it('refuses a team of another organisation (400 team.not_found) and a bad CSV table', async () => {
      const other = await ctx.newOrg('Other');
      for (const team of [other.team.id, randomUUID()]) {
        const res = await leader.get('/api/insights/dashboard').query({ team });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'team', code: 'team.not_found' })]);
      }
      for (const query of [{}, { table: 'members' }]) {
        const res = await leader.get('/api/insights/dashboard.csv').query(query);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'table' })]),
        );
      }
    });
  });

  it('adds up a hand-built history: KPIs, series, breakdowns, filters and the CSV tables', async () => {
    const { org, team: sales, leader } = await ctx.newOrg('Figures');
    const module = await ctx.newTrainingModule(org.id, { requiredFor: { kinds: ['employee'], teamIds: [] } });
    await server.dataSource.query('UPDATE organisations SET settings = $2 WHERE id = $1', [
      org.id,
      JSON.stringify({
        enabledNetworks: ['linkedin', 'x', 'facebook'],
        earnedMedia: {
          currency: 'EUR',
          rates: [
            { network: 'linkedin', cpmMinor: 1500 },
            { network: 'x', cpmMinor: 1000 },
            { network: 'facebook', cpmMinor: 500 },
          ],
        },
        requiredTrainingModuleIds: [module.id],
      }),
    ]);
    const marketing = await ctx.newTeam(org.id, 'Marketing');
    const a = await ctx.newMember(org.id, { name: 'Anna', teamId: sales.id });
    const b = await ctx.newMember(org.id, { name: 'Bert', teamId: marketing.id });
    const c = await ctx.newMember(org.id, { name: 'Cecilia' });
    const f = await ctx.newMember(org.id, { name: 'Fanny Fan', kind: 'fan' });
    const gone = await ctx.newMember(org.id, { name: 'Gone', status: 'deactivated', teamId: sales.id });
    for (const member of [a, b])
      await server.dataSource.query(
        `INSERT INTO training_completions (organisation_id, member_id, module_id, kind, version, passed, completed_at)
         VALUES ($1, $2, $3, 'acceptance', 1, true, now() - interval '1 day')`,
        [org.id, member.id, module.id],
      );
    const first = await newPack(server.dataSource, org.id, { status: 'published', title: '=HYPERLINK("x")' });
    const second = await newPack(server.dataSource, org.id, {
      status: 'published',
      title: 'Second, "quoted"',
    });

    const now = Date.now();
    const zone = 'Europe/Helsinki';
    const today = localDate(new Date(now), zone);
    const window = { from: addDays(today, -6), to: today };
    // The previous window is the 7 days before; the shares are made at local noon of their day.
    const noon = (day: string) => new Date(`${day}T12:00:00+02:00`);
    const at = (daysAgo: number) => {
      const day = addDays(today, -daysAgo);
      return daysAgo === 0 ? new Date(Math.min(now - 60_000, noon(day).getTime())) : noon(day);
    };
    const a1 = await share(a, first, { audienceSize: 1000, createdAt: at(1) });
    await share(a, first, { audienceSize: 1000, createdAt: at(1) });
    await share(a, first, { network: 'x', audienceSize: 500, createdAt: at(10) });
    await share(b, second, { network: 'x', audienceSize: 300, createdAt: at(2), locale: 'fi' });
    await share(f, first, { network: 'facebook', audienceSize: 200, createdAt: at(0) });
    await share(gone, second, { audienceSize: 9999, createdAt: at(1) });
    const [v1, v2] = [CHROME_VISITOR(), CHROME_VISITOR()];
    const clickAt = a1.createdAt.getTime() + 60_000;
    await server.app
      .get(ClickIngestor)
      .ingest([
        click(a1.id, clickAt, v1),
        click(a1.id, clickAt + 1000, v1),
        click(a1.id, clickAt + 2000, v2),
        click(a1.id, clickAt + 3000, v2, true),
      ]);
    // Bert opted out: anonymous among the top advocates for other leaders.
    await server.dataSource.query('UPDATE members SET leaderboard_opt_out = true WHERE id = $1', [b.id]);

    const agent = await ctx.signIn(leader);
    const body = await dashboard(agent, window);
    expect(body.window).toEqual({
      ...window,
      previousFrom: addDays(today, -13),
      previousTo: addDays(today, -7),
      timezone: zone,
      granularity: 'day',
    });
    expect(body.currency).toBe('EUR');
    expect(Date.parse(body.asOf)).toBeGreaterThan(now - 60_000);
    const emv = (2000 * 1500 + 300 * 1000 + 200 * 500) / 1000;
    const { shareRate, ...kpis } = body.kpis;
    expect(kpis).toEqual({
      activeAdvocates: { value: 3, previous: 1, change: 2 },
      // Employees need the module: Anna and Bert passed it; the fan needs none. Aku (advocate) did not.
      readyMembers: { value: 3, previous: 3, change: 0 },
      shares: { value: 4, previous: 1, change: 3 },
      reach: { value: 2500, previous: 500, change: 4 },
      // Anna's share: three clicks of two visitors (one again within 24 h); the preview is no click.
      clicks: { value: 3, previous: 0, change: null },
      uniqueClicks: { value: 2, previous: 0, change: null },
      clickThroughRate: { value: 3 / 2500, previous: 0, change: null },
      emvMinor: { value: emv, previous: 500, change: (emv - 500) / 500 },
      verifiedReach: { value: 0, previous: 0, change: null },
      engagement: { value: 0, previous: 0, change: null },
    });
    expect(shareRate.value).toBe(1);
    expect(shareRate.previous).toBeCloseTo(1 / 3, 12);
    expect(shareRate.change).toBeCloseTo(2, 12);
    expect(body.emv.formula).toBe('Σ reach / 1000 × CPM');
    // The enabled networks' rates only.
    expect(body.emv.rates).toHaveLength(3);
    expect(body.emv.rates).toEqual(
      expect.arrayContaining([
        { network: 'linkedin', cpmMinor: 1500 },
        { network: 'x', cpmMinor: 1000 },
        { network: 'facebook', cpmMinor: 500 },
      ]),
    );
    expect(body.series.map((s) => s.start)).toEqual(bucketStarts(window, 'day'));
    expect(body.series.find((s) => s.start === addDays(today, -1))).toEqual({
      start: addDays(today, -1),
      shares: 2,
      reach: 2000,
      clicks: 3,
      uniqueClicks: 2,
      ...NONE_VERIFIED,
      emvMinor: 3000,
    });
    expect(body.series.filter((s) => s.shares === 0).length).toBe(4);
    expect(body.byNetwork).toEqual([
      {
        network: 'linkedin',
        shares: 2,
        reach: 2000,
        clicks: 3,
        uniqueClicks: 2,
        ...NONE_VERIFIED,
        emvMinor: 3000,
      },
      { network: 'x', shares: 1, reach: 300, clicks: 0, uniqueClicks: 0, ...NONE_VERIFIED, emvMinor: 300 },
      {
        network: 'facebook',
        shares: 1,
        reach: 200,
        clicks: 0,
        uniqueClicks: 0,
        ...NONE_VERIFIED,
        emvMinor: 100,
      },
    ]);
    expect(body.byTeam).toEqual([
      // Sales: Aku and Anna (the deactivated member is not counted).
      {
        teamId: sales.id,
        name: 'Sales',
        members: 2,
        shares: 2,
        reach: 2000,
        clicks: 3,
        uniqueClicks: 2,
        ...NONE_VERIFIED,
        points: 24,
      },
      {
        teamId: marketing.id,
        name: 'Marketing',
        members: 1,
        shares: 1,
        reach: 300,
        clicks: 0,
        uniqueClicks: 0,
        ...NONE_VERIFIED,
        points: 10,
      },
      // No team: Cecilia and the fan (the admin, curator and leader are no advocates: not counted).
      {
        teamId: null,
        name: null,
        members: 2,
        shares: 1,
        reach: 200,
        clicks: 0,
        uniqueClicks: 0,
        ...NONE_VERIFIED,
        points: 10,
      },
    ]);
    expect(body.byLocale).toEqual([
      { locale: 'en', shares: 3, reach: 2200, clicks: 3, uniqueClicks: 2 },
      { locale: 'fi', shares: 1, reach: 300, clicks: 0, uniqueClicks: 0 },
    ]);
    expect(body.topPacks).toEqual([
      { packId: first.id, title: '=HYPERLINK("x")', shares: 3, reach: 2200, clicks: 3, uniqueClicks: 2 },
      { packId: second.id, title: 'Second, "quoted"', shares: 1, reach: 300, clicks: 0, uniqueClicks: 0 },
    ]);
    const [tie1, tie2] = [b, f].sort((x, y) => (x.id < y.id ? -1 : 1));
    const entry = (m: Member) =>
      m.id === b.id
        ? {
            memberId: null,
            name: null,
            anonymous: true,
            teamId: null,
            points: 10,
            reach: 300,
            clicks: 0,
            shares: 1,
          }
        : {
            memberId: f.id,
            name: 'Fanny Fan',
            anonymous: false,
            teamId: null,
            points: 10,
            reach: 200,
            clicks: 0,
            shares: 1,
          };
    expect(body.topAdvocates.slice(0, 3)).toEqual([
      {
        memberId: a.id,
        name: 'Anna',
        anonymous: false,
        teamId: sales.id,
        points: 24,
        reach: 2000,
        clicks: 3,
        shares: 2,
      },
      entry(tie1!),
      entry(tie2!),
    ]);
    // Every active advocate is listed up to 10: the rest with zeros; Cecilia among them. The admin,
    // curator and leader of ctx.newOrg() are not ranked.
    expect(body.topAdvocates).toHaveLength(5);
    expect(body.topAdvocates.map((e) => e.name)).not.toEqual(
      expect.arrayContaining(['Ada Admin', 'Cora Curator', 'Leo Leader']),
    );
    expect(body.topAdvocates.map((e) => e.memberId)).toContain(c.id);
    expect(body.topAdvocates.map((e) => e.memberId)).not.toContain(gone.id);
    // Bert sees himself.
    await server.dataSource.query(`UPDATE members SET roles = '{advocate,leader}' WHERE id = $1`, [b.id]);
    const asBert = await ctx.signIn(b);
    expect((await dashboard(asBert, window)).topAdvocates).toContainEqual(
      expect.objectContaining({ memberId: b.id, name: 'Bert', anonymous: false }),
    );

    // Filters narrow everything.
    const ofTeam = await dashboard(agent, { ...window, team: marketing.id });
    expect([
      ofTeam.kpis.shares.value,
      ofTeam.kpis.activeAdvocates.value,
      ofTeam.kpis.readyMembers.value,
    ]).toEqual([1, 1, 1]);
    expect(ofTeam.byTeam.map((t) => t.teamId)).toEqual([marketing.id]);
    expect(ofTeam.byLocale.map((l) => l.locale)).toEqual(['fi']);
    expect(ofTeam.topPacks.map((p) => p.packId)).toEqual([second.id]);
    const fans = await dashboard(agent, { ...window, kind: 'fan' });
    expect([fans.kpis.shares.value, fans.kpis.reach.value, fans.kpis.readyMembers.value]).toEqual([
      1, 200, 1,
    ]);
    expect(fans.topAdvocates.map((e) => e.memberId)).toEqual([f.id]);
    const onX = await dashboard(agent, { ...window, network: 'x' });
    expect([onX.kpis.shares.value, onX.kpis.shares.previous, onX.kpis.emvMinor.value]).toEqual([1, 1, 300]);
    expect(onX.byNetwork.map((n) => n.network)).toEqual(['x']);
    // A network the organisation has not enabled is a valid filter, with zeros.
    const onReddit = await dashboard(agent, { ...window, network: 'reddit' });
    expect(onReddit.byNetwork).toEqual([
      { network: 'reddit', shares: 0, reach: 0, clicks: 0, uniqueClicks: 0, ...NONE_VERIFIED, emvMinor: 0 },
    ]);
    const weekly = await dashboard(agent, { ...window, granularity: 'week' });
    expect(weekly.series.map((s) => s.start)).toEqual(bucketStarts(window, 'week'));
    expect(weekly.series.reduce((sum, s) => sum + s.reach, 0)).toBe(2500);

    // The default: the month to date.
    const month = await dashboard(agent);
    expect(month.window).toMatchObject({ from: `${today.slice(0, 8)}01`, to: today, timezone: zone });

    // CSV: each table is the JSON's rows in the reader's terms (networks and teams by name, members in
    // no team as "No team", EMV in euros beside its currency), with the formula cell defused.
    const euros = (minor: number) => (minor / 100).toFixed(2);
    const teamNames = new Map(body.byTeam.map((r) => [r.teamId, r.name]));
    const networkNames: Record<string, string> = { linkedin: 'LinkedIn', x: 'X', facebook: 'Facebook' };
    const tables = {
      series: body.series.map((r) => [
        r.start,
        r.shares,
        r.reach,
        r.clicks,
        r.uniqueClicks,
        r.verifiedReach,
        r.engagement,
        euros(r.emvMinor),
        'EUR',
      ]),
      networks: body.byNetwork.map((r) => [
        r.network,
        networkNames[r.network]!,
        r.shares,
        r.reach,
        r.clicks,
        r.uniqueClicks,
        r.verifiedReach,
        r.engagement,
        euros(r.emvMinor),
        'EUR',
      ]),
      teams: body.byTeam.map((r) => [
        r.teamId,
        r.teamId === null ? 'No team' : r.name,
        r.members,
        r.shares,
        r.reach,
        r.clicks,
        r.uniqueClicks,
        r.verifiedReach,
        r.engagement,
        r.points,
      ]),
      locales: body.byLocale.map((r) => [r.locale, r.shares, r.reach, r.clicks, r.uniqueClicks]),
      packs: body.topPacks.map((r) => [r.packId, r.title, r.shares, r.reach, r.clicks, r.uniqueClicks]),
      advocates: body.topAdvocates.map((r) => [
        r.memberId,
        r.name,
        r.anonymous,
        r.teamId,
        r.anonymous ? null : r.teamId === null ? 'No team' : teamNames.get(r.teamId)!,
        r.points,
        r.reach,
        r.clicks,
        r.shares,
      ]),
    };
    const headers = {
      series: 'start,shares,reach,clicks,unique_clicks,verified_reach,engagement,emv,currency',
      networks: 'network_id,network,shares,reach,clicks,unique_clicks,verified_reach,engagement,emv,currency',
      teams: 'team_id,team,members,shares,reach,clicks,unique_clicks,verified_reach,engagement,points',
      locales: 'locale,shares,reach,clicks,unique_clicks',
      packs: 'pack_id,title,shares,reach,clicks,unique_clicks',
      advocates: 'member_id,name,anonymous,team_id,team,points,reach,clicks,shares',
    };
    for (const [table, rows] of Object.entries(tables)) {
      const res = await agent.get('/api/insights/dashboard.csv').query({ ...window, table });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(`heimo-dashboard-${table}-`);
      const [header, ...records] = readCsv(res.text).records;
      expect(header!.join(',')).toBe(headers[table as keyof typeof headers]);
      const expected = rows.map((row) =>
        row.map((cell) =>
          cell === null ? '' : table === 'packs' && cell === '=HYPERLINK("x")' ? `'${cell}` : String(cell),
        ),
      );
      expect([table, records]).toEqual([table, expected]);
    }
    // The figures a reader looks for are there, not only ids and cents.
    const teamsCsv = readCsv(
      (await agent.get('/api/insights/dashboard.csv').query({ ...window, table: 'teams' })).text,
    );
    expect(teamsCsv.records.map((r) => r[1])).toEqual(
      expect.arrayContaining(['Sales', 'Marketing', 'No team']),
    );
    const advocatesCsv = readCsv(
      (await agent.get('/api/insights/dashboard.csv').query({ ...window, table: 'advocates' })).text,
    );
    expect(advocatesCsv.records.find((r) => r[1] === 'Anna')?.[4]).toBe('Sales');
    expect(advocatesCsv.records.find((r) => r[1] === 'Cecilia')?.[4]).toBe('No team');
    const seriesCsv = readCsv(
      (await agent.get('/api/insights/dashboard.csv').query({ ...window, table: 'series' })).text,
    );
    expect(seriesCsv.records.slice(1).some((r) => /^\d+\.\d{2}$/.test(r[7]!) && r[7] !== '0.00')).toBe(true);
    const packsCsv = await agent.get('/api/insights/dashboard.csv').query({ ...window, table: 'packs' });
    expect(packsCsv.text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('reads period rows with daily edges as the daily rollups add up, for windows across month edges, after members move', async () => {
    const rnd = seededRandom(20261207);
    const fixture = await ctx.newOrg('Periods');
    const zone = 'Europe/Helsinki';
    await server.dataSource.query('UPDATE organisations SET timezone = $2 WHERE id = $1', [
      fixture.org.id,
      zone,
    ]);
    const teams = [fixture.team.id, (await ctx.newTeam(fixture.org.id)).id];
    // 150 members (more than the threshold read's first lists hold), some fans, some in no team.
    const members = (await server.dataSource.query(
      `INSERT INTO members (organisation_id, email, name, status, kind, team_id)
       SELECT $1, 'periods-' || g || '-' || $2 || '@example.test', 'Periods ' || g,
              CASE WHEN g % 29 = 0 THEN 'deactivated' ELSE 'active' END,
              CASE WHEN g % 4 = 0 THEN 'fan' ELSE 'employee' END,
              CASE g % 3 WHEN 0 THEN $3::uuid WHEN 1 THEN $4::uuid END
         FROM generate_series(1, 150) g RETURNING id`,
      [fixture.org.id, randomUUID().slice(0, 8), teams[0], teams[1]],
    )) as { id: string }[];
    const today = localDate(new Date(), zone);
    // Daily rollups over 130 days (training points on NO_NETWORK among them), few distinct points so
    // ties are many; written in three statements, then changed and partly deleted (the triggers keep
    // the period and dashboard rollups).
    const rows: unknown[][] = [];
    for (const { id } of members)
      for (let day = 0; day < 130; day++) {
        if (rnd.next() > 0.12) continue;
        const network = rnd.pick(['linkedin', 'x', 'facebook', '']);
        // Training points (NO_NETWORK) carry points only.
        const training = network === '';
        rows.push([
          id,
          addDays(today, -day),
          network,
          training ? 0 : rnd.int(0, 2),
          training ? 0 : rnd.int(0, 9),
          training ? 0 : rnd.int(0, 4) * 50,
          rnd.int(0, 6) * 5,
        ]);
      }
    for (let i = 0; i < 3; i++)
      await server.dataSource.query(
        `INSERT INTO daily_stats (organisation_id, member_id, day, network, shares, clicks, unique_clicks, reach, points)
         SELECT $1, (r->>0)::uuid, (r->>1)::date, r->>2, (r->>3)::int, (r->>4)::int, (r->>4)::int / 2, (r->>5)::int, (r->>6)::int
           FROM jsonb_array_elements($2::jsonb) r
         ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
            SET shares = daily_stats.shares + excluded.shares, points = daily_stats.points + excluded.points`,
        [fixture.org.id, JSON.stringify(rows.filter((_, n) => n % 3 === i))],
      );
    await server.dataSource.query(
      `UPDATE daily_stats SET points = points + 7, clicks = clicks + 1 WHERE organisation_id = $1 AND day > $2::date - 20`,
      [fixture.org.id, today],
    );
    await server.dataSource.query(
      `DELETE FROM daily_stats WHERE organisation_id = $1 AND network = 'facebook' AND day < $2::date - 90`,
      [fixture.org.id, today],
    );
    // Members change team, kind and status; one is deleted: their history moves with them.
    await server.dataSource.query(`UPDATE members SET team_id = $2 WHERE id = $1`, [
      members[3]!.id,
      teams[0],
    ]);
    await server.dataSource.query(`UPDATE members SET kind = 'fan', team_id = NULL WHERE id = $1`, [
      members[5]!.id,
    ]);
    await server.dataSource.query(`UPDATE members SET status = 'deactivated' WHERE id = $1`, [
      members[7]!.id,
    ]);
    await server.dataSource.query(`UPDATE members SET status = 'active' WHERE id = $1`, [members[28]!.id]);
    await server.dataSource.query(`UPDATE members SET roles = '{}' WHERE id = $1`, [members[9]!.id]);
    await server.dataSource.query(`DELETE FROM members WHERE id = $1`, [members[11]!.id]);
    // The reference queries below join every organisation's rows of the run's shared database: with
    // the planner's statistics from before this bulk load, each took 3-5 s in a whole run (a nested
    // loop over what it took for an empty table) instead of milliseconds.
    await server.dataSource.query('ANALYZE members, daily_stats');

    const agent = await ctx.signIn(fixture.leader);
    const monthStart = (back: number) => {
      const d = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - back);
      return d.toISOString().slice(0, 10);
    };
    const windows = [
      { from: addDays(today, -29), to: today },
      { from: addDays(monthStart(1), -3), to: today },
      { from: addDays(today, -45), to: addDays(today, -10) },
      { from: addDays(monthStart(3), 2), to: addDays(monthStart(1), 1) },
      { from: monthStart(2), to: addDays(monthStart(1), -1) },
      { from: addDays(today, -120), to: addDays(today, -1) },
    ];
    const filters: Record<string, string>[] = [{}, { network: 'x' }, { team: teams[1]! }, { kind: 'fan' }];
    for (const window of windows)
      for (const filter of filters) {
        const label = JSON.stringify({ window, filter });
        const body = await dashboard(agent, { ...window, ...filter });
        const parameters = [
          fixture.org.id,
          window.from,
          window.to,
          filter.network ?? null,
          filter.team ?? null,
          filter.kind ?? null,
        ];
        const scope = `d.organisation_id = $1 AND d.day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR d.network = $4)
          AND m.status = 'active' AND 'advocate' = ANY(m.roles) AND ($5::uuid IS NULL OR m.team_id = $5::uuid)
          AND ($6::text IS NULL OR m.kind = $6)`;
        const top = (await server.dataSource.query(
          `SELECT m.id AS "memberId", sum(d.points)::int AS points, sum(d.reach)::float8 AS reach,
                  sum(d.clicks)::int AS clicks, sum(d.shares)::int AS shares
             FROM daily_stats d JOIN members m ON m.id = d.member_id WHERE ${scope}
            GROUP BY m.id HAVING sum(d.points) > 0 ORDER BY 2 DESC, 1 LIMIT 10`,
          parameters,
        )) as { memberId: string; points: number; reach: number; clicks: number; shares: number }[];
        expect([
          label,
          body.topAdvocates.map(({ memberId, points, reach, clicks, shares }) => ({
            memberId,
            points,
            reach,
            clicks,
            shares,
          })),
        ]).toEqual([label, top]);
        const byTeam = (await server.dataSource.query(
          `SELECT m.team_id AS "teamId", sum(d.shares)::int AS shares, sum(d.reach)::float8 AS reach,
                  sum(d.clicks)::int AS clicks, sum(d.points)::int AS points
             FROM daily_stats d JOIN members m ON m.id = d.member_id WHERE ${scope}
            GROUP BY m.team_id`,
          parameters,
        )) as { teamId: string | null; shares: number; reach: number; clicks: number; points: number }[];
        const totals = (await server.dataSource.query(
          `SELECT coalesce(sum(d.shares), 0)::int AS shares, coalesce(sum(d.reach), 0)::float8 AS reach,
                  coalesce(sum(d.clicks), 0)::int AS clicks, count(DISTINCT m.id) FILTER (WHERE d.shares > 0)::int AS sharers
             FROM daily_stats d JOIN members m ON m.id = d.member_id WHERE ${scope}`,
          parameters,
        )) as { shares: number; reach: number; clicks: number; sharers: number }[];
        expect([
          label,
          body.kpis.shares.value,
          body.kpis.reach.value,
          body.kpis.clicks.value,
          body.kpis.activeAdvocates.value,
        ]).toEqual([label, totals[0]!.shares, totals[0]!.reach, totals[0]!.clicks, totals[0]!.sharers]);
        for (const team of body.byTeam) {
          const expected = byTeam.find((row) => row.teamId === team.teamId);
          expect([label, team.teamId, team.shares, team.reach, team.clicks, team.points]).toEqual([
            label,
            team.teamId,
            expected?.shares ?? 0,
            expected?.reach ?? 0,
            expected?.clicks ?? 0,
            expected?.points ?? 0,
          ]);
        }
      }
    // The rollups the dashboard reads equal a rebuild from the daily rollups.
    const [stored] = (await server.dataSource.query(
      `SELECT (SELECT array_agg(t ORDER BY t) FROM (SELECT day, network, team_id, kind, shares, clicks, reach, points
                 FROM team_day_stats WHERE organisation_id = $1 AND (shares, clicks, reach, points) <> (0, 0, 0, 0)) t)::text AS teams`,
      [fixture.org.id],
    )) as { teams: string }[];
    await server.dataSource.query(`SELECT dashboard_rollups_rebuild($1)`, [fixture.org.id]);
    const [rebuilt] = (await server.dataSource.query(
      `SELECT (SELECT array_agg(t ORDER BY t) FROM (SELECT day, network, team_id, kind, shares, clicks, reach, points
                 FROM team_day_stats WHERE organisation_id = $1 AND (shares, clicks, reach, points) <> (0, 0, 0, 0)) t)::text AS teams`,
      [fixture.org.id],
    )) as { teams: string }[];
    expect(stored!.teams).toBe(rebuilt!.teams);
    // So do the kept member counters: ranked members per team and kind, and the share days' links.
    const counters = async () =>
      (
        (await server.dataSource.query(
          `SELECT (SELECT array_agg(c ORDER BY c) FROM (SELECT team_id, kind, members FROM ranked_member_counts
                     WHERE organisation_id = $1 AND members <> 0) c)::text AS counts,
                  (SELECT array_agg(s ORDER BY s) FROM (SELECT member_id, network, day, previous_day, ranked, kind, team_id
                     FROM share_days WHERE organisation_id = $1) s)::text AS days`,
          [fixture.org.id],
        )) as { counts: string; days: string }[]
      )[0]!;
    const kept = await counters();
    expect(kept.days).toContain('*');
    await server.dataSource.query(`SELECT ranked_member_counts_rebuild($1), share_days_rebuild($1)`, [
      fixture.org.id,
    ]);
    expect(await counters()).toEqual(kept);
  }, 120_000);

  describe('exact recount', () => {
    const ZONES = ['Europe/Helsinki', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
    const NETWORKS: NetworkId[] = ['linkedin', 'x', 'facebook'];

    /** Random organisations through the share rollup and the real click ingest, in time order. */
    async function history(seed: number) {
      const rnd = seededRandom(seed);
      const orgs = [];
      const clicks: ClickMessage[] = [];
      const now = Date.now();
      for (let o = 0; o < 3; o++) {
        const fixture = await ctx.newOrg('Recount');
        const timezone = rnd.pick(ZONES);
        const teams = [fixture.team, await ctx.newTeam(fixture.org.id)];
        const packs = [
          await newPack(server.dataSource, fixture.org.id, { status: 'published', title: `Pack A${o}` }),
          await newPack(server.dataSource, fixture.org.id, { status: 'published', title: `Pack B${o}` }),
          await newPack(server.dataSource, fixture.org.id, { status: 'published', title: `Pack C${o}` }),
        ];
        const settings: Record<string, unknown> = {};
        if (o === 1) {
          const required = await ctx.newTrainingModule(fixture.org.id, {
            requiredFor: { kinds: ['employee'], teamIds: [] },
            validityDays: 30,
          });
          const forTeam = await ctx.newTrainingModule(fixture.org.id, {
            requiredFor: { kinds: ['employee', 'fan'], teamIds: [teams[1]!.id] },
          });
          settings.requiredTrainingModuleIds = [required.id, forTeam.id];
          settings.earnedMedia = { currency: 'SEK', rates: [{ network: 'x', cpmMinor: 777 }] };
        }
        await server.dataSource.query('UPDATE organisations SET timezone = $2, settings = $3 WHERE id = $1', [
          fixture.org.id,
          timezone,
          JSON.stringify(settings),
        ]);
        const members: Member[] = [fixture.advocate, fixture.leader, fixture.admin, fixture.curator];
        for (let m = 0; m < 8; m++)
          members.push(
            await ctx.newMember(fixture.org.id, {
              kind: rnd.next() < 0.3 ? 'fan' : 'employee',
              teamId: rnd.next() < 0.8 ? rnd.pick(teams).id : null,
              status: m === 0 ? 'deactivated' : 'active',
            }),
          );
        if (o === 1) {
          const modules = settings.requiredTrainingModuleIds as string[];
          for (const member of members)
            for (const moduleId of modules) {
              const roll = rnd.next();
              if (roll < 0.2) continue;
              await server.dataSource.query(
                `INSERT INTO training_completions (organisation_id, member_id, module_id, kind, version, passed, completed_at)
                 VALUES ($1, $2, $3, 'attempt', 1, $4, now() - make_interval(days => $5))`,
                [fixture.org.id, member.id, moduleId, roll > 0.35, rnd.int(0, 45)],
              );
            }
        }
        const sharers = members.filter(() => rnd.next() < 0.8);
        const visitors = Array.from({ length: 6 }, () => CHROME_VISITOR());
        for (let s = 0; s < 30 && sharers.length > 0; s++) {
          const createdAt = new Date(now - rnd.int(0, 150) * DAY - rnd.int(0, DAY - 1));
          const made = await share(rnd.pick(sharers), rnd.pick(packs), {
            network: rnd.pick(NETWORKS),
            audienceSize: rnd.int(0, 3) * 50 + rnd.int(0, 7),
            createdAt,
            locale: rnd.next() < 0.3 ? 'fi' : 'en',
          });
          for (let c = rnd.int(0, 8); c > 0; c--) {
            const at = Math.min(now - 1000, createdAt.getTime() + rnd.int(0, 3 * DAY));
            clicks.push(click(made.id, at, rnd.pick(visitors), rnd.next() < 0.15));
          }
        }
        if (o === 0)
          // Large enough for the cached path: the same figures must come out of it.
          await server.dataSource.query(
            `INSERT INTO members (organisation_id, email, name, status, kind, team_id)
             SELECT $1, 'bulk-' || g || '-' || $2 || '@example.test', 'Bulk ' || g, 'active',
                    CASE WHEN g % 3 = 0 THEN 'fan' ELSE 'employee' END,
                    CASE g % 4 WHEN 0 THEN $3::uuid WHEN 1 THEN $4::uuid END
               FROM generate_series(1, 2000) g`,
            [fixture.org.id, randomUUID().slice(0, 8), teams[0]!.id, teams[1]!.id],
          );
        orgs.push({ ...fixture, members, teams, timezone, settings });
      }
      clicks.sort((x, y) => x.at - y.at);
      const ingestor = server.app.get(ClickIngestor);
      for (let i = 0; i < clicks.length; i += 40) await ingestor.ingest(clicks.slice(i, i + 40));
      return { rnd, orgs };
    }

    interface RawRow {
      memberId: string;
      day: string;
      network: string;
      packId: string;
      title: string;
      locale: string;
      teamId: string | null;
      kind: string;
      shares: number;
      reach: number;
      clicks: number;
      uniqueClicks: number;
    }

    /** Every share and click event of the organisation's active advocates, each on its local day. */
    const rawRows = async (organisationId: string): Promise<RawRow[]> =>
      server.dataSource.query(
        `WITH raw AS (
           SELECT s.member_id, (s.created_at AT TIME ZONE o.timezone)::date AS day, s.network, s.pack_id, s.locale,
                  1 AS shares, s.audience_size AS reach, 0 AS clicks, 0 AS unique_clicks
             FROM shares s JOIN organisations o ON o.id = s.organisation_id WHERE s.organisation_id = $1
           UNION ALL
           SELECT e.member_id, (e.occurred_at AT TIME ZONE o.timezone)::date, e.network, s.pack_id, s.locale,
                  0, 0, (NOT e.is_preview)::int, e.is_unique::int
             FROM click_events e JOIN shares s ON s.id = e.share_id JOIN organisations o ON o.id = e.organisation_id
            WHERE e.organisation_id = $1
         )
         SELECT r.member_id AS "memberId", to_char(r.day, 'YYYY-MM-DD') AS day, r.network, r.pack_id AS "packId",
                p.title, r.locale, m.team_id AS "teamId", m.kind, r.shares, r.reach, r.clicks,
                r.unique_clicks AS "uniqueClicks"
           FROM raw r JOIN members m ON m.id = r.member_id JOIN packs p ON p.id = r.pack_id
          WHERE m.status = 'active' AND 'advocate' = ANY(m.roles)`,
        [organisationId],
      );

    const sum = (rows: readonly RawRow[]) => ({
      shares: rows.reduce((t, r) => t + r.shares, 0),
      reach: rows.reduce((t, r) => t + r.reach, 0),
      clicks: rows.reduce((t, r) => t + r.clicks, 0),
      uniqueClicks: rows.reduce((t, r) => t + r.uniqueClicks, 0),
    });
    const groupBy = <K>(rows: readonly RawRow[], key: (r: RawRow) => K) => {
      const groups = new Map<K, RawRow[]>();
      for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
      return groups;
    };

    it.each([7, 1999, 424242])(
      'every figure equals a recount from raw shares and click events (seed %i)',
      async (seed) => {
        const { rnd, orgs } = await history(seed);
        for (const { org, leader, teams, timezone } of orgs) {
          const agent = await ctx.signIn(leader);
          const stored = (await server.dataSource.query('SELECT settings FROM organisations WHERE id = $1', [
            org.id,
          ])) as {
            settings: unknown;
          }[];
          const settings = mergeSettings(stored[0]!.settings);
          const cpm = Object.fromEntries(settings.earnedMedia.rates.map((r) => [r.network, r.cpmMinor]));
          const emvOf = (rows: readonly RawRow[]) =>
            earnedMediaValue(
              rows.map((r) => ({ networkId: r.network, reach: r.reach })),
              cpm,
            );
          const raw = await rawRows(org.id);
          const people = (await server.dataSource.query(
            `SELECT id, kind, team_id AS "teamId", roles FROM members
              WHERE organisation_id = $1 AND status = 'active' AND 'advocate' = ANY(roles)`,
            [org.id],
          )) as { id: string; kind: 'employee' | 'fan'; teamId: string | null; roles: string[] }[];
          const modules = (await server.dataSource.query(
            `SELECT id, published_version AS version, material_version AS "materialVersion", published FROM training_modules
              WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
            [org.id, settings.requiredTrainingModuleIds],
          )) as {
            id: string;
            version: number;
            materialVersion: number;
            published: {
              validityDays: number | null;
              requiredFor: { kinds: ('employee' | 'fan')[]; teamIds: string[] };
            };
          }[];
          const completions = (await server.dataSource.query(
            `SELECT member_id AS "memberId", module_id AS "moduleId", version, passed, completed_at AS "completedAt"
               FROM training_completions WHERE organisation_id = $1`,
            [org.id],
          )) as { memberId: string; moduleId: string; version: number; passed: boolean; completedAt: Date }[];
          const today = localDate(new Date(), timezone);
          const filters: Record<string, string>[] = [
            {},
            { period: 'quarter' },
            { period: 'week', network: 'x' },
            { from: addDays(today, -140), to: today },
            { from: addDays(today, -40), to: addDays(today, -3), granularity: 'week', kind: 'employee' },
            { kind: 'fan', period: 'year' },
            { team: rnd.pick(teams).id, network: 'linkedin' },
          ];
          for (const query of filters) {
            const body = await dashboard(agent, query);
            const { from, to, previousFrom, previousTo, granularity } = body.window;
            const inScope = (r: { teamId: string | null; kind: string }) =>
              (!query.team || r.teamId === query.team) && (!query.kind || r.kind === query.kind);
            const rows = raw.filter((r) => inScope(r) && (!query.network || r.network === query.network));
            const current = rows.filter((r) => r.day >= from && r.day <= to);
            const previous = rows.filter((r) => r.day >= previousFrom && r.day <= previousTo);
            const sharers = (list: RawRow[]) =>
              new Set(list.filter((r) => r.shares > 0).map((r) => r.memberId)).size;
            const readyIds = new Set(
              people
                .filter(
                  (p) =>
                    inScope(p) &&
                    p.roles.includes('advocate') &&
                    trainingReadiness({
                      required: modules
                        .map((m) => ({
                          moduleId: m.id,
                          version: m.version,
                          materialVersion: m.materialVersion,
                          validityDays: m.published.validityDays,
                          requiredFor: m.published.requiredFor,
                        }))
                        .filter(
                          (m) =>
                            m.requiredFor.kinds.includes(p.kind) &&
                            (m.requiredFor.teamIds.length === 0 ||
                              (p.teamId !== null && m.requiredFor.teamIds.includes(p.teamId))),
                        ),
                      completions: completions.filter((c) => c.memberId === p.id),
                      now: new Date(),
                    }).mayShare,
                )
                .map((p) => p.id),
            );
            const ready = readyIds.size;
            const label = JSON.stringify({ seed, org: org.id, query });
            const now = sum(current);
            const before = sum(previous);
            const value = (k: keyof Dashboard['kpis']) => [k, body.kpis[k].value, body.kpis[k].previous];
            expect([
              label,
              ...(
                [
                  'shares',
                  'reach',
                  'clicks',
                  'uniqueClicks',
                  'emvMinor',
                  'activeAdvocates',
                  'readyMembers',
                ] as const
              ).map(value),
            ]).toEqual([
              label,
              ['shares', now.shares, before.shares],
              ['reach', now.reach, before.reach],
              ['clicks', now.clicks, before.clicks],
              ['uniqueClicks', now.uniqueClicks, before.uniqueClicks],
              ['emvMinor', emvOf(current), emvOf(previous)],
              ['activeAdvocates', sharers(current), sharers(previous)],
              ['readyMembers', ready, ready],
            ]);
            expect([label, body.kpis.verifiedReach.value, body.kpis.engagement.value]).toEqual([label, 0, 0]);
            expect(body.kpis.clickThroughRate.value).toBe(now.reach === 0 ? null : now.clicks / now.reach);
            // Able to share in a window: ready now, or shared in it.
            const pool = (list: RawRow[]) =>
              new Set([...readyIds, ...list.filter((r) => r.shares > 0).map((r) => r.memberId)]).size;
            const rate = (list: RawRow[]) => (pool(list) === 0 ? null : sharers(list) / pool(list));
            expect([label, body.kpis.shareRate.value, body.kpis.shareRate.previous]).toEqual([
              label,
              rate(current),
              rate(previous),
            ]);
            expect(body.kpis.shareRate.value ?? 0).toBeLessThanOrEqual(1);

            const buckets = groupBy(current, (r) => bucketStart(r.day, { from, to }, granularity));
            expect([label, body.series]).toEqual([
              label,
              bucketStarts({ from, to }, granularity).map((start) => ({
                start,
                ...sum(buckets.get(start) ?? []),
                ...NONE_VERIFIED,
                emvMinor: emvOf(buckets.get(start) ?? []),
              })),
            ]);
            const withFigures = <T extends { reach: number; shares: number; clicks: number }>(list: T[]) =>
              list.filter((r) => r.shares + r.clicks + r.reach > 0);
            const networks = [...groupBy(current, (r) => r.network).entries()].map(([network, list]) => ({
              network,
              ...sum(list),
              ...NONE_VERIFIED,
              emvMinor: emvOf(list),
            }));
            expect([label, withFigures(body.byNetwork)]).toEqual([
              label,
              withFigures(networks).sort((x, y) => y.reach - x.reach || (x.network < y.network ? -1 : 1)),
            ]);
            const locales = [...groupBy(current, (r) => r.locale).entries()].map(([locale, list]) => ({
              locale,
              ...sum(list),
            }));
            expect([label, body.byLocale]).toEqual([
              label,
              locales.sort((x, y) => y.reach - x.reach || (x.locale < y.locale ? -1 : 1)),
            ]);
            const packs = [...groupBy(current, (r) => r.packId).entries()].map(([packId, list]) => ({
              packId,
              title: list[0]!.title,
              ...sum(list),
            }));
            expect([label, body.topPacks]).toEqual([
              label,
              packs
                .sort((x, y) => y.clicks - x.clicks || y.shares - x.shares || (x.packId < y.packId ? -1 : 1))
                .slice(0, 10),
            ]);
            const byTeam = groupBy(current, (r) => r.teamId);
            for (const team of body.byTeam) {
              const { shares, reach, clicks, uniqueClicks } = sum(byTeam.get(team.teamId) ?? []);
              expect([
                label,
                team.teamId,
                team.shares,
                team.reach,
                team.clicks,
                team.uniqueClicks,
                team.members,
              ]).toEqual([
                label,
                team.teamId,
                shares,
                reach,
                clicks,
                uniqueClicks,
                people.filter((p) => inScope(p) && p.teamId === team.teamId).length,
              ]);
            }
            // Points as the leaderboard ranks them (its own recount test checks them against raw events).
            if (!query.from && query.period !== 'year') {
              const board = await agent.get('/api/leaderboards').query({
                metric: 'points',
                period: query.period ?? 'month',
                ...(query.team ? { team: query.team } : {}),
                ...(query.network ? { network: query.network } : {}),
                ...(query.kind ? { kind: query.kind } : {}),
              });
              expect(board.status).toBe(200);
              expect([label, body.topAdvocates]).toEqual([
                label,
                (board.body.entries as Dashboard['topAdvocates'] & { isCaller: boolean }[]).map((e) => ({
                  memberId: e.memberId,
                  name: e.name,
                  anonymous: e.anonymous,
                  teamId: e.teamId,
                  points: e.points,
                  reach: e.reach,
                  clicks: e.clicks,
                  shares: e.shares,
                })),
              ]);
            }
          }
        }
      },
      120_000,
    );
  });
});
