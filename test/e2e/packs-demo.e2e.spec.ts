import request from 'supertest';
import { DEMO_PASSWORD, seedDemo } from '../../apps/api/src/modules/demo/demo-seed';
import { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import { PackTransition } from '../../apps/api/src/modules/packs/entities/pack-transition.entity';
import { PackVariant } from '../../apps/api/src/modules/packs/entities/pack-variant.entity';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { useTestServer } from '../support/use-test-server';

interface DemoPackDto {
  slug: string;
  status: string;
  origin: string;
  availableActions: string[];
  variants: { network: string; locale: string; check: { ok: boolean; issues: { code: string }[] } }[];
  transitions: { action: string; actorName: string | null; comment: string | null }[];
}

describe('demo packs', () => {
  let database: { name: string; url: string };
  let curator: request.Agent;

  // A database of its own: the demo organisation's slug is unique.
  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_demo_packs');
  });
  // Its afterAll closes the server before the one below drops the database.
  const { server } = useTestServer(() => ({ databaseUrl: database.url, workers: false }));
  beforeAll(async () => {
    await seedDemo(server.dataSource);
    curator = request.agent(server.baseUrl);
    const login = await curator
      .post('/api/auth/login')
      .send({ email: 'curator@demo.heimo.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
  });
  afterAll(async () => {
    await dropDatabase(database.name);
  });

  const all = async (): Promise<DemoPackDto[]> => {
    const list = await curator.get('/api/packs').query({ limit: '100' });
    expect(list.status).toBe(200);
    return Promise.all(
      (list.body.items as { id: string }[]).map(
        async (item) => (await curator.get(`/api/packs/${item.id}`)).body as DemoPackDto,
      ),
    );
  };

  it('has a dozen packs in every state, across networks and both locales, each variant passing the demo rules', async () => {
    const packs = await all();
    expect(packs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(packs.map((p) => p.status))).toEqual(
      new Set(['draft', 'in_review', 'approved', 'published', 'expired', 'archived']),
    );
    const variants = packs.flatMap((p) => p.variants);
    expect(new Set(variants.map((v) => v.network))).toEqual(
      new Set(['linkedin', 'x', 'facebook', 'bluesky', 'threads', 'pinterest', 'xing']),
    );
    expect(new Set(variants.map((v) => v.locale))).toEqual(new Set(['en', 'fi']));
    expect(packs.some((p) => p.origin === 'feed')).toBe(true);
    // Pinterest needs an image; the demo has one only when media were seeded before the packs.
    const problems = variants
      .map((v) => ({
        variant: `${v.network}/${v.locale}`,
        issues: v.check.issues
          .map((issue) => issue.code)
          .filter((code) => !(v.network === 'pinterest' && code === 'variant.media_required')),
      }))
      .filter((v) => v.issues.length > 0);
    expect(problems).toEqual([]);
  });

  it('shows four-eyes at work: the demo curator may approve a colleague’s pack in review but not his own', async () => {
    const packs = await all();
    const own = packs.find((p) => p.slug === 'new-mobile-app')!;
    const colleagues = packs.find((p) => p.slug === 'open-house-tampere')!;
    expect(own.status).toBe('in_review');
    expect(own.availableActions).not.toContain('approve');
    expect(colleagues.availableActions).toEqual(expect.arrayContaining(['approve', 'reject']));
    const rejected = packs.find((p) => p.slug === 'quarterly-results-teaser')!;
    expect(rejected.transitions.at(-1)).toMatchObject({
      action: 'reject',
      actorName: 'Paula Product',
      comment: expect.stringContaining('Thursday'),
    });
  });

  it('adds nothing when seeded again, and restores a demo pack that was deleted', async () => {
    const counts = async () => ({
      packs: await server.dataSource.getRepository(Pack).count(),
      variants: await server.dataSource.getRepository(PackVariant).count(),
      transitions: await server.dataSource.getRepository(PackTransition).count(),
    });
    const before = await counts();
    await seedDemo(server.dataSource);
    expect(await counts()).toEqual(before);
    await server.dataSource.getRepository(Pack).delete({ slug: 'summer-webinar' });
    await seedDemo(server.dataSource);
    expect(await counts()).toEqual(before);
  });
});
