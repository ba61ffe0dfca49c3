import { NETWORK_IDS } from '@heimo/domain';
import type request from 'supertest';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { newMediaAsset, newPack } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

interface BadInput {
  readonly name: string;
  readonly method?: 'post' | 'patch';
  /** Defaults to `/api/packs` (create); `:draft` and `:review` stand for the fixture packs. */
  readonly path?: string;
  readonly body: (f: Fixture) => Record<string, unknown>;
  readonly status?: number;
  readonly field: string;
  readonly code: string;
  /** Sent by a second curator (a review under four-eyes is never the author's). */
  readonly byReviewer?: boolean;
}

interface Fixture {
  readonly image: string;
  readonly video: string;
  readonly foreignImage: string;
  readonly team: string;
  readonly draftVersion: number;
  readonly reviewVersion: number;
}

type Variant = Record<string, unknown>;

/** Valid for the organisation below: disclosure `#employee` required, `confidential` blocked, Reddit off. */
const valid = (
  f: Fixture,
  variants?: (base: Variant[]) => Variant[],
  extra: Record<string, unknown> = {},
) => {
  const base: Variant[] = [
    { network: 'linkedin', locale: 'en', captionTemplate: 'Good read {{link}} {{disclosure}}' },
    { network: 'x', locale: 'fi', captionTemplate: 'Lue {{link}} {{disclosure}}' },
    {
      network: 'pinterest',
      locale: 'en',
      captionTemplate: 'Pin it {{disclosure}}',
      title: 'A pin',
      mediaIds: [f.image],
    },
  ];
  return {
    title: 'Valid pack',
    destinationUrl: 'https://example.com/post',
    hashtags: ['news'],
    variants: variants ? variants(base) : base,
    ...extra,
  };
};

/** Replaces one field of variant `index`. */
const withVariant =
  (index: number, change: Variant) =>
  (base: Variant[]): Variant[] =>
    base.map((variant, i) => (i === index ? { ...variant, ...change } : variant));

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();

