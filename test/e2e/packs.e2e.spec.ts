import type request from 'supertest';
import { feedItemDraft } from '../../apps/api/src/modules/feeds/feed-draft';
import { PacksService } from '../../apps/api/src/modules/packs/packs.service';
import { newMediaAsset, packsState } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

type Agent = request.Agent;

interface PackBody {
  id: string;
  slug: string;
  status: string;
  version: number;
  authorIds: string[];
  availableActions: string[];
  unavailableActions: { action: string; code: string }[];
  variants: {
    id: string;
    network: string;
    locale: string;
    check: { ok: boolean; issues: { code: string }[] };
  }[];
  transitions: {
    from: string | null;
    to: string;
    action: string;
    actorId: string | null;
    actorName: string | null;
    comment: string | null;
  }[];
}

const packBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Spring launch',
  summary: 'Our biggest release this year.',
  destinationUrl: 'https://example.com/blog/spring-launch',
  hashtags: ['#launch', 'spring', 'Launch'],
  variants: [
    {
      network: 'linkedin',
      locale: 'en',
      captionTemplate: 'Proud of the team. {{link}} {{hashtags}} {{disclosure}}',
    },
    { network: 'x', locale: 'en', captionTemplate: 'It is out! {{link}} {{disclosure}}' },
    { network: 'x', locale: 'fi', captionTemplate: 'Nyt julki! {{link}} {{disclosure}}' },
    { network: 'bluesky', locale: 'fi', captionTemplate: 'Katso tämä {{link}}' },
  ],
  ...overrides,
});

