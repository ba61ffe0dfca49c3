import type request from 'supertest';
import { patchSettings } from '../support/feed-packs';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import { readCsv } from '../support/csv';
import { useTestServer } from '../support/use-test-server';

interface Profile {
  id: string;
  network: string;
  audienceSize: number;
  pendingAudienceSize: number | null;
  pendingReason: string | null;
}

describe('counted audiences, the fans’ board and their settings', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const profileOn = async (agent: request.Agent, network: string) =>
    ((await agent.get('/api/me/profiles').expect(200)).body.items as Profile[]).find(
      (p) => p.network === network,
    )!;

  describe('audiences', () => {
    it('holds a report above the ceiling at the ceiling until an admin confirms it; reach keeps the audience of the time', async () => {
      const { org, admin, advocate } = await ctx.newOrg('Ceiling');
      const agent = await ctx.signIn(advocate);
      const created = await agent
        .post('/api/me/profiles')
        .send({ network: 'x', handle: '@big', audienceSize: 2_000_000_000 })
        .expect(201);
      expect(created.body).toMatchObject({
        audienceSize: 50_000,
        pendingAudienceSize: 2_000_000_000,
        pendingReason: 'ceiling',
      });
      expect(org.id).toBeTruthy();

      const adminAgent = await ctx.signIn(admin);
      const pending = await adminAgent.get('/api/audience-confirmations').expect(200);
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          profileId: created.body.id,
          memberId: advocate.id,
          memberName: advocate.name,
          network: 'x',
          audienceSize: 50_000,
          pendingAudienceSize: 2_000_000_000,
          reason: 'ceiling',
        }),
      ]);
      // Confirming another number than the one waiting is a conflict naming the waiting one.
      const stale = await adminAgent
        .post(`/api/audience-confirmations/${created.body.id}`)
        .send({ audienceSize: 60_000 })
        .expect(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({
        code: 'profile.audience_not_pending',
        pendingAudienceSize: 2_000_000_000,
      });
      const confirmed = await adminAgent
        .post(`/api/audience-confirmations/${created.body.id}`)
        .send({ audienceSize: 2_000_000_000 })
        .expect(200);
      expect(confirmed.body).toMatchObject({
        audienceSize: 2_000_000_000,
        pendingAudienceSize: null,
        pendingReason: null,
      });
      expect((await adminAgent.get('/api/audience-confirmations').expect(200)).body.items).toEqual([]);
      // Nothing waits any more.
      await adminAgent
        .post(`/api/audience-confirmations/${created.body.id}`)
        .send({ audienceSize: 2_000_000_000 })
        .expect(409);
    });

    it('holds growth beyond twofold within 30 days at the previous size, and counts a believable change at once', async () => {
      const { org, admin, advocate } = await ctx.newOrg('Growth');
      const agent = await ctx.signIn(advocate);
      // The fixture's LinkedIn profile has no history: made again through the API, at 100.
      await agent.delete(`/api/me/profiles/${(await profileOn(agent, 'linkedin')).id}`).expect(204);
      const linkedin = (
        await agent
          .post('/api/me/profiles')
          .send({ network: 'linkedin', handle: '@g', audienceSize: 100 })
          .expect(201)
      ).body as Profile;
      const pack = await sharePack(org.id);
      // 100 → 200: twofold, not more: counts.
      await agent.patch(`/api/me/profiles/${linkedin.id}`).send({ audienceSize: 200 }).expect(200);
      expect(await profileOn(agent, 'linkedin')).toMatchObject({
        audienceSize: 200,
        pendingAudienceSize: null,
      });
      // 200 → 201: more than twice the lowest counted in 30 days (100): waits; 200 counts.
      const grown = await agent
        .patch(`/api/me/profiles/${linkedin.id}`)
        .send({ audienceSize: 201 })
        .expect(200);
      expect(grown.body).toMatchObject({
        audienceSize: 200,
        pendingAudienceSize: 201,
        pendingReason: 'growth',
      });
      const shareWhilePending = await newShareWithProfile(org.id, advocate, pack);
      expect(shareWhilePending.audienceSize).toBe(200);

      await (
        await ctx.signIn(admin)
      )
        .post(`/api/audience-confirmations/${linkedin.id}`)
        .send({ audienceSize: 201 })
        .expect(200);
      const shareAfter = await newShareWithProfile(org.id, advocate, pack);
      expect(shareAfter.audienceSize).toBe(201);
      // Earlier shares keep the audience of their time.
      const [kept] = await server.dataSource.query('SELECT audience_size FROM shares WHERE id = $1', [
        shareWhilePending.id,
      ]);
      expect(kept.audience_size).toBe(200);

      // Thirty days later the window has moved on: doubling from 201 counts again.
      await server.dataSource.query(
        `UPDATE profile_audience_history SET recorded_at = recorded_at - interval '31 days' WHERE profile_id = $1`,
        [linkedin.id],
      );
      expect(
        (await agent.patch(`/api/me/profiles/${linkedin.id}`).send({ audienceSize: 402 }).expect(200)).body,
      ).toMatchObject({ audienceSize: 402, pendingAudienceSize: null });
      // A smaller report counts at once and clears what waited.
      await agent.patch(`/api/me/profiles/${linkedin.id}`).send({ audienceSize: 5000 }).expect(200);
      expect(
        (await agent.patch(`/api/me/profiles/${linkedin.id}`).send({ audienceSize: 300 }).expect(200)).body,
      ).toMatchObject({ audienceSize: 300, pendingAudienceSize: null });
    });

    it('uses the organisation’s ceiling, and lists only its own profiles', async () => {
      const { org, admin, advocate } = await ctx.newOrg('Own Ceiling');
      const other = await ctx.newOrg('Other Ceiling');
      await patchSettings(server.dataSource, org.id, { audienceCeiling: 1000 });
      const agent = await ctx.signIn(advocate);
      const made = await agent
        .post('/api/me/profiles')
        .send({ network: 'x', handle: '@a', audienceSize: 1001 })
        .expect(201);
      expect(made.body).toMatchObject({
        audienceSize: 1000,
        pendingAudienceSize: 1001,
        pendingReason: 'ceiling',
      });
      const otherAgent = await ctx.signIn(other.advocate);
      await otherAgent
        .post('/api/me/profiles')
        .send({ network: 'x', handle: '@b', audienceSize: 60_000 })
        .expect(201);
      const listed = (await (await ctx.signIn(admin)).get('/api/audience-confirmations').expect(200)).body
        .items;
      expect(listed.map((p: { profileId: string }) => p.profileId)).toEqual([made.body.id]);
      // Another organisation's admin cannot confirm it.
      await (
        await ctx.signIn(other.admin)
      )
        .post(`/api/audience-confirmations/${made.body.id}`)
        .send({ audienceSize: 1001 })
        .expect(404);
    });

    it.each([
      [{ audienceSize: -1 }],
      [{ audienceSize: 2_000_000_001 }],
      [{ audienceSize: 1.5 }],
      [{ audienceSize: '5' }],
      [{}],
    ])('refuses the confirmation %j naming audienceSize', async (body) => {
      const { admin, advocate } = await ctx.newOrg('Bad Confirm');
      const profile = await profileOn(await ctx.signIn(advocate), 'linkedin');
      const res = await (
        await ctx.signIn(admin)
      )
        .post(`/api/audience-confirmations/${profile.id}`)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual([
        'audienceSize',
      ]);
    });
  });

  /** A published pack for fixture shares. */
  const sharePack = (organisationId: string) =>
    newPack(server.dataSource, organisationId, { status: 'published' });

  /** A share as the command makes one: its audience is the profile's counted audience on LinkedIn. */
  async function newShareWithProfile(
    organisationId: string,
    member: { id: string; organisationId: string },
    pack: Awaited<ReturnType<typeof sharePack>>,
  ) {
    const [{ audience }] = await server.dataSource.query(
      `SELECT audience_size AS audience FROM social_profiles WHERE member_id = $1 AND network = 'linkedin' AND organisation_id = $2`,
      [member.id, organisationId],
    );
    return newShare(server.dataSource, member, pack, { network: 'linkedin', audienceSize: audience });
  }

  describe('what fans see', () => {
    async function mixedOrg() {
      const made = await ctx.newOrg('Fans Board');
      const pack = await sharePack(made.org.id);
      const employee = await ctx.newMember(made.org.id, { name: 'Eeva Employee' });
      const fan = await ctx.newMember(made.org.id, { name: 'Fanni Fan', kind: 'fan', teamId: null });
      const otherFan = await ctx.newMember(made.org.id, { name: 'Frans Fan', kind: 'fan', teamId: null });
      await newShare(server.dataSource, employee, pack);
      await newShare(server.dataSource, fan, pack, { network: 'x' });
      return { ...made, employee, fan, otherFan };
    }

    it('shows a fan the fans’ board only by default, in the API and the CSV, whatever kind is asked for', async () => {
      const { employee, fan, otherFan, leader } = await mixedOrg();
      const agent = await ctx.signIn(fan);
      for (const query of [{}, { kind: 'employee' }]) {
        const board = (await agent.get('/api/leaderboards').query(query).expect(200)).body;
        expect(board.fansOnly).toBe(true);
        const names = board.entries.map((e: { name: string }) => e.name);
        expect(names).toEqual(expect.arrayContaining(['Fanni Fan', 'Frans Fan']));
        expect(names).not.toContain('Eeva Employee');
        expect(board.entries.map((e: { memberId: string }) => e.memberId)).not.toContain(employee.id);
        expect(board.total).toBe(2);
      }
      const csv = await agent.get('/api/leaderboards.csv').query({ kind: 'employee' }).expect(200);
      const { records } = readCsv(csv.text);
      const text = records.flat().join(' ');
      expect(text).toContain('Fanni Fan');
      expect(text).not.toContain('Eeva Employee');
      expect(text).not.toContain('Ada Admin');
      expect(otherFan.kind).toBe('fan');
      // My impact ranks the fan among fans too.
      const impact = (await agent.get('/api/me/impact').query({ period: 'month' }).expect(200)).body;
      expect(impact.rank).toMatchObject({ rank: 1, total: 2 });
      // Employees and leaders see everyone.
      const forLeader = (await (await ctx.signIn(leader)).get('/api/leaderboards').expect(200)).body;
      expect(forLeader.fansOnly).toBe(false);
      expect(forLeader.entries.map((e: { name: string }) => e.name)).toEqual(
        expect.arrayContaining(['Eeva Employee', 'Fanni Fan']),
      );
    });

    it('shows fans everyone when the organisation says so', async () => {
      const { org, fan } = await mixedOrg();
      await patchSettings(server.dataSource, org.id, { fanBoard: 'everyone' });
      const agent = await ctx.signIn(fan);
      const board = (await agent.get('/api/leaderboards').expect(200)).body;
      expect(board.fansOnly).toBe(false);
      expect(board.entries.map((e: { name: string }) => e.name)).toContain('Eeva Employee');
      const csv = await agent.get('/api/leaderboards.csv').expect(200);
      expect(csv.text).toContain('Eeva Employee');
    });
  });

  describe('settings', () => {
    const loadAndPut = async (agent: request.Agent, settings: Record<string, unknown>) => {
      const loaded = (await agent.get('/api/organisation/settings').expect(200)).body;
      return agent.put('/api/organisation/settings').send({
        version: loaded.version,
        name: loaded.name,
        timezone: loaded.timezone,
        defaultLocale: loaded.defaultLocale,
        settings: { ...loaded.settings, ...settings },
      });
    };

    it('defaults to 10 credited shares a day, a 50,000 ceiling and the fans’ board, saves them and keeps them when left out', async () => {
      const { admin } = await ctx.newOrg('New Settings');
      const agent = await ctx.signIn(admin);
      const loaded = (await agent.get('/api/organisation/settings').expect(200)).body;
      expect(loaded.settings).toMatchObject({
        dailyCreditedShares: 10,
        audienceCeiling: 50_000,
        fanBoard: 'fans_only',
      });
      const saved = await loadAndPut(agent, {
        dailyCreditedShares: 3,
        audienceCeiling: 1_000_000,
        fanBoard: 'everyone',
      });
      expect(saved.status).toBe(200);
      expect(saved.body.settings).toMatchObject({
        dailyCreditedShares: 3,
        audienceCeiling: 1_000_000,
        fanBoard: 'everyone',
      });
      // A client of before these settings leaves them out: they keep their values.
      const { dailyCreditedShares, audienceCeiling, fanBoard, ...older } = saved.body.settings;
      expect([dailyCreditedShares, audienceCeiling, fanBoard]).toEqual([3, 1_000_000, 'everyone']);
      const again = await agent.put('/api/organisation/settings').send({
        version: saved.body.version,
        name: saved.body.name,
        timezone: saved.body.timezone,
        defaultLocale: saved.body.defaultLocale,
        settings: older,
      });
      expect(again.status).toBe(200);
      expect(again.body.settings).toMatchObject({
        dailyCreditedShares: 3,
        audienceCeiling: 1_000_000,
        fanBoard: 'everyone',
      });
    });

    it.each([
      [{ dailyCreditedShares: -1 }, 'settings.dailyCreditedShares'],
      [{ dailyCreditedShares: 0 }, 'settings.dailyCreditedShares'],
      [{ dailyCreditedShares: 1001 }, 'settings.dailyCreditedShares'],
      [{ dailyCreditedShares: 2.5 }, 'settings.dailyCreditedShares'],
      [{ dailyCreditedShares: '10' }, 'settings.dailyCreditedShares'],
      [{ audienceCeiling: -5 }, 'settings.audienceCeiling'],
      [{ audienceCeiling: 0 }, 'settings.audienceCeiling'],
      [{ audienceCeiling: 2_000_000_001 }, 'settings.audienceCeiling'],
      [{ audienceCeiling: 1e12 }, 'settings.audienceCeiling'],
      [{ fanBoard: 'nobody' }, 'settings.fanBoard'],
      [{ fanBoard: true }, 'settings.fanBoard'],
    ])('refuses %j with a 400 naming %s and changes nothing', async (change, field) => {
      const { admin } = await ctx.newOrg('Bad Settings');
      const agent = await ctx.signIn(admin);
      const res = await loadAndPut(agent, change);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual([field]);
      const after = (await agent.get('/api/organisation/settings').expect(200)).body;
      expect(after.settings).toMatchObject({
        dailyCreditedShares: 10,
        audienceCeiling: 50_000,
        fanBoard: 'fans_only',
      });
    });
  });
});
