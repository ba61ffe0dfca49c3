import { NETWORK_IDS } from '@heimo/domain';
import { validateVariant } from '@heimo/content';
import { APP_CONFIG, type AppConfig } from '../../apps/api/src/infra/config/config';
import { Organisation } from '../../apps/api/src/modules/organisations/entities/organisation.entity';
import { useTestServer } from '../support/use-test-server';

describe('GET /api/organisation/sharing-rules', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let publicUrl: string;

  beforeAll(async () => {
    publicUrl = server.app.get<AppConfig>(APP_CONFIG).publicUrl;
  });

  it('shows every role the defaults of an organisation that saved nothing', async () => {
    const { admin, curator, leader, advocate } = await ctx.newOrg('Defaults');
    for (const member of [admin, curator, leader, advocate]) {
      const res = await (await ctx.signIn(member)).get('/api/organisation/sharing-rules');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        enabledNetworks: [...NETWORK_IDS],
        defaultLocale: 'en',
        locales: ['en', 'fi'],
        compliance: {
          disclosures: { employee: '#ad', fan: '#ad' },
          disclosureHashtag: '#ad',
          disclosureRequired: false,
          blockedTerms: [],
        },
        linkBaseUrl: publicUrl,
        postForMe: false,
      });
    }
  });

  it('follows the saved settings: enabled networks in registry order, disclosure, blocked terms, locale', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Saved');
    const agent = await ctx.signIn(admin);
    const loaded = (await agent.get('/api/organisation/settings')).body;
    const saved = await agent.put('/api/organisation/settings').send({
      version: loaded.version,
      name: loaded.name,
      timezone: loaded.timezone,
      defaultLocale: 'fi',
      settings: {
        ...loaded.settings,
        disclosure: { hashtag: '#työntekijä', required: true },
        blockedTerms: ['guaranteed returns'],
        enabledNetworks: ['x', 'pinterest', 'linkedin'],
        postForMe: true,
      },
    });
    expect(saved.status).toBe(200);

    const res = await (await ctx.signIn(advocate)).get('/api/organisation/sharing-rules');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enabledNetworks: NETWORK_IDS.filter((id) => ['x', 'pinterest', 'linkedin'].includes(id)),
      defaultLocale: 'fi',
      locales: ['en', 'fi'],
      compliance: {
        // A client of before disclosures per kind set the employees' one; the fans' kept its default.
        disclosures: { employee: '#työntekijä', fan: '#ad' },
        disclosureHashtag: '#työntekijä',
        disclosureRequired: true,
        blockedTerms: ['guaranteed returns'],
      },
      linkBaseUrl: publicUrl,
      postForMe: true,
    });
    expect(res.body.enabledNetworks).toEqual(['linkedin', 'x', 'pinterest']);

    // Another organisation's rules are its own.
    const other = await ctx.newOrg('Other');
    const theirs = await (await ctx.signIn(other.advocate)).get('/api/organisation/sharing-rules');
    expect(theirs.body.compliance.blockedTerms).toEqual([]);
    expect(theirs.body.defaultLocale).toBe('en');
    expect(theirs.body.postForMe).toBe(false);
    expect(org.id).not.toBe(other.org.id);
  });

  it('gives validateVariant what makes it agree with the API’s check of a saved variant', async () => {
    const { admin, curator } = await ctx.newOrg('Agree');
    const adminAgent = await ctx.signIn(admin);
    const loaded = (await adminAgent.get('/api/organisation/settings')).body;
    const saved = await adminAgent.put('/api/organisation/settings').send({
      version: loaded.version,
      name: loaded.name,
      timezone: loaded.timezone,
      defaultLocale: loaded.defaultLocale,
      settings: {
        ...loaded.settings,
        disclosure: { hashtag: '#employee', required: true },
        blockedTerms: ['secret'],
      },
    });
    expect(saved.status).toBe(200);
    const agent = await ctx.signIn(curator);
    const rules = (await agent.get('/api/organisation/sharing-rules')).body;
    const template = `A secret deal ${'x'.repeat(260)} {{link}}`;
    const created = await agent.post('/api/packs').send({
      title: 'Agreement',
      summary: '',
      destinationUrl: 'https://example.com/post',
      hashtags: ['launch'],
      audienceKinds: ['employee'],
      variants: [{ network: 'x', locale: 'en', captionTemplate: template }],
    });
    // An invalid caption is refused with the rule's codes; the library finds the same ones.
    expect(created.status).toBe(400);
    const apiCodes = created.body.errors.map((e: { code: string }) => e.code).sort();
    const check = validateVariant({
      networkId: 'x',
      template,
      media: [],
      pack: { title: 'Agreement', hashtags: ['launch'], hasLink: true },
      audienceKinds: ['employee'],
      settings: rules.compliance,
      baseUrl: rules.linkBaseUrl,
    });
    expect(check.issues.map((i) => i.code).sort()).toEqual(apiCodes);
    expect(apiCodes).toEqual(
      expect.arrayContaining(['caption.too_long', 'caption.blocked_term', 'caption.disclosure_missing']),
    );
  });

  it('refuses a signed-out caller and a member who is no longer active', async () => {
    expect((await fetch(`${server.baseUrl}/api/organisation/sharing-rules`)).status).toBe(401);
    const { org } = await ctx.newOrg('Leaving');
    const leaving = await ctx.newMember(org.id, { roles: ['advocate'] });
    const agent = await ctx.signIn(leaving);
    expect((await agent.get('/api/organisation/sharing-rules')).status).toBe(200);
    await server.dataSource.query(`UPDATE members SET status = 'deactivated' WHERE id = $1`, [leaving.id]);
    const after = await agent.get('/api/organisation/sharing-rules');
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await server.dataSource.getRepository(Organisation).findOneBy({ id: org.id })).not.toBeNull();
  });
});
