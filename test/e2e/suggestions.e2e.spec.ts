import { NO_NETWORK } from '@heimo/domain';
import request from 'supertest';
import {
  recountDailyStats,
  storedDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { newPack } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

describe('suggestions', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let org: Awaited<ReturnType<typeof ctx.newOrg>>;
  let curator: request.Agent;

  const setSettings = (settings: Record<string, unknown>) =>
    server.dataSource.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
      org.org.id,
      JSON.stringify(settings),
    ]);
  const memberAgent = async (name: string, kind: 'employee' | 'fan' = 'employee') => {
    const member = await ctx.newMember(org.org.id, {
      name,
      kind,
      teamId: kind === 'fan' ? null : org.team.id,
    });
    return { member, agent: await ctx.signIn(member) };
  };
  const noNetworkPoints = async (memberId: string) => {
    const [row] = (await server.dataSource.query(
      `SELECT coalesce(sum(points), 0)::int AS points FROM daily_stats WHERE member_id = $1 AND network = $2`,
      [memberId, NO_NETWORK],
    )) as { points: number }[];
    return row!.points;
  };
  const emails = (memberId: string) =>
    server.dataSource.query(
      `SELECT kind, payload FROM notification_deliveries WHERE member_id = $1 AND kind = 'suggestion_decided'`,
      [memberId],
    ) as Promise<{ kind: string; payload: { data: Record<string, unknown> } }[]>;

  beforeAll(async () => {
    org = await ctx.newOrg('Suggestions');
    curator = await ctx.signIn(org.curator);
  });

  it('takes its settings through the settings page’s API; a client that leaves them out keeps them', async () => {
    const { admin } = await ctx.newOrg('Suggestion settings');
    const agent = await ctx.signIn(admin);
    const loaded = (await agent.get('/api/organisation/settings').expect(200)).body;
    expect(loaded.settings).toMatchObject({
      fanSuggestions: false,
      dailySuggestions: 5,
      points: { suggestionAccepted: 15 },
    });
    const base = {
      version: loaded.version,
      name: loaded.name,
      timezone: loaded.timezone,
      defaultLocale: loaded.defaultLocale,
    };
    const saved = await agent
      .put('/api/organisation/settings')
      .send({
        ...base,
        settings: {
          ...loaded.settings,
          fanSuggestions: true,
          dailySuggestions: 3,
          points: { ...loaded.settings.points, suggestionAccepted: 30 },
        },
      })
      .expect(200);
    expect(saved.body.settings).toMatchObject({
      fanSuggestions: true,
      dailySuggestions: 3,
      points: { suggestionAccepted: 30 },
    });
    // An older client sends none of the three: they keep their values.
    const { fanSuggestions, dailySuggestions, ...older } = saved.body.settings;
    const { suggestionAccepted, ...olderPoints } = saved.body.settings.points;
    expect([fanSuggestions, dailySuggestions, suggestionAccepted]).toEqual([true, 3, 30]);
    const kept = await agent
      .put('/api/organisation/settings')
      .send({ ...base, version: saved.body.version, settings: { ...older, points: olderPoints } })
      .expect(200);
    expect(kept.body.settings).toMatchObject({
      fanSuggestions: true,
      dailySuggestions: 3,
      points: { suggestionAccepted: 30 },
    });
    for (const bad of [
      { dailySuggestions: 0 },
      { dailySuggestions: 101 },
      { fanSuggestions: 'yes' },
      { points: { ...olderPoints, suggestionAccepted: -1 } },
    ]) {
      const res = await agent
        .put('/api/organisation/settings')
        .send({ ...base, version: kept.body.version, settings: { ...kept.body.settings, ...bad } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toMatch(
        /^settings\.(dailySuggestions|fanSuggestions|points\.suggestionAccepted)$/,
      );
    }
  });

  it('refuses bad links and notes with the field named, writing nothing', async () => {
    const { member, agent } = await memberAgent('Bad Input');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ url: 'javascript:alert(1)' }, 'url', 'link.scheme_not_allowed'],
      [{ url: 'ftp://example.com/file' }, 'url', 'link.scheme_not_allowed'],
      [{ url: 'https://user:secret@example.com/' }, 'url', 'link.credentials_not_allowed'],
      [{ url: 'example.com/news' }, 'url', 'link.scheme_missing'],
      [{ url: '' }, 'url', 'link.empty'],
      [{ url: 'https://example.com/ok', note: 'n'.repeat(501) }, 'note', 'maxLength'],
    ];
    for (const [body, field] of cases) {
      const res = await agent.post('/api/suggestions').send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    for (const [body, , code] of cases.slice(0, 5)) {
      const res = await agent.post('/api/suggestions').send(body);
      expect(res.body.errors[0].code).toBe(code);
    }
    // Too long (over 2048 characters), not a string, missing, an unknown field.
    for (const body of [
      { url: `https://example.com/${'a'.repeat(2048)}` },
      { url: 42 },
      {},
      { url: 'https://example.com/', extra: true },
    ]) {
      const res = await agent.post('/api/suggestions').send(body);
      expect(res.status).toBe(400);
    }
    const [{ count }] = (await server.dataSource.query(
      `SELECT count(*)::int AS count FROM suggestions WHERE member_id = $1`,
      [member.id],
    )) as { count: number }[];
    expect(count).toBe(0);
  });

  it('keeps fans out until the organisation lets them suggest', async () => {
    const { agent } = await memberAgent('Fanni Fan', 'fan');
    const refused = await agent.post('/api/suggestions').send({ url: 'https://example.com/fan' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('suggestion.fans_not_allowed');
    expect((await agent.get('/api/suggestions/mine').expect(200)).body.maySuggest).toBe(false);
    await setSettings({ fanSuggestions: true });
    try {
      await agent.post('/api/suggestions').send({ url: 'https://example.com/fan' }).expect(201);
    } finally {
      await setSettings({ fanSuggestions: false });
    }
  });

  it('stops a member at the daily limit with a clear 429', async () => {
    await setSettings({ dailySuggestions: 2 });
    try {
      const { member, agent } = await memberAgent('Eager Employee');
      const made = await Promise.all(
        [1, 2, 3].map((n) => agent.post('/api/suggestions').send({ url: `https://example.com/${n}` })),
      );
      expect(made.map((res) => res.status).sort()).toEqual([201, 201, 429]);
      const over = made.find((res) => res.status === 429)!;
      expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(over.body).toMatchObject({ code: 'suggestion.daily_limit', limit: 2 });
      expect(over.body.detail).toContain('2 links a day');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(25 * 3600);
      const mine = (await agent.get('/api/suggestions/mine').expect(200)).body;
      expect(mine).toMatchObject({ maySuggest: true, dailyLimit: 2, remainingToday: 0 });
      expect(mine.items).toHaveLength(2);
      // Yesterday's suggestions do not count today.
      await server.dataSource.query(
        `UPDATE suggestions SET created_at = created_at - interval '2 days' WHERE member_id = $1`,
        [member.id],
      );
      await agent.post('/api/suggestions').send({ url: 'https://example.com/4' }).expect(201);
    } finally {
      await setSettings({ dailySuggestions: 5 });
    }
  });

  it('accepts once: a prefilled draft, the points credited exactly once, the suggester told', async () => {
    await setSettings({
      points: {
        share: 10,
        uniqueClick: 2,
        uniqueClickCapPerShare: 100,
        trainingPassed: 25,
        suggestionAccepted: 40,
      },
    });
    const { member, agent } = await memberAgent('Sanna Suggester');
    const made = await agent
      .post('/api/suggestions')
      .send({ url: 'https://www.Example.com/new-office', note: '  Photos of our new office  ' })
      .expect(201);
    expect(made.body).toMatchObject({
      url: 'https://www.example.com/new-office',
      host: 'www.example.com',
      note: 'Photos of our new office',
      status: 'pending',
      suggestedBy: { id: member.id, name: 'Sanna Suggester' },
      packId: null,
      points: 0,
    });
    const queue = (await curator.get('/api/suggestions').expect(200)).body;
    expect(queue.items.map((item: { id: string }) => item.id)).toContain(made.body.id);

    const [first, second] = await Promise.all([
      curator.post(`/api/suggestions/${made.body.id}/accept`).send({ note: 'Thanks!' }),
      curator.post(`/api/suggestions/${made.body.id}/accept`).send({}),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const accepted = first.status === 200 ? first : second;
    const refused = first.status === 200 ? second : first;
    expect(refused.body).toMatchObject({ code: 'suggestion.already_decided', decision: 'accepted' });
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      points: 40,
      decidedBy: { id: org.curator.id, name: 'Cora Curator' },
      packStatus: 'draft',
    });
    const declineAfter = await curator.post(`/api/suggestions/${made.body.id}/decline`).send({ note: 'No' });
    expect(declineAfter.status).toBe(409);

    const pack = (await curator.get(`/api/packs/${accepted.body.packId}`).expect(200)).body;
    expect(pack).toMatchObject({
      status: 'draft',
      origin: 'suggestion',
      title: 'example.com',
      summary: 'Photos of our new office',
      destinationUrl: 'https://www.example.com/new-office',
    });

    expect(await noNetworkPoints(member.id)).toBe(40);
    const manager = server.dataSource.manager;
    expect(await recountDailyStats(manager, org.org.id)).toEqual(await storedDailyStats(manager, org.org.id));
    const impact = (await agent.get('/api/me/impact').query({ period: 'all' }).expect(200)).body;
    expect(impact.figures.points.value).toBe(40);

    const mail = await emails(member.id);
    expect(mail).toHaveLength(1);
    // Either request may win the row's lock: the e-mail carries the winner's note.
    expect(mail[0]!.payload.data).toMatchObject({
      accepted: true,
      points: 40,
      note: accepted === first ? 'Thanks!' : null,
    });

    // The setting changes later: the credited points and their recount stay as they were.
    await setSettings({
      points: {
        share: 10,
        uniqueClick: 2,
        uniqueClickCapPerShare: 100,
        trainingPassed: 25,
        suggestionAccepted: 5,
      },
    });
    expect(await recountDailyStats(manager, org.org.id)).toEqual(await storedDailyStats(manager, org.org.id));
    await setSettings({
      points: {
        share: 10,
        uniqueClick: 2,
        uniqueClickCapPerShare: 100,
        trainingPassed: 25,
        suggestionAccepted: 15,
      },
    });
  });

  it('declines with a note the suggester reads, no points, once', async () => {
    const { member, agent } = await memberAgent('Daniel Declined');
    await server.dataSource.query(
      `INSERT INTO notification_preferences (organisation_id, member_id, review_alerts) VALUES ($1, $2, false)
       ON CONFLICT (member_id) DO UPDATE SET review_alerts = false`,
      [org.org.id, member.id],
    );
    const made = await agent.post('/api/suggestions').send({ url: 'https://example.com/old' }).expect(201);
    const blank = await curator.post(`/api/suggestions/${made.body.id}/decline`).send({ note: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('note');
    const declined = await curator
      .post(`/api/suggestions/${made.body.id}/decline`)
      .send({ note: 'We shared this last week.' })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', points: 0, packId: null });
    const again = await curator.post(`/api/suggestions/${made.body.id}/accept`).send({});
    expect(again.status).toBe(409);
    expect(again.body.decision).toBe('declined');
    const mine = (await agent.get('/api/suggestions/mine').expect(200)).body;
    expect(mine.items[0]).toMatchObject({ status: 'declined', decisionNote: 'We shared this last week.' });
    // The member's data export carries their suggestions and the decisions.
    const exported = (await agent.get('/api/me/export').expect(200)).body;
    expect(exported.suggestions).toEqual([
      expect.objectContaining({
        url: 'https://example.com/old',
        status: 'declined',
        decisionNote: 'We shared this last week.',
      }),
    ]);
    expect(await noNetworkPoints(member.id)).toBe(0);
    // Review e-mails off: not told by e-mail (the page shows the decision).
    expect(await emails(member.id)).toHaveLength(0);
    const queue = (await curator.get('/api/suggestions').query({ status: 'declined' }).expect(200)).body;
    expect(queue.items.map((item: { id: string }) => item.id)).toContain(made.body.id);
  });

  it('erasing a suggester removes their suggestions and points, the rollups still equal the recount', async () => {
    const { member, agent } = await memberAgent('Erin Erased');
    const made = await agent.post('/api/suggestions').send({ url: 'https://example.com/erase' }).expect(201);
    await curator.post(`/api/suggestions/${made.body.id}/accept`).send({}).expect(200);
    expect(await noNetworkPoints(member.id)).toBe(15);
    const admin = await ctx.signIn(org.admin);
    await admin.post(`/api/people/${member.id}/erase`).expect(200);
    const left = (await server.dataSource.query(
      `SELECT count(*)::int AS n FROM suggestions WHERE member_id = $1`,
      [member.id],
    )) as { n: number }[];
    expect(left[0]!.n).toBe(0);
    expect(await noNetworkPoints(member.id)).toBe(0);
    const manager = server.dataSource.manager;
    expect(await recountDailyStats(manager, org.org.id)).toEqual(await storedDailyStats(manager, org.org.id));
  });
});

describe('packs: duplicate and search by hashtag and network', () => {
  const { server, ctx } = useTestServer({ workers: false });

  it('duplicates a pack as a draft with its variants, hashtags and media', async () => {
    const { org, curator, admin } = await ctx.newOrg('Duplicates');
    const agent = await ctx.signIn(curator);
    const source = await newPack(server.dataSource, org.id, {
      status: 'published',
      title: 'Office opening',
      variants: [{ network: 'linkedin' }, { network: 'x', captionTemplate: 'New office {{link}}' }],
    });
    const [media] = (await server.dataSource.query(
      `INSERT INTO media_assets (organisation_id, kind, content_type, bytes, storage_key, original_name)
       VALUES ($1, 'image', 'image/png', 10, 'fixture/dup.png', 'dup.png') RETURNING id`,
      [org.id],
    )) as { id: string }[];
    await server.dataSource.query(
      `UPDATE packs SET hashtags = '{Office,news}', media_ids = $2::uuid[] WHERE id = $1`,
      [source.id, [media!.id]],
    );
    const copy = await agent.post(`/api/packs/${source.id}/duplicate`).expect(201);
    expect(copy.body).toMatchObject({
      status: 'draft',
      title: 'Office opening',
      hashtags: ['Office', 'news'],
      mediaIds: [media!.id],
      publishAt: null,
      version: 1,
    });
    expect(copy.body.id).not.toBe(source.id);
    expect(copy.body.slug).not.toBe(source.slug);
    expect(
      copy.body.variants.map((v: { network: string; captionTemplate: string }) => [
        v.network,
        v.captionTemplate,
      ]),
    ).toEqual([
      ['linkedin', 'Worth a read {{link}} {{hashtags}}'],
      ['x', 'New office {{link}}'],
    ]);
    // The source is untouched.
    const after = (await agent.get(`/api/packs/${source.id}`).expect(200)).body;
    expect(after).toMatchObject({ status: 'published', version: 1 });
    // An admin may read packs but not write them.
    const byAdmin = await (await ctx.signIn(admin)).post(`/api/packs/${source.id}/duplicate`);
    expect(byAdmin.status).toBe(403);
    const missing = await agent.post(`/api/packs/00000000-0000-4000-8000-000000000000/duplicate`);
    expect(missing.status).toBe(404);
  });

  it('searches the archive by hashtag (any case, with or without #) and network', async () => {
    const { org, curator } = await ctx.newOrg('Archive');
    const agent = await ctx.signIn(curator);
    const office = await newPack(server.dataSource, org.id, {
      title: 'Office',
      variants: [{ network: 'linkedin' }],
    });
    const hiring = await newPack(server.dataSource, org.id, {
      title: 'Hiring',
      variants: [{ network: 'x' }],
    });
    await server.dataSource.query(`UPDATE packs SET hashtags = '{Office,Launch}' WHERE id = $1`, [office.id]);
    await server.dataSource.query(`UPDATE packs SET hashtags = '{hiring,launch}' WHERE id = $1`, [hiring.id]);
    const titles = async (query: Record<string, string>) =>
      ((await agent.get('/api/packs').query(query).expect(200)).body.items as { title: string }[])
        .map((item) => item.title)
        .sort();
    expect(await titles({ hashtag: 'LAUNCH' })).toEqual(['Hiring', 'Office']);
    expect(await titles({ hashtag: '#OFFICE' })).toEqual(['Office']);
    expect(await titles({ hashtag: 'launch', network: 'x' })).toEqual(['Hiring']);
    expect(await titles({ hashtag: 'nothing' })).toEqual([]);
    for (const hashtag of ['two words', '', 'a,b', 'x'.repeat(101)]) {
      const res = await agent.get('/api/packs').query({ hashtag });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('hashtag');
    }
  });
});
