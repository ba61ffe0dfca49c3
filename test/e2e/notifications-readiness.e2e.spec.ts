import { NotificationScheduler } from '../../apps/api/src/modules/notifications/notification-scheduler';
import { TestContext } from '../support/context';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

const DAY = 24 * 3600 * 1000;

/**
 * The daily training reminders read every advocate's readiness. A database of its own: the tick
 * looks at every organisation, and this test counts the tick's queries.
 */
describe('notification schedule with many advocates', () => {
  let database: { name: string; url: string };
  let server: TestServer;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_notify_scale');
    server = await startTestServer({
      databaseUrl: database.url,
      workers: false,
      env: { DIGEST_HOUR: '8', PUBLIC_URL: 'http://heimo.test' },
    });
    ctx = new TestContext(server.dataSource, server.baseUrl);
  });

  afterAll(async () => {
    await server?.close();
    if (database) await dropDatabase(database.name);
  });

  it('computes readiness for all advocates in one pass: a tick’s queries do not grow with the advocates', async () => {
    const { org, team, advocate } = await ctx.newOrg('Scale Oy');
    // Next Tuesday and the Wednesday after it, 09:00 UTC (past 08:00 in Helsinki): no weekly summary.
    const today = Math.floor(Date.now() / DAY) * DAY;
    const tuesday = new Date(today + ((9 - new Date(today).getUTCDay()) % 7 || 7) * DAY + 9 * 3600 * 1000);
    const wednesday = new Date(tuesday.getTime() + DAY);
    const policy = await ctx.newTrainingModule(org.id, { title: { en: 'Policy' } });
    const refresher = await ctx.newTrainingModule(org.id, {
      title: { en: 'Refresher', fi: 'Kertaus' },
      validityDays: 30,
    });
    await server.dataSource.query(
      `UPDATE organisations SET settings = jsonb_set(settings, '{requiredTrainingModuleIds}', $2::jsonb) WHERE id = $1`,
      [org.id, JSON.stringify([policy.id, refresher.id])],
    );
    const complete = (memberId: string, moduleId: string, completedAt: Date) =>
      server.dataSource.query(
        `INSERT INTO training_completions (organisation_id, member_id, module_id, kind, version, passed, completed_at)
         VALUES ($1, $2, $3, 'policy', 1, true, $4)`,
        [org.id, memberId, moduleId, completedAt],
      );
    // One advocate's refresher runs out within two weeks of both ticks: reminded once.
    await complete(advocate.id, refresher.id, new Date(tuesday.getTime() - 20 * DAY));
    const addAdvocates = async (count: number) => {
      for (let index = 0; index < count; index++) {
        const member = await ctx.newMember(org.id, {
          roles: ['advocate'],
          kind: index % 2 ? 'fan' : 'employee',
          teamId: index % 3 ? team.id : null,
        });
        await complete(member.id, policy.id, new Date());
        await complete(member.id, refresher.id, new Date(tuesday.getTime() - 5 * DAY));
      }
    };
    const scheduler = server.app.get(NotificationScheduler);
    const queriesOfTick = async (at: Date): Promise<number> => {
      const logged = jest.spyOn(server.dataSource.logger, 'logQuery');
      try {
        await scheduler.tick(at);
        return logged.mock.calls.length;
      } finally {
        logged.mockRestore();
      }
    };
    const reminders = () =>
      server.dataSource.query(
        `SELECT member_id AS "memberId", payload FROM notification_deliveries
          WHERE kind = 'training_reminder' AND organisation_id = $1`,
        [org.id],
      ) as Promise<{ memberId: string; payload: { data: { modules: { title: string }[] } } }[]>;

    await addAdvocates(2);
    const withThree = await queriesOfTick(tuesday);
    await addAdvocates(27);
    const withThirty = await queriesOfTick(wednesday);

    expect(withThree).toBeGreaterThan(0);
    expect(withThirty).toBe(withThree);
    expect(await reminders()).toEqual([
      {
        memberId: advocate.id,
        payload: expect.objectContaining({
          data: expect.objectContaining({
            modules: [expect.objectContaining({ title: 'Refresher', expiring: true })],
          }),
        }),
      },
    ]);
  });
});