describe('packs', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const setSettings = (organisationId: string, patch: Record<string, unknown>) =>
    server.dataSource.query(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
      organisationId,
      JSON.stringify(patch),
    ]);

  /** An organisation with two curators signed in. */
  const curators = async (name: string) => {
    const fixture = await ctx.newOrg(name);
    const second = await ctx.newMember(fixture.org.id, { roles: ['curator'], name: 'Sisko Second' });
    return {
      ...fixture,
      second,
      author: await ctx.signIn(fixture.curator),
      reviewer: await ctx.signIn(second),
    };
  };

  const create = async (agent: Agent, body: Record<string, unknown> = packBody()) => {
    const res = await agent.post('/api/packs').send(body);
    expect(res.status).toBe(201);
    return res.body as PackBody;
  };

  const act = async (agent: Agent, pack: { id: string; version: number }, action: string, comment?: string) =>
    agent.post(`/api/packs/${pack.id}/transitions`).send({ action, version: pack.version, comment });

  const step = async (
    agent: Agent,
    pack: { id: string; version: number },
    action: string,
    comment?: string,
  ) => {
    const res = await act(agent, pack, action, comment);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
    return res.body as PackBody;
  };

  it('drafts a pack with its variants in order, each checked, with its creation in the history', async () => {
    const { org, curator, author } = await curators('Drafting');
    const pack = await create(author);
    expect(pack).toMatchObject({
      slug: 'spring-launch',
      status: 'draft',
      version: 1,
      origin: 'manual',
      destinationUrl: 'https://example.com/blog/spring-launch',
      createdById: curator.id,
      createdByName: 'Cora Curator',
      authorIds: [curator.id],
      audienceKinds: ['employee'],
      allowCaptionEdit: true,
      hashtags: ['launch', 'spring'],
    });
    expect(pack.variants.map((v) => `${v.network}/${v.locale}`)).toEqual([
      'linkedin/en',
      'x/en',
      'x/fi',
      'bluesky/fi',
    ]);
    expect(pack.variants.every((v) => v.check.ok)).toBe(true);
    expect(pack.transitions).toEqual([
      expect.objectContaining({ from: null, to: 'draft', action: 'create', actorName: 'Cora Curator' }),
    ]);
    expect(pack.availableActions).toEqual(['submit']);

    const again = await create(author);
    expect(again.slug).toBe('spring-launch-2');

    const read = await author.get(`/api/packs/${pack.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(pack);

    const audit = await server.dataSource.query(
      `SELECT action, target_type, target_id FROM audit_events WHERE organisation_id = $1 AND action LIKE 'pack.%'`,
      [org.id],
    );
    expect(audit).toEqual(
      expect.arrayContaining([{ action: 'pack.created', target_type: 'pack', target_id: pack.id }]),
    );
  });

  it('goes draft → review → rejected with a comment → review → approved → published → archived, recording each step', async () => {
    const { curator, second, author, reviewer } = await curators('Lifecycle');
    let pack = await create(author);
    pack = await step(author, pack, 'submit');
    expect(pack.status).toBe('in_review');

    const noComment = await act(reviewer, pack, 'reject');
    expect(noComment.status).toBe(400);
    expect(noComment.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(noComment.body).toMatchObject({
      code: 'pack.comment_required',
      errors: [expect.objectContaining({ field: 'comment' })],
    });

    pack = await step(reviewer, pack, 'reject', '  The X caption needs a better hook.  ');
    expect(pack.status).toBe('draft');
    pack = await step(author, pack, 'submit');
    pack = await step(reviewer, pack, 'approve');
    expect(pack.status).toBe('approved');
    pack = await step(reviewer, pack, 'publish');
    expect(pack).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    pack = await step(author, pack, 'archive');
    expect(pack.status).toBe('archived');
    expect(pack.availableActions).toEqual([]);

    const read = (await author.get(`/api/packs/${pack.id}`)).body as PackBody;
    expect(read.transitions.map((t) => [t.from, t.action, t.to, t.actorName, t.comment])).toEqual([
      [null, 'create', 'draft', 'Cora Curator', null],
      ['draft', 'submit', 'in_review', 'Cora Curator', null],
      ['in_review', 'reject', 'draft', 'Sisko Second', 'The X caption needs a better hook.'],
      ['draft', 'submit', 'in_review', 'Cora Curator', null],
      ['in_review', 'approve', 'approved', 'Sisko Second', null],
      ['approved', 'publish', 'published', 'Sisko Second', null],
      ['published', 'archive', 'archived', 'Cora Curator', null],
    ]);
    expect(read.transitions.map((t) => t.actorId)).toEqual([
      curator.id,
      curator.id,
      second.id,
      curator.id,
      second.id,
      second.id,
      curator.id,
    ]);

    // Archived is final: no action and no edit moves it.
    const again = await act(author, read, 'publish');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('pack.transition_not_allowed');
    const events = await server.dataSource.query(
      `SELECT details->>'action' AS action FROM audit_events WHERE target_id = $1 AND action = 'pack.transitioned' ORDER BY created_at`,
      [pack.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'reject',
      'submit',
      'approve',
      'publish',
      'archive',
    ]);
  });

  it('with four-eyes on, no author — creator, editor or submitter — may approve; with it off the author may', async () => {
    const { org, curator, author, reviewer } = await curators('Four Eyes');
    const third = await ctx.signIn(await ctx.newMember(org.id, { roles: ['curator'], name: 'Tuula Third' }));
    let pack = await create(author);
    pack = await step(author, pack, 'submit');
    const own = await act(author, pack, 'approve');
    expect(own.status).toBe(403);
    expect(own.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(own.body.code).toBe('pack.four_eyes_required');
    expect(own.body.detail).toMatch(/someone else reviews it/);
    // The author is offered only what they may do, and told why approve and reject are not there.
    expect(pack.availableActions).toEqual(['withdraw']);
    expect(pack.unavailableActions).toEqual([
      { action: 'approve', code: 'pack.four_eyes_required' },
      { action: 'reject', code: 'pack.four_eyes_required' },
    ]);
    const ownReject = await act(author, pack, 'reject', 'Not my own call');
    expect(ownReject.status).toBe(403);
    expect(ownReject.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ownReject.body).toMatchObject({ code: 'pack.four_eyes_required', params: { action: 'reject' } });
    const asReviewer = (await reviewer.get(`/api/packs/${pack.id}`)).body as PackBody;
    expect(asReviewer.availableActions).toEqual(['withdraw', 'approve', 'reject']);
    expect(asReviewer.unavailableActions).toEqual([]);

    // The reviewer edits the pack while it is in review: now an author too, and the edit is in the history.
    const edited = await reviewer
      .patch(`/api/packs/${pack.id}`)
      .send({ version: pack.version, summary: 'Tightened up.' });
    expect(edited.status).toBe(200);
    pack = edited.body;
    expect(pack.status).toBe('in_review');
    expect(pack.authorIds).toHaveLength(2);
    expect(pack.transitions.at(-1)).toMatchObject({
      from: 'in_review',
      to: 'in_review',
      action: 'edit',
      actorName: 'Sisko Second',
    });
    expect(pack.unavailableActions).toEqual([
      { action: 'approve', code: 'pack.four_eyes_required' },
      { action: 'reject', code: 'pack.four_eyes_required' },
    ]);
    expect((await act(reviewer, pack, 'approve')).body.code).toBe('pack.four_eyes_required');
    pack = await step(third, pack, 'approve');
    expect(pack.status).toBe('approved');

    await setSettings(org.id, { fourEyesApproval: false });
    let solo = await create(author, packBody({ title: 'Solo' }));
    solo = await step(author, solo, 'submit');
    expect(solo.availableActions).toContain('approve');
    solo = await step(author, solo, 'approve');
    expect(solo.transitions.at(-1)).toMatchObject({ action: 'approve', actorId: curator.id });
  });

  it('answers a stale save with 409, the current version and pack; the first save is kept and a reloaded save goes through', async () => {
    const { org, author, reviewer } = await curators('Locking');
    const pack = await create(author);
    const first = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: 1, title: 'First curator’s title' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);

    const before = await packsState(server.dataSource, org.id);
    const second = await reviewer
      .patch(`/api/packs/${pack.id}`)
      .send({ version: 1, summary: 'Second curator’s summary' });
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.body).toMatchObject({
      code: 'pack.stale_version',
      currentVersion: 2,
      current: {
        id: pack.id,
        version: 2,
        title: 'First curator’s title',
        summary: 'Our biggest release this year.',
      },
    });
    const staleAction = await act(reviewer, { id: pack.id, version: 1 }, 'submit');
    expect(staleAction.status).toBe(409);
    expect(staleAction.body).toMatchObject({ code: 'pack.stale_version', currentVersion: 2 });
    expect(await packsState(server.dataSource, org.id)).toEqual(before);

    const retried = await reviewer
      .patch(`/api/packs/${pack.id}`)
      .send({ version: second.body.currentVersion, summary: 'Second curator’s summary' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      version: 3,
      title: 'First curator’s title',
      summary: 'Second curator’s summary',
    });
  });

  it('sends an approved pack back to review when its content changes, but not when only its schedule does', async () => {
    const { author, reviewer } = await curators('Approved Edits');
    let pack = await create(author);
    pack = await step(author, pack, 'submit');
    pack = await step(reviewer, pack, 'approve');

    const publishAt = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await reviewer
      .patch(`/api/packs/${pack.id}`)
      .send({ version: pack.version, publishAt });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'approved', publishAt });
    pack = scheduled.body;

    const edited = await author.patch(`/api/packs/${pack.id}`).send({
      version: pack.version,
      variants: [
        { network: 'linkedin', locale: 'en', captionTemplate: 'New words. {{link}} {{disclosure}}' },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('in_review');
    expect((edited.body as PackBody).transitions.at(-1)).toMatchObject({
      from: 'approved',
      to: 'in_review',
      action: 'edit',
      actorName: 'Cora Curator',
    });
    pack = await step(reviewer, edited.body, 'approve');
    expect(pack.status).toBe('approved');
  });

  it('lets a published pack take only a new expiry, and expired or archived packs nothing', async () => {
    const { org, author, reviewer } = await curators('Published Edits');
    let pack = await create(author);
    pack = await step(author, pack, 'submit');
    pack = await step(reviewer, pack, 'approve');
    pack = await step(reviewer, pack, 'publish');

    const before = await packsState(server.dataSource, org.id);
    const content = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: pack.version, title: 'Changed' });
    expect(content.status).toBe(409);
    expect(content.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(content.body).toMatchObject({ code: 'pack.not_editable', state: 'published', fields: ['title'] });
    const publishAt = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: pack.version, publishAt: new Date(Date.now() + 60_000).toISOString() });
    expect(publishAt.body).toMatchObject({ code: 'pack.not_editable', fields: ['publishAt'] });
    expect(await packsState(server.dataSource, org.id)).toEqual(before);

    const expireAt = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const expiry = await author.patch(`/api/packs/${pack.id}`).send({ version: pack.version, expireAt });
    expect(expiry.status).toBe(200);
    expect(expiry.body).toMatchObject({ status: 'published', expireAt });
    // Sending the same content back with the change is not an edit.
    const same = await author
      .patch(`/api/packs/${pack.id}`)
      .send({ version: expiry.body.version, title: 'Spring launch', expireAt: null });
    expect(same.status).toBe(200);
    expect(same.body.expireAt).toBeNull();

    pack = await step(author, same.body, 'archive');
    const archived = await author.patch(`/api/packs/${pack.id}`).send({ version: pack.version, expireAt });
    expect(archived.status).toBe(409);
    expect(archived.body).toMatchObject({ code: 'pack.not_editable', state: 'archived' });
  });

  it('replaces variants by network and locale: kept ones keep their id, left-out ones go, new ones come', async () => {
    const { author } = await curators('Variants');
    const pack = await create(author);
    const [linkedin, , xFi] = pack.variants;
    const res = await author.patch(`/api/packs/${pack.id}`).send({
      version: pack.version,
      variants: [
        { network: 'x', locale: 'fi', captionTemplate: 'Uusi teksti {{link}} {{disclosure}}' },
        {
          network: 'linkedin',
          locale: 'en',
          captionTemplate: 'Proud of the team. {{link}} {{hashtags}} {{disclosure}}',
        },
        { network: 'facebook', locale: 'en', captionTemplate: 'Have a look {{link}}' },
      ],
    });
    expect(res.status).toBe(200);
    const variants = (res.body as PackBody).variants;
    expect(variants.map((v) => `${v.network}/${v.locale}`)).toEqual(['x/fi', 'linkedin/en', 'facebook/en']);
    expect(variants[0]!.id).toBe(xFi!.id);
    expect(variants[1]!.id).toBe(linkedin!.id);
    expect(
      (
        await server.dataSource.query('SELECT count(*)::int AS n FROM pack_variants WHERE pack_id = $1', [
          pack.id,
        ])
      )[0].n,
    ).toBe(3);
  });

  it('submits only a pack with variants that pass the rules as they are now', async () => {
    const { org, author } = await curators('Rules Changed');
    const empty = await create(author, { title: 'No variants yet' });
    const refused = await act(author, empty, 'submit');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'variants', code: 'pack.no_variants' }),
    ]);

    const pack = await create(author);
    await setSettings(org.id, { blockedTerms: ['team'] });
    const read = (await author.get(`/api/packs/${pack.id}`)).body as PackBody;
    expect(read.variants[0]!.check).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ code: 'caption.blocked_term', field: 'captionTemplate' })],
    });
    const before = await packsState(server.dataSource, org.id);
    const submit = await act(author, pack, 'submit');
    expect(submit.status).toBe(400);
    expect(submit.body.errors).toEqual([
      expect.objectContaining({ field: 'variants.0.captionTemplate', code: 'caption.blocked_term' }),
    ]);
    expect(await packsState(server.dataSource, org.id)).toEqual(before);
  });

  it('lets admins read but not write, and advocates and leaders neither', async () => {
    const { admin, advocate, author } = await curators('Roles');
    const pack = await create(author);
    const adminAgent = await ctx.signIn(admin);
    expect((await adminAgent.get(`/api/packs/${pack.id}`)).status).toBe(200);
    expect((await adminAgent.get('/api/packs')).status).toBe(200);
    expect((await adminAgent.post('/api/packs').send(packBody())).status).toBe(403);
    expect((await act(adminAgent, pack, 'submit')).status).toBe(403);
    const advocateAgent = await ctx.signIn(advocate);
    expect((await advocateAgent.get(`/api/packs/${pack.id}`)).status).toBe(403);
  });

  it('lists packs newest first in pages, filtered by status, text, network and locale, never another organisation’s', async () => {
    const { org, author, reviewer } = await curators('Listing');
    const other = await curators('Listing Other');
    await create(other.author, packBody({ title: 'Foreign spring' }));
    const made: PackBody[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await create(
          author,
          packBody({
            title: `Spring ${i}`,
            summary: i === 3 ? 'Mentions the aurora' : 'Plain',
            variants: [
              {
                network: i % 2 ? 'pinterest' : 'linkedin',
                locale: i % 2 ? 'fi' : 'en',
                captionTemplate: 'Look {{link}}',
                ...(i % 2
                  ? { title: 'Pin title', mediaIds: [(await newMediaAsset(server.dataSource, org.id)).id] }
                  : {}),
              },
            ],
          }),
        ),
      );
    }
    await step(reviewer, await step(author, made[4]!, 'submit'), 'approve');

    const titles = async (query: Record<string, string>) => {
      const res = await author.get('/api/packs').query(query);
      expect(res.status).toBe(200);
      return (res.body.items as { title: string }[]).map((p) => p.title);
    };
    // The newOrg fixture pack is there too, made first.
    expect(await titles({})).toEqual([
      'Spring 4',
      'Spring 3',
      'Spring 2',
      'Spring 1',
      'Spring 0',
      'Fixture pack',
    ]);
    const page1 = await author.get('/api/packs').query({ limit: '2' });
    const page2 = await author.get('/api/packs').query({ limit: '2', cursor: page1.body.nextCursor });
    const page3 = await author.get('/api/packs').query({ limit: '2', cursor: page2.body.nextCursor });
    expect(
      [...page1.body.items, ...page2.body.items, ...page3.body.items].map((p: { title: string }) => p.title),
    ).toEqual(await titles({}));
    expect(page3.body.nextCursor).toBeNull();
    expect(await titles({ status: 'approved' })).toEqual(['Spring 4']);
    expect(await titles({ q: 'AURORA' })).toEqual(['Spring 3']);
    expect(await titles({ network: 'pinterest' })).toEqual(['Spring 3', 'Spring 1']);
    expect(await titles({ locale: 'en', q: 'spring' })).toEqual(['Spring 4', 'Spring 2', 'Spring 0']);
    const item = (await author.get('/api/packs').query({ network: 'pinterest', limit: '1' })).body.items[0];
    expect(item).toMatchObject({
      networks: ['pinterest'],
      locales: ['fi'],
      status: 'draft',
      origin: 'manual',
    });
    const foreign = await author.get(`/api/packs/${(await other.author.get('/api/packs')).body.items[0].id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('pack.not_found');
  });

  it('saves a draft with undescribed pictures but submits it only once every image is described', async () => {
    const { org, author } = await curators('Alt text');
    const photo = await newMediaAsset(server.dataSource, org.id, 'image', '');
    const pin = await newMediaAsset(server.dataSource, org.id, 'image', '');
    const clip = await newMediaAsset(server.dataSource, org.id, 'video', '');
    const pack = await create(
      author,
      packBody({
        mediaIds: [clip.id, photo.id],
        variants: [
          { network: 'linkedin', locale: 'en', captionTemplate: 'Proud {{link}}' },
          {
            network: 'pinterest',
            locale: 'en',
            title: 'Pin title',
            captionTemplate: 'Look {{link}}',
            mediaIds: [pin.id],
          },
        ],
      }),
    );
    const refused = await act(author, pack, 'submit');
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The video needs no alternative text; each undescribed image is named where the pack names it.
    expect(refused.body.errors).toEqual([
      { field: 'mediaIds.1', code: 'media.alt_text_missing', message: expect.any(String) },
      { field: 'variants.1.mediaIds.0', code: 'media.alt_text_missing', message: expect.any(String) },
    ]);
    for (const [id, altText] of [
      [photo.id, 'The team on the factory floor'],
      [pin.id, 'A spring dress on a hanger'],
    ] as const) {
      expect((await author.patch(`/api/media/${id}`).send({ altText })).status).toBe(200);
    }
    expect((await step(author, pack, 'submit')).status).toBe('in_review');
  });

  it('makes a draft from a feed item inside the importer’s transaction, with an import row and a unique slug', async () => {
    const { org, author, reviewer } = await curators('Import');
    const packs = server.app.get(PacksService);
    const image = await newMediaAsset(server.dataSource, org.id);
    const [first, second] = await server.dataSource.transaction(async (manager) => [
      await packs.createDraftFromFeedItem(
        manager,
        feedItemDraft(
          org.id,
          {
            title: '  Kevään  uutiset:\u0007 2026!  ',
            summary: 'x'.repeat(5000),
            link: 'HTTPS://Example.COM/blog/kevat',
          },
          [image.id],
        ),
      ),
      await packs.createDraftFromFeedItem(
        manager,
        feedItemDraft(
          org.id,
          { title: 'Kevään uutiset 2026', summary: 'Second', link: 'javascript:alert(1)' },
          [],
        ),
      ),
    ]);
    expect(first).toMatchObject({
      slug: 'kevaan-uutiset-2026',
      title: 'Kevään uutiset: 2026!',
      origin: 'feed',
      status: 'draft',
      createdById: null,
      destinationUrl: 'https://example.com/blog/kevat',
      mediaIds: [image.id],
    });
    expect(first.summary).toHaveLength(2000);
    expect(second).toMatchObject({ slug: 'kevaan-uutiset-2026-2', destinationUrl: null });

    let pack = (await author.get(`/api/packs/${first.id}`)).body as PackBody;
    expect(pack.transitions).toEqual([
      expect.objectContaining({ from: null, to: 'draft', action: 'import', actorId: null }),
    ]);
    pack = (
      await author.patch(`/api/packs/${pack.id}`).send({
        version: pack.version,
        variants: [{ network: 'linkedin', locale: 'fi', captionTemplate: 'Lue tästä {{link}}' }],
      })
    ).body;
    pack = await step(author, pack, 'submit');
    expect((await act(author, pack, 'approve')).body.code).toBe('pack.four_eyes_required');
    expect((await step(reviewer, pack, 'approve')).status).toBe('approved');
  });
});
