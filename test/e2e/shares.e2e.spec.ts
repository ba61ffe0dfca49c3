import { listNetworks, type NetworkId } from '@heimo/domain';
import request from 'supertest';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import type { Team } from '../../apps/api/src/modules/organisations/entities/team.entity';
import { newFeedPack, patchSettings, sharingState } from '../support/feed-packs';
import { newMediaAsset } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

const PUBLIC_URL = 'http://localhost:3000';
const TEMPLATE = 'Worth a read {{link}} {{hashtags}} {{disclosure}}';
const DESTINATION = 'https://example.com/news/launch?ref=blog';

interface ShareResult {
  id: string;
  code: string;
  network: NetworkId;
  locale: string;
  text: string;
  trackedUrl: string;
  action: {
    kind: 'intent' | 'manual';
    networkId: NetworkId;
    url?: string;
    clipboardText: string | null;
    mediaUrl?: string | null;
    steps?: string[];
    instructions?: string;
  };
  createdAt: string;
}

describe('POST /api/shares', () => {
  const { server, ctx } = useTestServer({ workers: false });

  /** An organisation with a disclosure rule, a blocked term and a pack with a variant on every network. */
  async function sharingOrg(name: string) {
    const made = await ctx.newOrg(name);
    await patchSettings(server.dataSource, made.org.id, {
      disclosure: { hashtag: '#employee', required: true },
      blockedTerms: ['guaranteed returns', 'moonshot'],
    });
    const image = await newMediaAsset(server.dataSource, made.org.id, 'image');
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: DESTINATION,
      hashtags: ['launch'],
      variants: listNetworks().map((network) => ({
        network: network.id,
        captionTemplate: TEMPLATE,
        title: network.title ? 'A title' : null,
        mediaIds: network.media.required ? [image.id] : [],
      })),
    });
    return { ...made, image, pack };
  }

  const share = (agent: request.Agent, body: unknown, key?: string) => {
    const call = agent.post('/api/shares');
    if (key !== undefined) call.set('Idempotency-Key', key);
    return call.send(body as object);
  };

  const dailyStats = async (memberId: string) =>
    server.dataSource.query(
      `SELECT network, shares::int, reach::int, points::int FROM daily_stats WHERE member_id = $1 ORDER BY network`,
      [memberId],
    ) as Promise<{ network: string; shares: number; reach: number; points: number }[]>;

  describe('happy paths', () => {
    it.each(listNetworks().map((network) => [network.id, network.sharing.mode] as const))(
      'shares on %s (%s) with a tracked link that redirects to the destination with UTM parameters',
      async (networkId, mode) => {
        const { org, advocate, pack, image } = await sharingOrg(`Share ${networkId}`);
        await ctx.newProfile(advocate, {
          network: networkId === 'linkedin' ? 'x' : networkId,
          audienceSize: 480,
        });
        const agent = await ctx.signIn(advocate);
        const res = await share(agent, { packId: pack.id, network: networkId });
        expect(res.status).toBe(201);
        const body = res.body as ShareResult;
        expect(body.code).toMatch(/^[0-9A-Za-z]{10}$/);
        expect(body.trackedUrl).toBe(`${PUBLIC_URL}/r/${body.code}`);
        expect(body).toMatchObject({ network: networkId, locale: 'en' });
        const network = listNetworks().find((n) => n.id === networkId)!;
        if (network.linkPlacement === 'text') {
          expect(body.text).toBe(`Worth a read ${body.trackedUrl} #launch #employee`);
        } else {
          expect(body.text).toMatch(/^Worth a read/);
        }
        expect(body.action.kind).toBe(mode);
        expect(body.action.networkId).toBe(networkId);
        if (mode === 'intent') {
          expect(new URL(body.action.url!).protocol).toMatch(/^(https|mailto):$/);
          // The intent leaves Heimo: a network that fetches the image gets its absolute address.
          if (network.media.required) {
            expect(new URL(body.action.url!).searchParams.get('media')).toBe(
              `${PUBLIC_URL}/media/${image.id}`,
            );
          }
        } else {
          // Instagram: copy the caption, download the image (in the app: its relative address), post by
          // hand. Mastodon (no member server known): copy the caption, post by hand, no picture required.
          expect(body.action).toMatchObject({
            clipboardText: body.text,
            mediaUrl: network.media.required ? `/media/${image.id}` : null,
            steps: expect.arrayContaining(['copy_caption']),
            instructions: expect.any(String),
          });
        }

        const redirect = await request(server.baseUrl).get(`/r/${body.code}`).redirects(0);
        expect(redirect.status).toBe(302);
        const location = new URL(redirect.headers.location as string);
        expect(`${location.origin}${location.pathname}`).toBe('https://example.com/news/launch');
        expect(Object.fromEntries(location.searchParams)).toEqual({
          ref: 'blog',
          utm_source: networkId,
          utm_medium: 'advocacy',
          utm_campaign: pack.slug,
          utm_content: body.code,
        });

        const mine = await agent.get('/api/me/shares').expect(200);
        expect(mine.body.items).toEqual([
          expect.objectContaining({
            id: body.id,
            packId: pack.id,
            packTitle: 'Launch',
            network: networkId,
            code: body.code,
            trackedUrl: body.trackedUrl,
            text: body.text,
            // linkedin's profile comes with ctx.newOrg(): audience 100.
            audienceSize: networkId === 'linkedin' ? 100 : 480,
          }),
        ]);
        expect(await dailyStats(advocate.id)).toEqual([
          { network: networkId, shares: 1, reach: networkId === 'linkedin' ? 100 : 480, points: 10 },
        ]);
        expect((await sharingState(server.dataSource, org.id)).audited).toBe(1);
      },
    );

    it('shares the member’s own caption with the link where [link] stands, and appends it where it was dropped', async () => {
      const { advocate, pack } = await sharingOrg('Share Edited');
      const agent = await ctx.signIn(advocate);
      const edited = await share(agent, {
        packId: pack.id,
        network: 'x',
        caption: 'In my own words: [link] #employee',
      }).expect(201);
      expect(edited.body.text).toBe(`In my own words: ${edited.body.trackedUrl} #employee`);
      const dropped = await share(agent, {
        packId: pack.id,
        network: 'bluesky',
        caption: 'No link here #employee',
      });
      expect(dropped.status).toBe(201);
      expect(dropped.body.text).toContain(dropped.body.trackedUrl);
      const stored = await server.dataSource.query('SELECT text FROM shares WHERE id = $1', [edited.body.id]);
      expect(stored[0].text).toBe(edited.body.text);
    });

    it('snapshots an audience of 0 without a profile on the network, and adds each first share to the day’s rollup', async () => {
      const { advocate, pack } = await sharingOrg('Share Reach');
      const agent = await ctx.signIn(advocate);
      await share(agent, { packId: pack.id, network: 'threads' }).expect(201);
      await share(agent, { packId: pack.id, network: 'threads' }).expect(201);
      await share(agent, { packId: pack.id, network: 'linkedin' }).expect(201);
      expect(await dailyStats(advocate.id)).toEqual([
        { network: 'linkedin', shares: 1, reach: 100, points: 10 },
        { network: 'threads', shares: 1, reach: 0, points: 10 },
      ]);
    });

    it('records the share in the audit trail, and the feed then marks the network shared', async () => {
      const { org, admin, advocate, pack } = await sharingOrg('Share Audit');
      const agent = await ctx.signIn(advocate);
      const res = await share(agent, { packId: pack.id, network: 'x' }).expect(201);
      const audit = await (
        await ctx.signIn(admin)
      )
        .get('/api/audit-events')
        .query({ action: 'share.created' });
      expect(audit.status).toBe(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'share.created',
          targetType: 'pack',
          targetId: pack.id,
          details: { shareId: res.body.id, network: 'x', credited: true },
        }),
      ]);
      const feed = await agent.get('/api/feed').expect(200);
      const x = feed.body.items[0].variants.find((v: { network: string }) => v.network === 'x');
      expect(x).toMatchObject({ shared: true, lastSharedAt: res.body.createdAt });
      expect((await sharingState(server.dataSource, org.id)).shares).toBe(1);
    });

    it('lets a member share once their required training is done', async () => {
      const { org, advocate, pack } = await sharingOrg('Share Trained');
      const policy = await ctx.newTrainingModule(org.id, { kind: 'policy', title: { en: 'Policy' } });
      await patchSettings(server.dataSource, org.id, { requiredTrainingModuleIds: [policy.id] });
      const agent = await ctx.signIn(advocate);
      const refused = await share(agent, { packId: pack.id, network: 'x' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'share.training_required',
        blocking: [expect.objectContaining({ moduleId: policy.id, title: 'Policy', status: 'not_started' })],
      });
      await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 }).expect(200);
      await share(agent, { packId: pack.id, network: 'x' }).expect(201);
    });
  });

  describe('disclosure per member kind', () => {
    it('gives a fan’s caption the fan disclosure, never #employee, and refuses one without it', async () => {
      const { org, advocate } = await ctx.newOrg('Fans disclose');
      await patchSettings(server.dataSource, org.id, {
        disclosure: { required: true, employee: '#employee', fan: '#brandfan' },
      });
      const fan = await ctx.newMember(org.id, { kind: 'fan', name: 'Fanni Fan' });
      const pack = await newFeedPack(server.dataSource, org.id, {
        title: 'For everyone',
        destinationUrl: DESTINATION,
        hashtags: ['launch'],
        audienceKinds: ['employee', 'fan'],
        allowCaptionEdit: true,
        variants: [{ network: 'x', captionTemplate: TEMPLATE }],
      });
      const fanAgent = await ctx.signIn(fan);

      // The feed offers the fan their own disclosure to start editing from.
      const feed = await fanAgent.get('/api/feed').expect(200);
      expect(feed.body.items[0].variants[0].caption).toBe('Worth a read [link] #launch #brandfan');

      const shared = await share(fanAgent, { packId: pack.id, network: 'x' });
      expect(shared.status).toBe(201);
      expect(shared.body.text).toBe(`Worth a read ${shared.body.trackedUrl} #launch #brandfan`);
      expect(shared.body.text).not.toContain('#employee');

      // An employee sharing the same pack still carries the employees' disclosure.
      const employeeShare = await share(await ctx.signIn(advocate), { packId: pack.id, network: 'x' });
      expect(employeeShare.body.text).toBe(`Worth a read ${employeeShare.body.trackedUrl} #launch #employee`);

      const before = await sharingState(server.dataSource, org.id);
      for (const caption of ['My own words [link]', 'My own words [link] #employee']) {
        const refused = await share(fanAgent, { packId: pack.id, network: 'x', caption });
        expect(refused.status).toBe(422);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body.code).toBe('share.caption_invalid');
        expect(refused.body.errors).toEqual([
          expect.objectContaining({ field: 'caption', code: 'caption.disclosure_missing' }),
        ]);
      }
      expect(await sharingState(server.dataSource, org.id)).toEqual(before);
      expect(
        (await share(fanAgent, { packId: pack.id, network: 'x', caption: 'Mine [link] #brandfan' })).status,
      ).toBe(201);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the same share (200, Idempotent-Replayed) and stores nothing new', async () => {
      const { org, advocate, pack } = await sharingOrg('Idempotent Replay');
      const agent = await ctx.signIn(advocate);
      const body = { packId: pack.id, network: 'x', caption: 'Mine [link] #employee' };
      const first = await share(agent, body, 'click-1');
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await share(agent, body, 'click-1');
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await sharingState(server.dataSource, org.id)).toMatchObject({
        shares: 1,
        dailyShares: 1,
        dailyPoints: 10,
        audited: 1,
      });
    });

    it('refuses the same key with another request (422) and writes nothing', async () => {
      const { org, advocate, pack } = await sharingOrg('Idempotent Reuse');
      const agent = await ctx.signIn(advocate);
      await share(agent, { packId: pack.id, network: 'x' }, 'k').expect(201);
      const before = await sharingState(server.dataSource, org.id);
      for (const body of [
        { packId: pack.id, network: 'linkedin' },
        { packId: pack.id, network: 'x', caption: 'Other words [link] #employee' },
      ]) {
        const res = await share(agent, body, 'k');
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({
          code: 'share.idempotency_key_reused',
          errors: [expect.objectContaining({ field: 'Idempotency-Key' })],
        });
      }
      expect(await sharingState(server.dataSource, org.id)).toEqual(before);
    });

    it('keeps keys per member and makes a new share for a new key', async () => {
      const { org, team, advocate, pack } = await sharingOrg('Idempotent Members');
      const colleague = await ctx.newMember(org.id, { teamId: team.id });
      const mine = await share(await ctx.signIn(advocate), { packId: pack.id, network: 'x' }, 'same');
      const theirs = await share(await ctx.signIn(colleague), { packId: pack.id, network: 'x' }, 'same');
      const next = await share(await ctx.signIn(advocate), { packId: pack.id, network: 'x' }, 'other');
      expect([mine.status, theirs.status, next.status]).toEqual([201, 201, 201]);
      expect(new Set([mine.body.id, theirs.body.id, next.body.id]).size).toBe(3);
    });

    it('makes exactly one share from a burst of concurrent requests with one key', async () => {
      const { org, advocate, pack } = await sharingOrg('Idempotent Burst');
      const agents = await Promise.all([1, 2, 3].map(() => ctx.signIn(advocate)));
      const body = { packId: pack.id, network: 'linkedin' };
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => share(agents[i % agents.length]!, body, 'double-click')),
      );
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
      expect(await sharingState(server.dataSource, org.id)).toMatchObject({
        shares: 1,
        dailyShares: 1,
        dailyPoints: 10,
        audited: 1,
      });
    });
  });

  describe('refusals: a clear 4xx naming the field or code, and nothing written', () => {
    interface Fixture {
      advocate: request.Agent;
      trainee: request.Agent;
      orgId: string;
      packs: Record<string, string>;
    }
    let f: Fixture;

    beforeAll(async () => {
      const { org, advocate, pack, image } = await sharingOrg('Refusals');
      await patchSettings(server.dataSource, org.id, {
        disclosure: { hashtag: '#employee', required: true },
        blockedTerms: ['guaranteed returns', 'moonshot'],
        enabledNetworks: listNetworks()
          .map((n) => n.id)
          .filter((id) => id !== 'reddit'),
      });
      const otherTeam: Team = await ctx.newTeam(org.id);
      const trainingTeam: Team = await ctx.newTeam(org.id);
      const trainee: Member = await ctx.newMember(org.id, { teamId: trainingTeam.id, name: 'Tero Trainee' });
      const module = await ctx.newTrainingModule(org.id, {
        kind: 'policy',
        requiredFor: { kinds: ['employee'], teamIds: [trainingTeam.id] },
      });
      await patchSettings(server.dataSource, org.id, { requiredTrainingModuleIds: [module.id] });
      const other = await sharingOrg('Refusals Other');
      const linkedinOnly = { variants: [{ network: 'linkedin', captionTemplate: TEMPLATE }] };
      const make = (options: Parameters<typeof newFeedPack>[2] = {}) =>
        newFeedPack(server.dataSource, org.id, { ...linkedinOnly, ...options }).then((p) => p.id);
      f = {
        advocate: await ctx.signIn(advocate),
        trainee: await ctx.signIn(trainee),
        orgId: org.id,
        packs: {
          editable: pack.id,
          locked: await make({ allowCaptionEdit: false }),
          draft: await make({ status: 'draft' }),
          inReview: await make({ status: 'in_review' }),
          approved: await make({ status: 'approved' }),
          archived: await make({ status: 'archived' }),
          expired: await make({ status: 'expired' }),
          pastExpiry: await make({ expireAt: new Date(Date.now() - 60_000) }),
          otherTeam: await make({ audienceTeamIds: [otherTeam.id] }),
          fans: await make({ audienceKinds: ['fan'] }),
          finnish: await make({ audienceLocales: ['fi'] }),
          otherOrg: other.pack.id,
          staleRules: await make({
            variants: [{ network: 'linkedin', captionTemplate: 'A moonshot {{link}} {{disclosure}}' }],
          }),
          mediaGone: await make({
            variants: [
              { network: 'instagram', captionTemplate: 'Photo {{disclosure}}', mediaIds: [image.id] },
            ],
          }),
        },
      };
      // The image is deleted after the pack was published: Instagram needs media.
      await server.dataSource.query('DELETE FROM media_assets WHERE id = $1', [image.id]);
    });

    interface Case {
      name: string;
      as?: 'advocate' | 'trainee';
      body: (packs: Record<string, string>) => unknown;
      key?: string;
      raw?: string;
      status: number;
      code: string;
      field?: string;
      fieldCode?: string;
    }

    const base = (packs: Record<string, string>) => ({ packId: packs.editable, network: 'x' });
    const valid = 'validation.failed';
    const cases: Case[] = [
      {
        name: 'an edited caption over X’s limit once the link is in',
        body: (p) => ({ ...base(p), caption: `${'a'.repeat(247)} #employee [link]` }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.too_long',
      },
      {
        name: 'an edited caption without the disclosure hashtag',
        body: (p) => ({ ...base(p), caption: 'Great read [link]' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.disclosure_missing',
      },
      {
        name: 'an edited caption with a blocked term',
        body: (p) => ({ ...base(p), caption: 'Guaranteed returns! [link] #employee' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.blocked_term',
      },
      {
        name: 'an edited caption with a control character',
        body: (p) => ({ ...base(p), caption: 'Bad \u0007 bell [link] #employee' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.invalid_character',
      },
      {
        name: 'an edited caption that is only spaces',
        body: (p) => ({ packId: p.editable, network: 'linkedin', caption: '   ' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.empty',
      },
      {
        name: 'an edited caption with too many hashtags for Instagram',
        body: (p) => ({ packId: p.editable, network: 'instagram', caption: '#employee #a #b #c #d #e' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.too_many_hashtags',
      },
      {
        name: 'a caption edit on a pack that does not allow it',
        body: (p) => ({ packId: p.locked, network: 'linkedin', caption: 'Mine [link] #employee' }),
        status: 422,
        code: 'share.caption_edit_not_allowed',
        field: 'caption',
      },
      {
        name: 'a variant whose template now holds a term blocked since',
        body: (p) => ({ packId: p.staleRules, network: 'linkedin' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'caption.blocked_term',
      },
      {
        name: 'an Instagram variant whose media was deleted',
        body: (p) => ({ packId: p.mediaGone, network: 'instagram' }),
        status: 422,
        code: 'share.caption_invalid',
        field: 'caption',
        fieldCode: 'variant.media_required',
      },
      {
        name: 'an edited caption over 5000 characters',
        body: (p) => ({ ...base(p), caption: `${'a'.repeat(5001)}` }),
        status: 400,
        code: valid,
        field: 'caption',
      },
      {
        name: 'a caption that is a number',
        body: (p) => ({ ...base(p), caption: 42 }),
        status: 400,
        code: valid,
        field: 'caption',
      },
      {
        name: 'a caption that is null',
        body: (p) => ({ ...base(p), caption: null }),
        status: 400,
        code: valid,
        field: 'caption',
      },
      {
        name: 'an unknown network',
        body: (p) => ({ packId: p.editable, network: 'myspace' }),
        status: 400,
        code: valid,
        field: 'network',
      },
      {
        name: 'a network id in capitals',
        body: (p) => ({ packId: p.editable, network: 'X' }),
        status: 400,
        code: valid,
        field: 'network',
      },
      {
        name: 'a disabled network',
        body: (p) => ({ packId: p.editable, network: 'reddit' }),
        status: 422,
        code: 'share.network_disabled',
        field: 'network',
      },
      {
        name: 'a network the pack has no variant for',
        body: (p) => ({ packId: p.locked, network: 'x' }),
        status: 422,
        code: 'share.no_variant',
        field: 'network',
      },
      {
        name: 'a draft pack',
        body: (p) => ({ packId: p.draft, network: 'linkedin' }),
        status: 409,
        code: 'share.pack_not_published',
      },
      {
        name: 'a pack in review',
        body: (p) => ({ packId: p.inReview, network: 'linkedin' }),
        status: 409,
        code: 'share.pack_not_published',
      },
      {
        name: 'an approved, unpublished pack',
        body: (p) => ({ packId: p.approved, network: 'linkedin' }),
        status: 409,
        code: 'share.pack_not_published',
      },
      {
        name: 'an archived pack',
        body: (p) => ({ packId: p.archived, network: 'linkedin' }),
        status: 409,
        code: 'share.pack_not_published',
      },
      {
        name: 'an expired pack',
        body: (p) => ({ packId: p.expired, network: 'linkedin' }),
        status: 409,
        code: 'share.pack_expired',
      },
      {
        name: 'a published pack past its expiry',
        body: (p) => ({ packId: p.pastExpiry, network: 'linkedin' }),
        status: 409,
        code: 'share.pack_expired',
      },
      {
        name: 'another organisation’s pack',
        body: (p) => ({ packId: p.otherOrg, network: 'linkedin' }),
        status: 404,
        code: 'pack.not_found',
      },
      {
        name: 'a pack that does not exist',
        body: () => ({ packId: '6f1c1a43-0c4e-4a4e-9d55-3c0f3a7b5e11', network: 'linkedin' }),
        status: 404,
        code: 'pack.not_found',
      },
      {
        name: 'a pack for another team',
        body: (p) => ({ packId: p.otherTeam, network: 'linkedin' }),
        status: 403,
        code: 'share.not_in_audience',
      },
      {
        name: 'a pack for fans only',
        body: (p) => ({ packId: p.fans, network: 'linkedin' }),
        status: 403,
        code: 'share.not_in_audience',
      },
      {
        name: 'a pack for Finnish readers',
        body: (p) => ({ packId: p.finnish, network: 'linkedin' }),
        status: 403,
        code: 'share.not_in_audience',
      },
      {
        name: 'a member whose training is incomplete',
        as: 'trainee',
        body: (p) => base(p),
        status: 403,
        code: 'share.training_required',
      },
      {
        name: 'a malformed pack id',
        body: () => ({ packId: 'not-a-uuid', network: 'x' }),
        status: 400,
        code: valid,
        field: 'packId',
      },
      {
        name: 'a pack id with SQL in it',
        body: () => ({ packId: "' OR 1=1 --", network: 'x' }),
        status: 400,
        code: valid,
        field: 'packId',
      },
      {
        name: 'a missing pack id',
        body: () => ({ network: 'x' }),
        status: 400,
        code: valid,
        field: 'packId',
      },
      {
        name: 'a missing network',
        body: (p) => ({ packId: p.editable }),
        status: 400,
        code: valid,
        field: 'network',
      },
      {
        name: 'a pack id that is a number',
        body: () => ({ packId: 42, network: 'x' }),
        status: 400,
        code: valid,
        field: 'packId',
      },
      {
        name: 'a network that is a list',
        body: (p) => ({ packId: p.editable, network: ['x'] }),
        status: 400,
        code: valid,
        field: 'network',
      },
      {
        name: 'a network that is null',
        body: (p) => ({ packId: p.editable, network: null }),
        status: 400,
        code: valid,
        field: 'network',
      },
      {
        name: 'an unknown field',
        body: (p) => ({ ...base(p), audienceSize: 1_000_000 }),
        status: 400,
        code: valid,
        field: 'audienceSize',
        fieldCode: 'validation.unknown_field',
      },
      { name: 'an empty body', body: () => ({}), status: 400, code: valid, field: 'packId' },
      {
        name: 'a body that is not JSON',
        raw: '{"packId": ',
        body: () => null,
        status: 400,
        code: 'validation.malformed_json',
        field: 'body',
        fieldCode: 'validation.malformed_json',
      },
      {
        name: 'an empty Idempotency-Key',
        key: '',
        body: base,
        status: 400,
        code: valid,
        field: 'Idempotency-Key',
      },
      {
        name: 'an Idempotency-Key over 200 characters',
        key: 'k'.repeat(201),
        body: base,
        status: 400,
        code: valid,
        field: 'Idempotency-Key',
      },
      {
        name: 'an Idempotency-Key with spaces',
        key: 'two words',
        body: base,
        status: 400,
        code: valid,
        field: 'Idempotency-Key',
      },
    ];

    it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

    it.each(cases.map((c) => [c.name, c] as const))('refuses %s', async (_, c) => {
      const before = await sharingState(server.dataSource, f.orgId);
      const agent = f[c.as ?? 'advocate'];
      let call = agent.post('/api/shares');
      if (c.key !== undefined) call = call.set('Idempotency-Key', c.key);
      const res = c.raw
        ? await call.set('Content-Type', 'application/json').send(c.raw)
        : await call.send(c.body(f.packs) as object);
      if (res.status !== c.status) throw new Error(`expected ${c.status}, got ${res.status}: ${res.text}`);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: c.status, code: c.code, detail: expect.any(String) });
      if (c.field) {
        expect(res.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: c.field, ...(c.fieldCode ? { code: c.fieldCode } : {}) }),
          ]),
        );
      }
      if (c.code === 'share.caption_invalid') {
        expect(res.body.issues).toEqual(
          expect.arrayContaining([expect.objectContaining({ code: c.fieldCode })]),
        );
      }
      expect(await sharingState(server.dataSource, f.orgId)).toEqual(before);
    });

    it('writes nothing for any of them (no share, rollup or audit event at all)', async () => {
      expect(await sharingState(server.dataSource, f.orgId)).toEqual({
        shares: 0,
        dailyStatRows: 0,
        dailyShares: 0,
        dailyPoints: 0,
        audited: 0,
      });
    });
  });
});
