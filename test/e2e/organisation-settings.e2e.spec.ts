import { NETWORK_IDS } from '@heimo/domain';
import request from 'supertest';
import { AuditEvent } from '../../apps/api/src/modules/audit/entities/audit-event.entity';
import { Organisation } from '../../apps/api/src/modules/organisations/entities/organisation.entity';
import { OrganisationSettingsService } from '../../apps/api/src/modules/organisations/organisation-settings.service';
import { useTestServer } from '../support/use-test-server';

describe('organisation settings', () => {
  const { server, ctx } = useTestServer({ workers: false });

  it('shows the documented defaults for an organisation that saved nothing', async () => {
    const { org, admin } = await ctx.newOrg('Fresh');
    const res = await (await ctx.signIn(admin)).get('/api/organisation/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Fresh',
      timezone: 'Europe/Helsinki',
      defaultLocale: 'en',
      version: org.version,
      settings: {
        disclosure: { employee: '#ad', fan: '#ad', hashtag: '#ad', required: false },
        blockedTerms: [],
        points: { share: 10, uniqueClick: 2, uniqueClickCapPerShare: 100, trainingPassed: 25 },
        requiredTrainingModuleIds: [],
        fourEyesApproval: true,
        fanProgrammeOpen: false,
      },
    });
    // Every network in the registry, in its order.
    expect(res.body.settings.enabledNetworks).toEqual([...NETWORK_IDS]);
    expect(res.body.settings.earnedMedia.currency).toBe('EUR');
    expect(res.body.settings.earnedMedia.rates).toContainEqual({ network: 'linkedin', cpmMinor: 3000 });
  });

  it('saves valid settings, normalises blocked terms, and answers a stale version with 409 and the current state', async () => {
    const { org, admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    const loaded = (await agent.get('/api/organisation/settings')).body;
    const change = {
      version: loaded.version,
      name: 'Renamed Oy',
      timezone: 'America/New_York',
      defaultLocale: 'fi',
      settings: {
        ...loaded.settings,
        disclosure: { hashtag: '#työntekijä', required: true },
        blockedTerms: ['  guaranteed returns ', 'Guaranteed Returns', 'crypto'],
        enabledNetworks: ['linkedin', 'x'],
        points: { share: 5, uniqueClick: 1, uniqueClickCapPerShare: 50, trainingPassed: 0 },
        earnedMedia: { currency: 'SEK', rates: [{ network: 'x', cpmMinor: 4200 }] },
        fanProgrammeOpen: true,
      },
    };
    const saved = await agent.put('/api/organisation/settings').send(change);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(loaded.version + 1);
    expect(saved.body.settings.blockedTerms).toEqual(['guaranteed returns', 'crypto']);
    expect(saved.body.settings.earnedMedia.rates).toContainEqual({ network: 'x', cpmMinor: 4200 });
    expect(saved.body.settings.earnedMedia.rates).toContainEqual({ network: 'linkedin', cpmMinor: 3000 });
    expect(saved.body).toMatchObject({
      name: 'Renamed Oy',
      timezone: 'America/New_York',
      defaultLocale: 'fi',
    });

    // The service later issues read: defaults merged with what was stored.
    const rules = await server.app.get(OrganisationSettingsService).get(org.id);
    // Sent as the one hashtag of before disclosures per kind: the employees' disclosure.
    expect(rules.disclosure).toEqual({ employee: '#työntekijä', fan: '#ad', required: true });
    expect(rules.enabledNetworks).toEqual(['linkedin', 'x']);
    expect(rules.fanProgrammeOpen).toBe(true);

    const stale = await agent.put('/api/organisation/settings').send({ ...change, name: 'Lost Update' });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body.code).toBe('organisation.stale_version');
    expect(stale.body.current).toMatchObject({ name: 'Renamed Oy', version: loaded.version + 1 });
    expect((await server.dataSource.getRepository(Organisation).findOneByOrFail({ id: org.id })).name).toBe(
      'Renamed Oy',
    );

    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ organisationId: org.id, action: 'organisation.settings_changed' });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorMemberId).toBe(admin.id);
    expect(events[0]!.requestId).toBe(saved.headers['x-request-id']);
    expect(events[0]!.details.changed).toEqual(
      expect.arrayContaining(['name', 'timezone', 'settings.blockedTerms', 'settings.points']),
    );
  });

  it('saves a disclosure per member kind, a hashtag or a short text, each checked by the same rule', async () => {
    const { org, admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    const loaded = (await agent.get('/api/organisation/settings')).body;
    const put = (disclosure: Record<string, unknown>, version = loaded.version) =>
      agent.put('/api/organisation/settings').send({
        version,
        name: loaded.name,
        timezone: loaded.timezone,
        defaultLocale: loaded.defaultLocale,
        settings: { ...loaded.settings, disclosure },
      });

    const saved = await put({ required: true, employee: ' #employee ', fan: 'Kaupallinen yhteistyö' });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.disclosure).toEqual({
      required: true,
      employee: '#employee',
      fan: 'Kaupallinen yhteistyö',
      hashtag: '#employee',
    });
    expect((await server.app.get(OrganisationSettingsService).get(org.id)).disclosure).toEqual({
      required: true,
      employee: '#employee',
      fan: 'Kaupallinen yhteistyö',
    });

    // A client of before disclosures per kind round-trips the document and edits `hashtag`.
    const legacy = await put({ ...saved.body.settings.disclosure, hashtag: '#staff' }, saved.body.version);
    expect(legacy.status).toBe(200);
    expect(legacy.body.settings.disclosure).toMatchObject({
      employee: '#staff',
      fan: 'Kaupallinen yhteistyö',
    });

    for (const [disclosure, field] of [
      [{ required: true, employee: '#employee', fan: 'see example.com' }, 'settings.disclosure.fan'],
      [{ required: true, employee: '#my tag', fan: '#ad' }, 'settings.disclosure.employee'],
      [{ required: true, employee: '#employee' }, 'settings.disclosure.fan'],
      [{ required: true, employee: '#employee', fan: 'x'.repeat(51) }, 'settings.disclosure.fan'],
    ] as const) {
      const refused = await put(disclosure, legacy.body.version);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
    }
  });

  it('saves a time zone under any IANA name a browser lists, and refuses another spelling of one', async () => {
    const { admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    let version = (await agent.get('/api/organisation/settings')).body.version as number;
    // Asia/Kolkata and Europe/Kyiv are names that Node 20's Intl resolves to their older spellings.
    for (const timezone of ['Asia/Kolkata', 'Europe/Kyiv', 'UTC', 'Etc/GMT+2']) {
      const { name, defaultLocale, settings } = (await agent.get('/api/organisation/settings')).body;
      const saved = await agent
        .put('/api/organisation/settings')
        .send({ version, name, timezone, defaultLocale, settings });
      expect(saved.status).toBe(200);
      expect(saved.body.timezone).toBe(timezone);
      // The stored name drives the leaderboard's calendar periods.
      const board = await agent.get('/api/leaderboards').query({ period: 'week' });
      expect(board.status).toBe(200);
      version = saved.body.version;
    }

    for (const timezone of ['europe/helsinki', 'utc', 'Europe/Atlantis', '+02:00']) {
      const { name, defaultLocale, settings } = (await agent.get('/api/organisation/settings')).body;
      const refused = await agent
        .put('/api/organisation/settings')
        .send({ version, name, timezone, defaultLocale, settings });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['timezone']);
    }
  });

  it('names every invalid nested field', async () => {
    const { admin } = await ctx.newOrg();
    const agent = await ctx.signIn(admin);
    const loaded = (await agent.get('/api/organisation/settings')).body;
    const res = await agent.put('/api/organisation/settings').send({
      version: loaded.version,
      name: loaded.name,
      timezone: 'Europe/Atlantis',
      defaultLocale: 'sv',
      settings: {
        ...loaded.settings,
        disclosure: { hashtag: 'no hash', required: 'yes' },
        enabledNetworks: ['linkedin', 'myspace'],
        points: { ...loaded.settings.points, share: -1, uniqueClick: 2.5, trainingPassed: 1_000_000 },
        earnedMedia: {
          currency: 'EURO',
          rates: [
            { network: 'x', cpmMinor: 1 },
            { network: 'x', cpmMinor: 'ten' },
          ],
        },
        requiredTrainingModuleIds: ['not-a-uuid'],
      },
    });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'timezone',
        'defaultLocale',
        'settings.disclosure.hashtag',
        'settings.disclosure.required',
        'settings.enabledNetworks',
        'settings.points.share',
        'settings.points.uniqueClick',
        'settings.points.trainingPassed',
        'settings.earnedMedia.currency',
        'settings.earnedMedia.rates',
        'settings.earnedMedia.rates.1.cpmMinor',
        'settings.requiredTrainingModuleIds',
      ]),
    );
  });
});