const BAD_INPUTS: readonly BadInput[] = [
  {
    name: 'a caption over the X limit after the link is added',
    body: (f) => valid(f, withVariant(1, { captionTemplate: `${'a'.repeat(250)} {{link}} {{disclosure}}` })),
    field: 'variants.1.captionTemplate',
    code: 'caption.too_long',
  },
  {
    name: 'a Bluesky caption over 300 graphemes',
    body: (f) =>
      valid(f, (base) => [
        ...base,
        { network: 'bluesky', locale: 'en', captionTemplate: `${'é'.repeat(301)} {{disclosure}}` },
      ]),
    field: 'variants.3.captionTemplate',
    code: 'caption.too_long',
  },
  {
    name: 'a caption without the disclosure hashtag',
    body: (f) => valid(f, withVariant(0, { captionTemplate: 'Good read {{link}}' })),
    field: 'variants.0.captionTemplate',
    code: 'caption.disclosure_missing',
  },
  {
    name: 'a blocked term in a caption, in any case',
    body: (f) =>
      valid(f, withVariant(0, { captionTemplate: 'This is CONFIDENTIAL {{link}} {{disclosure}}' })),
    field: 'variants.0.captionTemplate',
    code: 'caption.blocked_term',
  },
  {
    name: 'a blocked term in a Pinterest title',
    body: (f) => valid(f, withVariant(2, { title: 'Confidential pin' })),
    field: 'variants.2.title',
    code: 'caption.blocked_term',
  },
  {
    name: 'a Pinterest title over its limit',
    body: (f) => valid(f, withVariant(2, { title: 'p'.repeat(101) })),
    field: 'variants.2.title',
    code: 'variant.title_too_long',
  },
  {
    name: 'a javascript: destination link',
    body: (f) => valid(f, undefined, { destinationUrl: 'javascript:alert(document.cookie)' }),
    field: 'destinationUrl',
    code: 'link.scheme_not_allowed',
  },
  {
    name: 'a data: destination link',
    body: (f) => valid(f, undefined, { destinationUrl: 'data:text/html,<script>alert(1)</script>' }),
    field: 'destinationUrl',
    code: 'link.scheme_not_allowed',
  },
  {
    name: 'a destination link with credentials',
    body: (f) => valid(f, undefined, { destinationUrl: 'https://user:secret@example.com/' }),
    field: 'destinationUrl',
    code: 'link.credentials_not_allowed',
  },
  {
    name: 'a variant for a network Heimo does not know',
    body: (f) => valid(f, withVariant(0, { network: 'myspace' })),
    field: 'variants.0.network',
    code: 'network.unknown',
  },
  {
    name: 'a variant for a network the organisation has not enabled',
    body: (f) => valid(f, withVariant(0, { network: 'reddit' })),
    field: 'variants.0.network',
    code: 'network.disabled',
  },
  {
    name: 'a variant in a locale Heimo does not speak',
    body: (f) => valid(f, withVariant(1, { locale: 'sv' })),
    field: 'variants.1.locale',
    code: 'locale.unknown',
  },
  {
    name: 'a second variant for the same network and locale',
    body: (f) => valid(f, (base) => [base[0]!, { ...base[0]! }]),
    field: 'variants.1',
    code: 'variant.duplicate',
  },
  {
    name: 'a Pinterest variant without media',
    body: (f) => valid(f, withVariant(2, { mediaIds: [] })),
    field: 'variants.2.mediaIds',
    code: 'variant.media_required',
  },
  {
    name: 'a video for XING, which takes images only',
    body: (f) =>
      valid(f, (base) => [
        ...base,
        { network: 'xing', locale: 'en', captionTemplate: 'Hi {{disclosure}}', mediaIds: [f.video] },
      ]),
    field: 'variants.3.mediaIds',
    code: 'variant.media_kind_not_supported',
  },
  {
    name: 'media of another organisation on a variant',
    body: (f) => valid(f, withVariant(2, { mediaIds: [f.foreignImage] })),
    field: 'variants.2.mediaIds.0',
    code: 'media.not_found',
  },
  {
    name: 'a pack media id that does not exist',
    body: (f) => valid(f, undefined, { mediaIds: [f.image, '00000000-0000-4000-8000-000000000000'] }),
    field: 'mediaIds.1',
    code: 'media.not_found',
  },
  {
    name: 'a malformed media id',
    body: (f) => valid(f, undefined, { mediaIds: ['not-a-uuid'] }),
    field: 'mediaIds',
    code: 'validation.isUuid',
  },
  {
    name: 'a template with a syntax error',
    body: (f) => valid(f, withVariant(0, { captionTemplate: '{{#if link}}Read {{link}} {{disclosure}}' })),
    field: 'variants.0.captionTemplate',
    code: 'template.syntax_error',
  },
  {
    name: 'a template with an unknown variable',
    body: (f) =>
      valid(f, withVariant(0, { captionTemplate: '{{advocate.password}} {{link}} {{disclosure}}' })),
    field: 'variants.0.captionTemplate',
    code: 'template.unknown_variable',
  },
  {
    name: 'an X caption without the pack’s link',
    body: (f) => valid(f, withVariant(1, { captionTemplate: 'Lue blogi {{disclosure}}' })),
    field: 'variants.1.captionTemplate',
    code: 'caption.link_missing',
  },
  {
    name: 'a caption with a right-to-left override',
    body: (f) => valid(f, withVariant(0, { captionTemplate: 'Open \u202Egnp.exe {{link}} {{disclosure}}' })),
    field: 'variants.0.captionTemplate',
    code: 'caption.invalid_character',
  },
  {
    name: 'a template over 20,000 characters',
    body: (f) => valid(f, withVariant(0, { captionTemplate: 'a'.repeat(20_001) })),
    field: 'variants.0.captionTemplate',
    code: 'validation.maxLength',
  },
  {
    name: 'more variants than networks × locales',
    body: (f) =>
      valid(f, () =>
        Array.from({ length: NETWORK_IDS.length * 2 + 1 }, (_, i) => ({
          network: 'linkedin',
          locale: 'en',
          captionTemplate: `v${i}`,
        })),
      ),
    field: 'variants',
    code: 'validation.arrayMaxSize',
  },
  {
    name: 'a title over 200 characters',
    body: (f) => valid(f, undefined, { title: 't'.repeat(201) }),
    field: 'title',
    code: 'validation.maxLength',
  },
  {
    name: 'no title at all',
    body: (f) => {
      const { title: _title, ...rest } = valid(f);
      return rest;
    },
    field: 'title',
    code: 'validation.isString',
  },
  {
    name: 'a hashtag with a space in it',
    body: (f) => valid(f, undefined, { hashtags: ['fine', 'two words'] }),
    field: 'hashtags.1',
    code: 'pack.hashtag_invalid',
  },
  {
    name: 'an empty title',
    body: (f) => valid(f, undefined, { title: '   ' }),
    field: 'title',
    code: 'pack.title_required',
  },
  {
    name: 'a change to an empty title',
    method: 'patch',
    path: ':draft',
    body: (f) => ({ version: f.draftVersion, title: '' }),
    field: 'title',
    code: 'pack.title_required',
  },
  {
    name: 'a slug with capitals and spaces',
    body: (f) => valid(f, undefined, { slug: 'Spring Launch' }),
    field: 'slug',
    code: 'validation.matches',
  },
  {
    name: 'a slug another pack uses',
    body: (f) => valid(f, undefined, { slug: 'taken-slug' }),
    status: 409,
    field: 'slug',
    code: 'pack.slug_taken',
  },
  {
    name: 'an audience team of another organisation',
    body: (f) => valid(f, undefined, { audienceTeamIds: [f.team] }),
    field: 'audienceTeamIds.0',
    code: 'team.not_found',
  },
  {
    name: 'an unknown audience kind',
    body: (f) => valid(f, undefined, { audienceKinds: ['robot'] }),
    field: 'audienceKinds',
    code: 'validation.isIn',
  },
  {
    name: 'a publish time in the past',
    body: (f) => valid(f, undefined, { publishAt: inDays(-1) }),
    field: 'publishAt',
    code: 'pack.publish_at_past',
  },
  {
    name: 'an expiry before the publish time',
    body: (f) => valid(f, undefined, { publishAt: inDays(2), expireAt: inDays(1) }),
    field: 'expireAt',
    code: 'pack.expire_before_publish',
  },
  {
    name: 'a publish time without an offset',
    body: (f) => valid(f, undefined, { publishAt: '2030-01-01T10:00:00' }),
    field: 'publishAt',
    code: 'validation.matches',
  },
  {
    name: 'an impossible date',
    body: (f) => valid(f, undefined, { expireAt: '2030-02-30T10:00:00Z' }),
    field: 'expireAt',
    code: 'validation.isIso8601',
  },
  {
    name: 'a publish time three years ahead',
    body: (f) => valid(f, undefined, { publishAt: inDays(3 * 365) }),
    field: 'publishAt',
    code: 'pack.schedule_too_far',
  },
  {
    name: 'a change without a version',
    method: 'patch',
    path: ':draft',
    body: () => ({ title: 'No version' }),
    field: 'version',
    code: 'validation.isInt',
  },
  {
    name: 'a change with a version that is not a number',
    method: 'patch',
    path: ':draft',
    body: () => ({ title: 'Bad version', version: 'two' }),
    field: 'version',
    code: 'validation.isInt',
  },
  {
    name: 'a change to a javascript: link',
    method: 'patch',
    path: ':draft',
    body: (f) => ({ version: f.draftVersion, destinationUrl: 'JavaScript:void(0)' }),
    field: 'destinationUrl',
    code: 'link.scheme_not_allowed',
  },
  {
    name: 'a change to an over-long caption',
    method: 'patch',
    path: ':draft',
    body: (f) => ({
      version: f.draftVersion,
      variants: [
        { network: 'x', locale: 'en', captionTemplate: `${'🙂'.repeat(140)} {{link}} {{disclosure}}` },
      ],
    }),
    field: 'variants.0.captionTemplate',
    code: 'caption.too_long',
  },
  {
    name: 'a change to a disabled network',
    method: 'patch',
    path: ':draft',
    body: (f) => ({
      version: f.draftVersion,
      variants: [{ network: 'reddit', locale: 'en', captionTemplate: 'Hi {{link}} {{disclosure}}' }],
    }),
    field: 'variants.0.network',
    code: 'network.disabled',
  },
  {
    name: 'an unknown action',
    path: ':draft/transitions',
    body: (f) => ({ action: 'explode', version: f.draftVersion }),
    field: 'action',
    code: 'validation.isIn',
  },
  {
    name: 'an action without a version',
    path: ':draft/transitions',
    body: () => ({ action: 'submit' }),
    field: 'version',
    code: 'validation.isInt',
  },
  {
    name: 'a rejection comment over 2,000 characters',
    path: ':review/transitions',
    body: (f) => ({ action: 'reject', comment: 'c'.repeat(2001), version: f.reviewVersion }),
    byReviewer: true,
    field: 'comment',
    code: 'pack.comment_too_long',
  },
  {
    name: 'a rejection with a blank comment',
    path: ':review/transitions',
    body: (f) => ({ action: 'reject', comment: '   ', version: f.reviewVersion }),
    byReviewer: true,
    field: 'comment',
    code: 'pack.comment_required',
  },
];

