import { useTestServer } from '../support/use-test-server';

describe('social profiles', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const history = (profileId: string): Promise<{ audience_size: number }[]> =>
    server.dataSource.query(
      'SELECT audience_size FROM profile_audience_history WHERE profile_id = $1 ORDER BY recorded_at, id',
      [profileId],
    );

  it('adds, lists, changes and removes the member’s own profiles, keeping every audience size', async () => {
    const { org } = await ctx.newOrg('Profiles');
    const member = await ctx.newMember(org.id);
    const agent = await ctx.signIn(member);
    const created = await agent
      .post('/api/me/profiles')
      .send({ network: 'bluesky', handle: '  @aino.bsky.social ', audienceSize: 0 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ network: 'bluesky', handle: '@aino.bsky.social', audienceSize: 0 });
    const id = created.body.id as string;

    const taken = await agent
      .post('/api/me/profiles')
      .send({ network: 'bluesky', handle: '@other', audienceSize: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('profile.network_taken');

    await agent.patch(`/api/me/profiles/${id}`).send({ audienceSize: 2_000_000_000 }).expect(200);
    await agent.patch(`/api/me/profiles/${id}`).send({ handle: '@aino' }).expect(200);
    await agent.patch(`/api/me/profiles/${id}`).send({ audienceSize: 1500 }).expect(200);
    expect((await history(id)).map((h) => h.audience_size)).toEqual([0, 2_000_000_000, 1500]);

    // Grown from 0 more than twofold within 30 days: 1500 waits for an admin, 0 still counts.
    const list = await agent.get('/api/me/profiles');
    expect(list.body).toEqual({
      items: [
        expect.objectContaining({
          id,
          handle: '@aino',
          audienceSize: 0,
          pendingAudienceSize: 1500,
          pendingReason: 'growth',
        }),
      ],
      nextCursor: null,
    });

    await agent.delete(`/api/me/profiles/${id}`).expect(204);
    expect((await agent.get('/api/me/profiles')).body.items).toEqual([]);
    expect(await history(id)).toEqual([]);
  });

  it.each([
    ['an unknown network', { network: 'myspace' }, 'network'],
    ['an empty handle', { handle: '   ' }, 'handle'],
    ['a handle over 100 characters', { handle: 'a'.repeat(101) }, 'handle'],
    ['a handle with a control character', { handle: '@ai\u0000no' }, 'handle'],
    ['a handle with a bidi override', { handle: '@ai\u202eno' }, 'handle'],
    ['a negative audience', { audienceSize: -1 }, 'audienceSize'],
    ['an audience of 10^12', { audienceSize: 1e12 }, 'audienceSize'],
    ['a fractional audience', { audienceSize: 1.5 }, 'audienceSize'],
    ['an audience as text', { audienceSize: '100' }, 'audienceSize'],
  ])('refuses %s, naming the field and writing nothing', async (_name, change, field) => {
    const { org, advocate } = await ctx.newOrg('Bad Profiles');
    const agent = await ctx.signIn(advocate);
    const before = await ctx.orgState(org.id);
    const created = await agent
      .post('/api/me/profiles')
      .send({ network: 'x', handle: '@ok', audienceSize: 10, ...change });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    if (field !== 'network') {
      // newOrg gave the advocate a LinkedIn profile.
      const own = (await agent.get('/api/me/profiles')).body.items[0] as { id: string };
      const patched = await agent.patch(`/api/me/profiles/${own.id}`).send(change);
      expect(patched.status).toBe(400);
      expect(patched.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await ctx.orgState(org.id)).toEqual(before);
  });

  it('never shows or changes another member’s profile', async () => {
    const { org, advocate } = await ctx.newOrg('Own Only');
    const colleague = await ctx.newMember(org.id);
    const agent = await ctx.signIn(colleague);
    const theirs = (await ctx.signIn(advocate).then((a) => a.get('/api/me/profiles'))).body.items[0] as {
      id: string;
    };
    expect((await agent.get('/api/me/profiles')).body.items).toEqual([]);
    expect((await agent.patch(`/api/me/profiles/${theirs.id}`).send({ audienceSize: 1 })).body.code).toBe(
      'profile.not_found',
    );
    expect((await agent.delete(`/api/me/profiles/${theirs.id}`)).status).toBe(404);
  });
});

describe('the member’s language', () => {
  const { ctx } = useTestServer({ workers: false });

  it('is kept in the profile, so a new sign-in on any browser finds it', async () => {
    const { org } = await ctx.newOrg('Kieli');
    const member = await ctx.newMember(org.id, { locale: 'en' });
    const agent = await ctx.signIn(member);
    const saved = await agent.put('/api/me/locale').send({ locale: 'fi' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: member.id, locale: 'fi' });

    const elsewhere = await ctx.signIn(member);
    expect((await elsewhere.get('/api/me')).body.locale).toBe('fi');
  });

  it('refuses a language Heimo does not speak with a problem naming the field, changing nothing', async () => {
    const { org } = await ctx.newOrg('Kieli');
    const member = await ctx.newMember(org.id, { locale: 'en' });
    const agent = await ctx.signIn(member);
    for (const body of [{ locale: 'sv' }, { locale: 'FI' }, {}, { locale: 3 }]) {
      const res = await agent.put('/api/me/locale').send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('validation.failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('locale');
    }
    expect((await agent.get('/api/me')).body.locale).toBe('en');
  });
});