describe('fan-programme link (admin side)', () => {
  const { server, ctx } = useTestServer({ workers: false });

  it('opens, closes and rotates the join link; closed and unknown codes answer alike', async () => {
    const { admin } = await ctx.newOrg('Fans Oy');
    const agent = await ctx.signIn(admin);
    const initial = await agent.get('/api/organisation/fan-programme');
    expect(initial.status).toBe(200);
    expect(initial.body.open).toBe(false);
    expect(initial.body.joinCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(initial.body.joinUrl).toBe(`http://localhost:3000/join/${initial.body.joinCode}`);
    const code = initial.body.joinCode as string;

    const closed = await request(server.baseUrl).get(`/api/join/${code}`);
    const unknown = await request(server.baseUrl).get('/api/join/AAAAAAAAAAAAAAAA');
    for (const res of [closed, unknown]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('join.closed_or_unknown');
    }
    expect(closed.body.detail).toBe(unknown.body.detail);

    const opened = await agent.post('/api/organisation/fan-programme').send({ open: true });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ open: true, joinCode: code });
    expect((await agent.get('/api/organisation/settings')).body.settings.fanProgrammeOpen).toBe(true);
    const info = await request(server.baseUrl).get(`/api/join/${code}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ organisationName: 'Fans Oy', defaultLocale: 'en', open: true });

    const rotated = await agent.post('/api/organisation/fan-programme/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.joinCode).not.toBe(code);
    expect((await request(server.baseUrl).get(`/api/join/${code}`)).status).toBe(404);
    expect((await request(server.baseUrl).get(`/api/join/${rotated.body.joinCode}`)).status).toBe(200);

    const reclosed = await agent.post('/api/organisation/fan-programme').send({ open: false });
    expect(reclosed.body.open).toBe(false);
    expect((await request(server.baseUrl).get(`/api/join/${rotated.body.joinCode}`)).status).toBe(404);
  });
});
