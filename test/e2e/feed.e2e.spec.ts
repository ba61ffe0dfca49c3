import type request from 'supertest';
import { audienceSql, isInAudience } from '../../apps/api/src/modules/sharing/feed/pack-audience';
import type { Locale, MemberKind } from '../../apps/api/src/modules/members/entities/member.entity';
import { newFeedPack, patchSettings } from '../support/feed-packs';
import { newMediaAsset } from '../support/packs';
import { useTestServer } from '../support/use-test-server';
import { newShare } from '../support/shares';

interface FeedVariant {
  network: string;
  locale: string;
  title: string | null;
  caption: string;
  media: { id: string; url: string; kind: string; mimeType: string }[];
  shared: boolean;
  lastSharedAt: string | null;
}

interface FeedItem {
  packId: string;
  title: string;
  locale: string;
  publishedAt: string;
  expireAt: string | null;
  allowCaptionEdit: boolean;
  media: { id: string; url: string }[];
  variants: FeedVariant[];
}

const HOUR = 3_600_000;

describe('GET /api/feed', () => {
  const { server, ctx } = useTestServer({ workers: false });

  async function feedOf(agent: request.Agent, query: Record<string, string | number> = {}) {
    const res = await agent.get('/api/feed').query(query);
    if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${res.text}`);
    return res.body as {
      readiness: { mayShare: boolean; blocking: unknown[] };
      items: FeedItem[];
      nextCursor: string | null;
    };
  }

  /** Every page, following `nextCursor`. */
  async function wholeFeed(agent: request.Agent, limit: number): Promise<FeedItem[][]> {
    const pages: FeedItem[][] = [];
    let cursor: string | null = null;
    do {
      const page = await feedOf(agent, cursor ? { limit, cursor } : { limit });
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  const titles = (items: FeedItem[]) => items.map((item) => item.title).sort();

  it('shows only the packs whose audience includes the member: team, kind and locale', async () => {
    const { org, team, advocate } = await ctx.newOrg('Feed Audience');
    const otherTeam = await ctx.newTeam(org.id);
    const fan = await ctx.newMember(org.id, { kind: 'fan', name: 'Fanni Fan' });
    const teamless = await ctx.newMember(org.id, { name: 'Tiina Teamless' });
    const finn = await ctx.newMember(org.id, { locale: 'fi', teamId: team.id, name: 'Ville Finn' });
    const packs = {
      everyone: { title: 'everyone' },
      ownTeam: { title: 'own team', audienceTeamIds: [team.id] },
      otherTeam: { title: 'other team', audienceTeamIds: [otherTeam.id] },
      fansOnly: { title: 'fans only', audienceKinds: ['fan' as const] },
      fansAndOtherTeam: {
        title: 'fans and other team',
        audienceKinds: ['employee' as const, 'fan' as const],
        audienceTeamIds: [otherTeam.id],
      },
      finnish: {
        title: 'finnish readers',
        audienceLocales: ['fi' as const],
        variants: [{ network: 'linkedin', locale: 'fi' as const }],
      },
      english: { title: 'english readers', audienceLocales: ['en' as const] },
    };
    for (const options of Object.values(packs)) await newFeedPack(server.dataSource, org.id, options);

    const seen = async (member: { email: string }) => titles((await feedOf(await ctx.signIn(member))).items);
    expect(await seen(advocate)).toEqual(['english readers', 'everyone', 'own team']);
    expect(await seen(fan)).toEqual(['fans and other team', 'fans only']);
    // An employee without a team sees only packs that name no team.
    expect(await seen(teamless)).toEqual(['english readers', 'everyone']);
    expect(await seen(finn)).toEqual(['everyone', 'finnish readers', 'own team']);
  });

  it('applies the same audience rule in the feed’s SQL as the share command does in code', async () => {
    const { org, team } = await ctx.newOrg('Feed Audience Rule');
    const otherTeam = await ctx.newTeam(org.id);
    const teamSets = [[], [team.id], [otherTeam.id], [team.id, otherTeam.id]];
    const kindSets: MemberKind[][] = [['employee'], ['fan'], ['employee', 'fan']];
    const localeSets: Locale[][] = [[], ['en'], ['fi'], ['en', 'fi']];
    const packs = [];
    for (const audienceTeamIds of teamSets)
      for (const audienceKinds of kindSets)
        for (const audienceLocales of localeSets)
          packs.push(
            await newFeedPack(server.dataSource, org.id, { audienceTeamIds, audienceKinds, audienceLocales }),
          );
    for (const kind of ['employee', 'fan'] as const)
      for (const teamId of [team.id, otherTeam.id, null])
        for (const locale of ['en', 'fi'] as const) {
          const member = { kind, teamId, locale };
          const rows: { id: string }[] = await server.dataSource.query(
            `SELECT p.id FROM packs p
              WHERE p.organisation_id = $1 AND p.id = ANY($5::uuid[])
                AND ${audienceSql({ kind: 2, teamId: 3, locale: 4 })}`,
            [org.id, kind, teamId, locale, packs.map((pack) => pack.id)],
          );
          const expected = packs.filter((pack) => isInAudience(pack, member)).map((pack) => pack.id);
          expect({ member, ids: rows.map((row) => row.id).sort() }).toEqual({ member, ids: expected.sort() });
        }
    // The rule is not vacuous: some members see some packs and not others.
    expect(
      packs.filter((pack) => isInAudience(pack, { kind: 'employee', teamId: null, locale: 'fi' })),
    ).toHaveLength(6);
  });

  it('offers the variants in the member’s locale, else in the organisation’s default locale', async () => {
    const { org, team } = await ctx.newOrg('Feed Locale');
    const finn = await ctx.newMember(org.id, { locale: 'fi', teamId: team.id, name: 'Ville Virtanen' });
    await newFeedPack(server.dataSource, org.id, {
      title: 'both',
      variants: [
        { network: 'linkedin', locale: 'en', captionTemplate: 'Read {{link}} {{hashtags}}' },
        { network: 'linkedin', locale: 'fi', captionTemplate: 'Lue, {{advocate.firstName}}: {{link}}' },
        { network: 'x', locale: 'en', captionTemplate: 'English only on X {{link}}' },
      ],
    });
    await newFeedPack(server.dataSource, org.id, {
      title: 'english only',
      variants: [{ network: 'x', locale: 'en', captionTemplate: 'Only in English {{link}}' }],
    });
    const { items } = await feedOf(await ctx.signIn(finn));
    const both = items.find((item) => item.title === 'both')!;
    expect(both.locale).toBe('fi');
    expect(both.variants).toEqual([
      expect.objectContaining({ network: 'linkedin', locale: 'fi', caption: 'Lue, Ville: [link]' }),
    ]);
    const english = items.find((item) => item.title === 'english only')!;
    expect(english.locale).toBe('en');
    expect(english.variants).toEqual([
      expect.objectContaining({ network: 'x', locale: 'en', caption: 'Only in English [link]' }),
    ]);
  });

  it('offers only the organisation’s enabled networks and leaves out packs with nothing to share', async () => {
    const { org, advocate } = await ctx.newOrg('Feed Networks');
    await patchSettings(server.dataSource, org.id, { enabledNetworks: ['linkedin', 'x'] });
    await newFeedPack(server.dataSource, org.id, {
      title: 'mixed',
      variants: [{ network: 'facebook' }, { network: 'x' }, { network: 'linkedin' }],
    });
    await newFeedPack(server.dataSource, org.id, {
      title: 'facebook only',
      variants: [{ network: 'facebook' }],
    });
    const { items } = await feedOf(await ctx.signIn(advocate));
    expect(titles(items)).toEqual(['mixed']);
    // In the curator's order.
    expect(items[0]!.variants.map((v) => v.network)).toEqual(['x', 'linkedin']);
  });

  it('leaves out drafts, packs in review, approved, archived and expired packs, and packs past their expiry', async () => {
    const { org, advocate } = await ctx.newOrg('Feed States');
    const soon = new Date(Date.now() + 24 * HOUR);
    for (const status of ['draft', 'in_review', 'approved', 'archived', 'expired'] as const) {
      await newFeedPack(server.dataSource, org.id, { title: status, status });
    }
    await newFeedPack(server.dataSource, org.id, {
      title: 'past expiry',
      expireAt: new Date(Date.now() - 1000),
    });
    await newFeedPack(server.dataSource, org.id, { title: 'live', expireAt: soon });
    const other = await ctx.newOrg('Feed States Other');
    await newFeedPack(server.dataSource, other.org.id, { title: 'another organisation' });

    const { items } = await feedOf(await ctx.signIn(advocate));
    expect(titles(items)).toEqual(['live']);
    expect(items[0]!.expireAt).toBe(soon.toISOString());
  });

  it('pages newest first with an opaque cursor, without gaps or duplicates, ties broken by id', async () => {
    const { org, advocate } = await ctx.newOrg('Feed Pages');
    const base = Date.now() - 100 * HOUR;
    const made: { id: string; at: number }[] = [];
    for (let i = 0; i < 9; i++) {
      // Three pairs share their publish time to the microsecond.
      const at = base + Math.floor(i / 2) * HOUR;
      const pack = await newFeedPack(server.dataSource, org.id, {
        title: `p${i}`,
        publishedAt: new Date(at),
      });
      made.push({ id: pack.id, at });
    }
    const expected = [...made]
      .sort((a, b) => b.at - a.at || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))
      .map((p) => p.id);
    const agent = await ctx.signIn(advocate);
    for (const limit of [1, 2, 4, 9, 20]) {
      const pages = await wholeFeed(agent, limit);
      expect(pages.flat().map((item) => item.packId)).toEqual(expected);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
    }
    const first = await feedOf(agent, { limit: 3 });
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.nextCursor).not.toContain(first.items[2]!.packId);

    // A pack published while paging never shows up twice or pushes another out.
    const second = await feedOf(agent, { limit: 3, cursor: first.nextCursor! });
    await newFeedPack(server.dataSource, org.id, { title: 'newest' });
    const third = await feedOf(agent, { limit: 3, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.packId)).toEqual(
      expected.slice(0, 9),
    );
  });

  it.each([
    ['not base64 json', 'not-a-cursor!'],
    ['a foreign shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
    [
      'a bad time',
      Buffer.from(JSON.stringify(['yesterday', '6f1c1a43-0c4e-4a4e-9d55-3c0f3a7b5e11'])).toString(
        'base64url',
      ),
    ],
    ['a bad id', Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000000Z', 'x'])).toString('base64url')],
    ['an overlong cursor', 'A'.repeat(600)],
  ])('answers 400 naming cursor for %s', async (_, cursor) => {
    const { advocate } = await ctx.newOrg('Feed Cursor');
    const res = await (await ctx.signIn(advocate)).get('/api/feed').query({ cursor });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'cursor' })]));
  });

  it('answers 400 naming limit for a limit out of range', async () => {
    const { advocate } = await ctx.newOrg('Feed Limit');
    const agent = await ctx.signIn(advocate);
    for (const limit of ['0', '101', 'ten']) {
      const res = await agent.get('/api/feed').query({ limit });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'limit' })]));
    }
  });

  it('says per network whether the member already shared the pack', async () => {
    const { org, advocate } = await ctx.newOrg('Feed Shared');
    const colleague = await ctx.newMember(org.id, { name: 'Colleague' });
    const pack = await newFeedPack(server.dataSource, org.id, {
      variants: [{ network: 'linkedin' }, { network: 'x' }, { network: 'bluesky' }],
    });
    const first = await newShare(server.dataSource, advocate, pack, {
      network: 'x',
      createdAt: new Date(Date.now() - 2 * HOUR),
    });
    const latest = await newShare(server.dataSource, advocate, pack, { network: 'x' });
    await newShare(server.dataSource, colleague, pack, { network: 'bluesky' });
    const { items } = await feedOf(await ctx.signIn(advocate));
    const byNetwork = Object.fromEntries(items[0]!.variants.map((v) => [v.network, v]));
    expect(byNetwork.x).toMatchObject({ shared: true, lastSharedAt: latest.createdAt.toISOString() });
    expect(first.createdAt.getTime()).toBeLessThan(latest.createdAt.getTime());
    expect(byNetwork.linkedin).toMatchObject({ shared: false, lastSharedAt: null });
    // A colleague's share is theirs, not the member's.
    expect(byNetwork.bluesky).toMatchObject({ shared: false, lastSharedAt: null });
  });

  it('renders each caption for the member with [link] and the pack’s hashtags and media', async () => {
    const { org, advocate } = await ctx.newOrg('Feed Captions');
    await patchSettings(server.dataSource, org.id, { disclosure: { hashtag: '#employee', required: true } });
    const image = await newMediaAsset(server.dataSource, org.id, 'image');
    const own = await newMediaAsset(server.dataSource, org.id, 'image');
    await newFeedPack(server.dataSource, org.id, {
      hashtags: ['launch', 'tampere'],
      mediaIds: [image.id],
      allowCaptionEdit: false,
      variants: [
        {
          network: 'linkedin',
          captionTemplate: 'Hi from {{advocate.firstName}} {{link}} {{hashtags}} {{disclosure}}',
        },
        {
          network: 'pinterest',
          title: 'Pin title',
          mediaIds: [own.id],
          captionTemplate: 'Pin {{link}} {{disclosure}}',
        },
      ],
    });
    await newFeedPack(server.dataSource, org.id, {
      title: 'no link',
      destinationUrl: null,
      variants: [{ network: 'linkedin', captionTemplate: 'Nothing to click {{link}} {{disclosure}}' }],
    });
    const { items } = await feedOf(await ctx.signIn(advocate));
    const withLink = items.find((item) => item.title !== 'no link')!;
    expect(withLink.allowCaptionEdit).toBe(false);
    expect(withLink.media).toEqual([
      {
        id: image.id,
        // Relative: the web client loads it from whatever address it was opened on.
        url: `/media/${image.id}`,
        kind: 'image',
        mimeType: 'image/png',
        width: 1000,
        height: 1500,
        altText: 'A photo for the tests',
      },
    ]);
    const [linkedin, pinterest] = withLink.variants;
    expect(linkedin).toMatchObject({
      caption: 'Hi from Aku [link] #launch #tampere #employee',
      media: [expect.objectContaining({ id: image.id })],
      title: null,
    });
    expect(pinterest).toMatchObject({ title: 'Pin title', media: [expect.objectContaining({ id: own.id })] });
    const noLink = items.find((item) => item.title === 'no link')!;
    expect(noLink.variants[0]!.caption).toBe('Nothing to click #employee');
  });

  it('tells the member whether they may share and which training blocks them', async () => {
    const { org, advocate } = await ctx.newOrg('Feed Readiness');
    const policy = await ctx.newTrainingModule(org.id, {
      kind: 'policy',
      title: { en: 'Social media policy' },
    });
    await patchSettings(server.dataSource, org.id, { requiredTrainingModuleIds: [policy.id] });
    await newFeedPack(server.dataSource, org.id);
    const agent = await ctx.signIn(advocate);
    const locked = await feedOf(agent);
    expect(locked.readiness).toEqual({
      mayShare: false,
      blocking: [
        expect.objectContaining({ moduleId: policy.id, title: 'Social media policy', status: 'not_started' }),
      ],
    });
    // The packs are still listed, so the member sees what the training unlocks.
    expect(locked.items).toHaveLength(1);
    await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 }).expect(200);
    expect((await feedOf(agent)).readiness).toEqual({ mayShare: true, blocking: [] });
  });
});