describe('packs: bad input', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let organisationId: string;
  let curator: request.Agent;
  let reviewer: request.Agent;
  let fixture: Fixture;
  let draftId: string;
  let reviewId: string;

  beforeAll(async () => {
    const own = await ctx.newOrg('Bad Input');
    const other = await ctx.newOrg('Bad Input Other');
    organisationId = own.org.id;
    await server.dataSource.query(`UPDATE organisations SET settings = $2::jsonb WHERE id = $1`, [
      organisationId,
      JSON.stringify({
        disclosure: { hashtag: '#employee', required: true },
        blockedTerms: ['confidential'],
        enabledNetworks: NETWORK_IDS.filter((id) => id !== 'reddit'),
      }),
    ]);
    curator = await ctx.signIn(own.curator);
    reviewer = await ctx.signIn(await ctx.newMember(organisationId, { roles: ['curator'] }));
    fixture = {
      image: (await newMediaAsset(server.dataSource, organisationId, 'image')).id,
      video: (await newMediaAsset(server.dataSource, organisationId, 'video')).id,
      foreignImage: (await newMediaAsset(server.dataSource, other.org.id, 'image')).id,
      team: other.team.id,
      draftVersion: 1,
      reviewVersion: 0,
    };
    const taken = await curator.post('/api/packs').send(valid(fixture, undefined, { slug: 'taken-slug' }));
    expect(taken.status).toBe(201);
    draftId = taken.body.id;
    const review = await curator.post('/api/packs').send(valid(fixture, undefined, { title: 'In review' }));
    const submitted = await curator
      .post(`/api/packs/${review.body.id}/transitions`)
      .send({ action: 'submit', version: review.body.version });
    expect(submitted.status).toBe(200);
    reviewId = review.body.id;
    fixture = { ...fixture, reviewVersion: submitted.body.version };
  });

  it('accepts the valid pack the cases start from', async () => {
    const res = await curator.post('/api/packs').send(valid(fixture));
    expect(res.status).toBe(201);
    expect(res.body.variants.every((v: { check: { ok: boolean } }) => v.check.ok)).toBe(true);
  });

  it(`has at least 25 cases`, () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(25);
  });

  for (const input of BAD_INPUTS) {
    it(`refuses ${input.name}, naming ${input.field} (${input.code}), and writes nothing`, async () => {
      const before = await ctx.orgState(organisationId);
      const path = (input.path ?? '').replace(':draft', draftId).replace(':review', reviewId);
      const url = path ? `/api/packs/${path}` : '/api/packs';
      const agent = input.byReviewer ? reviewer : curator;
      const res = await agent[input.method ?? 'post'](url).send(input.body(fixture));
      expect(res.status).toBe(input.status ?? 400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: input.field, code: input.code })]),
      );
      expect(await ctx.orgState(organisationId)).toEqual(before);
    });
  }

  it.each([
    ['a new pack', 'post', ''],
    ['a change', 'patch', ':draft'],
  ] as const)('reports every error of %s at once, each on its field', async (_name, method, path) => {
    const before = await ctx.orgState(organisationId);
    const url = path ? `/api/packs/${draftId}` : '/api/packs';
    const body = {
      ...(method === 'patch' ? { version: fixture.draftVersion } : valid(fixture)),
      title: '',
      hashtags: ['launch', 'bad tag!'],
      destinationUrl: 'javascript:alert(1)',
      publishAt: inDays(3),
      expireAt: inDays(2),
    };
    const res = await curator[method](url).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation.failed');
    expect(
      (res.body.errors as { field: string; code: string }[]).map(({ field, code }) => [field, code]).sort(),
    ).toEqual([
      ['destinationUrl', 'link.scheme_not_allowed'],
      ['expireAt', 'pack.expire_before_publish'],
      ['hashtags.1', 'pack.hashtag_invalid'],
      ['title', 'pack.title_required'],
    ]);
    expect(await ctx.orgState(organisationId)).toEqual(before);
  });

  it('refuses a stale change with 409 and writes nothing', async () => {
    const before = await ctx.orgState(organisationId);
    const res = await curator.patch(`/api/packs/${draftId}`).send({ version: 99, title: 'Stale' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'pack.stale_version',
      currentVersion: 1,
      current: { id: draftId },
    });
    expect(await ctx.orgState(organisationId)).toEqual(before);
  });
});

describe('packs: publishing after the expiry', () => {
  // A database of its own: an approved pack past its expiry is what every API with workers sweeps to
  // `expired`, and the other suites of the run start such APIs on the run's database at any time.
  let database: { name: string; url: string };
  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_expiry');
  });
  afterAll(async () => {
    if (database) await dropDatabase(database.name);
  });
  const { server, ctx } = useTestServer(() => ({ databaseUrl: database.url, workers: false }));

  it('refuses to publish a pack whose expiry has passed', async () => {
    const { org } = await ctx.newOrg('Expiry');
    const reviewer = await ctx.signIn(await ctx.newMember(org.id, { roles: ['curator'] }));
    const pack = await newPack(server.dataSource, org.id, {
      status: 'approved',
      expireAt: new Date(Date.now() - 60_000),
    });
    const before = await ctx.orgState(org.id);
    const res = await reviewer
      .post(`/api/packs/${pack.id}/transitions`)
      .send({ action: 'publish', version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('pack.already_expired');
    expect(await ctx.orgState(org.id)).toEqual(before);
  });
});
