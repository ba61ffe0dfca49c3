import { addDays, localDateOf, moveToLocalDate } from '@heimo/domain';
import type request from 'supertest';
import { newPack, packsState } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

const ZONE = 'Europe/Helsinki'; // the test organisations' zone
const DAY = 86_400_000;

interface Entry {
  kind: string;
  at: string;
  day: string;
  moves: string | null;
  pack: { id: string; title: string; status: string; version: number; networks: string[] };
}

/** 09:30 in Helsinki on the day `days` from today there. */
const helsinkiMorning = (days: number) =>
  moveToLocalDate(new Date('2026-01-01T07:30:00Z'), addDays(localDateOf(new Date(), ZONE), days), ZONE);

describe('pack calendar', () => {
  const { server, ctx } = useTestServer({ workers: false });
  const today = () => localDateOf(new Date(), ZONE);
  const day = (days: number) => addDays(today(), days);

  let fixture: Awaited<ReturnType<typeof ctx.newOrg>>;
  let curator: request.Agent;
  let ids: Record<'launch' | 'live' | 'later' | 'otherTeam' | 'archived' | 'midnight', string>;

  beforeAll(async () => {
    fixture = await ctx.newOrg('Calendar');
    curator = await ctx.signIn(fixture.curator);
    const otherTeam = await ctx.newTeam(fixture.org.id, 'Support');
    const make = async (
      title: string,
      options: Parameters<typeof newPack>[2],
      audienceTeamIds: string[] = [],
    ) => {
      const pack = await newPack(server.dataSource, fixture.org.id, {
        title,
        createdById: fixture.curator.id,
        ...options,
      });
      if (audienceTeamIds.length)
        await server.dataSource.query('UPDATE packs SET audience_team_ids = $2 WHERE id = $1', [
          pack.id,
          audienceTeamIds,
        ]);
      return pack.id;
    };
    ids = {
      launch: await make('Launch', { status: 'draft', publishAt: helsinkiMorning(2) }, [fixture.team.id]),
      // Published today (the fixture stamps `publishedAt` now); leaves the feed in five days.
      live: await make('Live', { status: 'published', expireAt: helsinkiMorning(5) }),
      later: await make('Later', { status: 'approved', publishAt: helsinkiMorning(40) }),
      otherTeam: await make(
        'For support',
        { status: 'in_review', publishAt: helsinkiMorning(3), variants: [{ network: 'x' }] },
        [otherTeam.id],
      ),
      archived: await make('Gone', { status: 'archived', publishAt: helsinkiMorning(2) }),
      // 00:30 in Helsinki is still the day before in UTC: it belongs to the Helsinki day.
      midnight: await make('Past midnight', {
        status: 'approved',
        publishAt: new Date(helsinkiMorning(6).getTime() - 9 * 3600_000),
      }),
    };
    // Another organisation's pack on the same days never shows.
    const other = await ctx.newOrg('Elsewhere');
    await newPack(server.dataSource, other.org.id, { status: 'draft', publishAt: helsinkiMorning(2) });
  });

  const calendar = (query: Record<string, string>, agent: request.Agent = curator) =>
    agent.get('/api/packs/calendar').query(query);
  const summary = (entries: Entry[]) =>
    entries.map((entry) => `${entry.kind} ${entry.pack.title} ${entry.day}`);

  it('lists what goes out, was published and expires on each day of the organisation', async () => {
    const res = await calendar({ from: today(), to: day(29) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timeZone: ZONE, from: today(), to: day(29), truncated: false });
    expect(summary(res.body.entries)).toEqual([
      `published Live ${today()}`,
      `scheduled Launch ${day(2)}`,
      `scheduled For support ${day(3)}`,
      `expiring Live ${day(5)}`,
      `scheduled Past midnight ${day(6)}`,
    ]);
    const byKind = (kind: string, title: string) =>
      (res.body.entries as Entry[]).find((entry) => entry.kind === kind && entry.pack.title === title)!;
    expect(byKind('scheduled', 'Launch')).toMatchObject({
      at: helsinkiMorning(2).toISOString(),
      moves: 'publishAt',
      pack: { id: ids.launch, status: 'draft', version: 1, networks: ['linkedin'] },
    });
    // A published pack's publication is history; its expiry may still move.
    expect(byKind('published', 'Live').moves).toBeNull();
    expect(byKind('expiring', 'Live').moves).toBe('expireAt');
    expect(byKind('scheduled', 'Past midnight').at.slice(0, 10)).toBe(day(5));
  });

  it('covers exactly the days asked for and filters by network and team', async () => {
    expect(summary((await calendar({ from: day(2), to: day(2) })).body.entries)).toEqual([
      `scheduled Launch ${day(2)}`,
    ]);
    expect(summary((await calendar({ from: day(31), to: day(60) })).body.entries)).toEqual([
      `scheduled Later ${day(40)}`,
    ]);
    expect(summary((await calendar({ from: today(), to: day(29), network: 'x' })).body.entries)).toEqual([
      `scheduled For support ${day(3)}`,
    ]);
    // The Sales team sees packs addressed to it and to everyone, not Support's.
    const sales = await calendar({ from: today(), to: day(29), team: fixture.team.id });
    expect(summary(sales.body.entries)).toEqual([
      `published Live ${today()}`,
      `scheduled Launch ${day(2)}`,
      `expiring Live ${day(5)}`,
      `scheduled Past midnight ${day(6)}`,
    ]);
    // Admins read it too.
    expect((await calendar({ from: today(), to: today() }, await ctx.signIn(fixture.admin))).status).toBe(
      200,
    );
  });

  it.each([
    ['a day that does not exist', { from: '2026-02-30', to: '2026-03-02' }, 'from'],
    ['a day in another format', { from: '07.12.2026', to: '2026-12-08' }, 'from'],
    ['no end', { from: '2026-12-01' }, 'to'],
    ['no start', { to: '2026-12-01' }, 'from'],
    ['the end before the start', { from: '2026-12-10', to: '2026-12-09' }, 'from'],
    ['63 days', { from: '2026-12-01', to: '2027-02-01' }, 'to'],
    ['an unknown network', { from: '2026-12-01', to: '2026-12-31', network: 'myspace' }, 'network'],
    ['a team that is no id', { from: '2026-12-01', to: '2026-12-31', team: 'sales' }, 'team'],
    ['a repeated parameter', { from: '2026-12-01', to: '2026-12-31', 'team[]': 'x' }, 'team[]'],
  ])('answers 400 naming the field for %s', async (_label, query, field) => {
    const res = await calendar(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
  });

  it('takes 62 days and refuses another organisation’s team, advocates and strangers', async () => {
    expect((await calendar({ from: '2026-12-01', to: '2027-01-31' })).status).toBe(200);
    const other = await ctx.newOrg('Foreign');
    const foreign = await calendar({ from: today(), to: day(29), team: other.team.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('team.not_found');
    const advocate = await calendar({ from: today(), to: day(29) }, await ctx.signIn(fixture.advocate));
    expect(advocate.status).toBe(403);
    const { default: supertest } = await import('supertest');
    const stranger = await supertest(server.baseUrl)
      .get('/api/packs/calendar')
      .query({ from: today(), to: today() });
    expect(stranger.status).toBe(401);
  });

  describe('moving an entry', () => {
    const entryOf = async (title: string, kind = 'scheduled') =>
      ((await calendar({ from: today(), to: day(29) })).body.entries as Entry[]).find(
        (entry) => entry.pack.title === title && entry.kind === kind,
      );

    it('moves the publish time to another day at the same time of day, through the editor’s route', async () => {
      const entry = (await entryOf('Launch'))!;
      const publishAt = moveToLocalDate(new Date(entry.at), day(4), ZONE).toISOString();
      const moved = await curator
        .patch(`/api/packs/${entry.pack.id}`)
        .send({ version: entry.pack.version, [entry.moves!]: publishAt });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ publishAt, version: entry.pack.version + 1, status: 'draft' });
      expect(publishAt).toBe(helsinkiMorning(4).toISOString());
      const after = (await entryOf('Launch'))!;
      expect(after).toMatchObject({ day: day(4), at: publishAt, pack: { version: entry.pack.version + 1 } });
    });

    it('refuses a move from a stale calendar with 409 and writes nothing', async () => {
      const entry = (await entryOf('Past midnight'))!;
      // Someone else moves it first.
      const first = await curator
        .patch(`/api/packs/${entry.pack.id}`)
        .send({ version: entry.pack.version, publishAt: moveToLocalDate(new Date(entry.at), day(7), ZONE) });
      expect(first.status).toBe(200);
      const before = await packsState(server.dataSource, fixture.org.id);
      const stale = await curator
        .patch(`/api/packs/${entry.pack.id}`)
        .send({ version: entry.pack.version, publishAt: moveToLocalDate(new Date(entry.at), day(8), ZONE) });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        code: 'pack.stale_version',
        currentVersion: entry.pack.version + 1,
      });
      expect(await packsState(server.dataSource, fixture.org.id)).toEqual(before);
    });

    it('moves a published pack’s expiry but not its publication, nor into the past', async () => {
      const expiring = (await entryOf('Live', 'expiring'))!;
      const published = (await entryOf('Live', 'published'))!;
      expect(published.moves).toBeNull();
      const refused = await curator
        .patch(`/api/packs/${published.pack.id}`)
        .send({ version: published.pack.version, publishAt: helsinkiMorning(3).toISOString() });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'pack.not_editable', fields: ['publishAt'] });
      const past = await curator
        .patch(`/api/packs/${expiring.pack.id}`)
        .send({ version: expiring.pack.version, expireAt: new Date(Date.now() - DAY).toISOString() });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([
        expect.objectContaining({ field: 'expireAt', code: 'pack.expire_at_past' }),
      ]);
      const expireAt = moveToLocalDate(new Date(expiring.at), day(9), ZONE).toISOString();
      const moved = await curator
        .patch(`/api/packs/${expiring.pack.id}`)
        .send({ version: expiring.pack.version, expireAt });
      expect(moved.status).toBe(200);
      expect((await entryOf('Live', 'expiring'))!.day).toBe(day(9));
    });
  });
});
