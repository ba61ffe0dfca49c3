import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../apps/api/src/data-source';
import { entities } from '../../apps/api/src/entities';
import { schemaDrift } from '../../apps/api/src/infra/database/schema-drift';
import {
  recountDailyStats,
  storedDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { TrainingPoints1795463400000 } from '../../migrations/1795463400000-training-points';
import { TrainingPointsOncePerModule1796800000006 } from '../../migrations/1796800000006-training-points-once-per-module';
import { DisclosurePerMemberKind1795470000001 } from '../../migrations/1795470000001-disclosure-per-member-kind';
import { VerifiedMetrics1797000000140 } from '../../migrations/1797000000140-verified-metrics';
import { TestContext } from '../support/context';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { runDatabaseUrl } from '../support/test-env';

@Entity({ name: 'drift_probe' })
class DriftProbe {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  label!: string;
}

describe('migrations', () => {
  it('agree with the entities on a freshly migrated database', async () => {
    const dataSource = new DataSource(databaseOptions({ url: runDatabaseUrl(), singleConnection: true }));
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      expect((await schemaDrift(dataSource)).up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('report drift when an entity changes without a migration', async () => {
    const dataSource = new DataSource({
      ...databaseOptions({ url: runDatabaseUrl(), singleConnection: true }),
      entities: [...entities, DriftProbe],
    });
    await dataSource.initialize();
    try {
      const drift = await schemaDrift(dataSource);
      expect(drift.up.some((q) => q.includes('CREATE TABLE "drift_probe"'))).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });

  it('give training passes made before training points their points, then once per module, as the recount counts them', async () => {
    const database = await createMigratedDatabase('heimo_migration_data');
    const dataSource = new DataSource(databaseOptions({ url: database.url, singleConnection: true }));
    await dataSource.initialize();
    try {
      const ctx = new TestContext(dataSource, 'http://unused.test');
      const { org, advocate, curator } = await ctx.newOrg('Before points');
      const other = await ctx.newOrg('Custom points');
      await dataSource.query(
        `UPDATE organisations SET settings = '{"points":{"trainingPassed":40}}' WHERE id = $1`,
        [other.org.id],
      );
      const module = await ctx.newTrainingModule(org.id);
      const otherModule = await ctx.newTrainingModule(other.org.id);
      const complete = (
        orgId: string,
        memberId: string,
        moduleId: string,
        version: number,
        passed: boolean,
        at: string,
      ) =>
        dataSource.query(
          `INSERT INTO training_completions (organisation_id, member_id, module_id, kind, version, passed, completed_at)
           VALUES ($1, $2, $3, 'acceptance', $4, $5, $6)`,
          [orgId, memberId, moduleId, version, passed, at],
        );
      // A fail, a first pass, a retake of the same version (no points), a pass of version 2.
      await complete(org.id, advocate.id, module.id, 1, false, '2026-10-01T08:00:00Z');
      await complete(org.id, advocate.id, module.id, 1, true, '2026-10-01T21:30:00Z'); // 00:30 local, 2 Oct
      await complete(org.id, advocate.id, module.id, 1, true, '2026-10-05T08:00:00Z');
      await complete(org.id, advocate.id, module.id, 2, true, '2026-10-05T09:00:00Z');
      await complete(org.id, curator.id, module.id, 1, true, '2026-10-03T08:00:00Z');
      await complete(other.org.id, other.advocate.id, otherModule.id, 1, true, '2026-10-03T08:00:00Z');

      const runner = dataSource.createQueryRunner();
      // One connection: read through the runner that holds it.
      const points = async () =>
        (await storedDailyStats(runner)).map((row) => [row.memberId, row.day, row.network, row.points]);
      try {
        // The first rule: each version's first pass earned points.
        await new TrainingPoints1795463400000().up(runner);
        expect(await points()).toEqual(
          expect.arrayContaining([
            [advocate.id, '2026-10-02', '', 25],
            [advocate.id, '2026-10-05', '', 25],
            [curator.id, '2026-10-03', '', 25],
            [other.advocate.id, '2026-10-03', '', 40],
          ]),
        );
        expect(await points()).toHaveLength(4);
        // Now: once per module, so version 2's pass gives its points back, as the recount counts.
        await new TrainingPointsOncePerModule1796800000006().up(runner);
        const stored = await storedDailyStats(runner);
        expect(stored).toEqual(await recountDailyStats(runner));
        expect(await points()).toEqual(
          expect.arrayContaining([
            [advocate.id, '2026-10-02', '', 25],
            [curator.id, '2026-10-03', '', 25],
            [other.advocate.id, '2026-10-03', '', 40],
          ]),
        );
        expect(stored).toHaveLength(3);
        await new TrainingPointsOncePerModule1796800000006().down(runner);
        expect(await points()).toContainEqual([advocate.id, '2026-10-05', '', 25]);
      } finally {
        await runner.release();
      }
    } finally {
      await dataSource.destroy();
      await dropDatabase(database.name);
    }
  });

  it('fill verified reach and engagement from the verifications and snapshots stored before them, and undo it', async () => {
    const database = await createMigratedDatabase('heimo_migration_verified');
    const dataSource = new DataSource(databaseOptions({ url: database.url, singleConnection: true }));
    await dataSource.initialize();
    try {
      const ctx = new TestContext(dataSource, 'http://unused.test');
      const { org, advocate, pack } = await ctx.newOrg('Verified before');
      const runner = dataSource.createQueryRunner();
      try {
        const migration = new VerifiedMetrics1797000000140();
        await migration.down(runner);
        // A credited share with its rollup, verified with two collections (the latest counts), a
        // second share never verified, and one revoked: what the connections core stored before.
        const shares = (await runner.query(
          `INSERT INTO shares (organisation_id, member_id, pack_id, network, locale, code, text, redirect_url, audience_size, credited, created_at)
           SELECT $1, $2, $3, 'bluesky', 'en', 'code' || n, 'text', 'https://example.com/', 100 * n, n <> 3, '2026-10-05T09:00:00Z'
             FROM generate_series(1, 3) n ORDER BY n
           RETURNING id`,
          [org.id, advocate.id, pack.id],
        )) as { id: string }[];
        await runner.query(
          `INSERT INTO daily_stats (organisation_id, member_id, day, network, shares, reach, points)
           VALUES ($1, $2, '2026-10-05', 'bluesky', 2, 300, 20)`,
          [org.id, advocate.id],
        );
        await runner.query(
          `INSERT INTO share_verifications (share_id, organisation_id, member_id, network, status, followers_at_share, revoked)
           VALUES ($1, $4, $5, 'bluesky', 'verified', 420, false), ($2, $4, $5, 'bluesky', 'pending', 380, false),
                  ($3, $4, $5, 'bluesky', 'unverified', 50, true)`,
          [shares[0]!.id, shares[1]!.id, shares[2]!.id, org.id, advocate.id],
        );
        await runner.query(
          `INSERT INTO share_engagement_snapshots (share_id, organisation_id, collected_at, likes, reposts, replies, quotes)
           VALUES ($1, $2, '2026-10-05T10:10:00Z', 3, 1, 0, 0), ($1, $2, '2026-10-06T09:10:00Z', 5, 2, 1, 1)`,
          [shares[0]!.id, org.id],
        );
        await migration.up(runner);
        const figures = async () =>
          (await runner.query(
            `SELECT (SELECT verified_reach::int FROM daily_stats WHERE member_id = $1 AND network = 'bluesky') AS daily,
                    (SELECT engagement::int FROM daily_stats WHERE member_id = $1 AND network = 'bluesky') AS engagement,
                    (SELECT verified_reach::int FROM period_stats WHERE member_id = $1 AND period_kind = 'month' AND network = '*') AS period,
                    (SELECT sum(engagement)::int FROM team_day_stats WHERE organisation_id = $2) AS team`,
            [advocate.id, org.id],
          )) as Record<string, number>[];
        expect(await figures()).toEqual([{ daily: 420, engagement: 9, period: 420, team: 9 }]);
        // The redefined trigger functions keep the new columns with later writes, and the rebuilds agree.
        await runner.query(
          `UPDATE daily_stats SET engagement = engagement + 2 WHERE member_id = $1 AND network = 'bluesky'`,
          [advocate.id],
        );
        const period = async () =>
          (await runner.query(
            `SELECT period_kind, period_start::text, network, shares, reach::int, verified_reach::int, engagement::int
               FROM period_stats WHERE organisation_id = $1 ORDER BY 1, 2, 3`,
            [org.id],
          )) as unknown[];
        const team = async () =>
          (await runner.query(
            `SELECT day::text, network, team_id, shares, reach::int, verified_reach::int, engagement::int
               FROM team_day_stats
              WHERE organisation_id = $1 AND (shares, reach, verified_reach, engagement) <> (0, 0, 0, 0)
              ORDER BY 1, 2, 3`,
            [org.id],
          )) as unknown[];
        const [keptPeriod, keptTeam] = [await period(), await team()];
        expect(keptTeam).toEqual([expect.objectContaining({ verified_reach: 420, engagement: 11 })]);
        await runner.query(`SELECT period_stats_rebuild($1)`, [org.id]);
        await runner.query(`SELECT dashboard_rollups_rebuild($1)`, [org.id]);
        expect([await period(), await team()]).toEqual([keptPeriod, keptTeam]);
        // A member's move between teams moves the new figures too.
        await runner.query(`UPDATE members SET team_id = NULL WHERE id = $1`, [advocate.id]);
        expect(await team()).toEqual([
          expect.objectContaining({
            team_id: '00000000-0000-0000-0000-000000000000',
            verified_reach: 420,
            engagement: 11,
          }),
        ]);
        await migration.down(runner);
        expect(
          (await runner.query(
            `SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name IN ('verified_reach', 'engagement')`,
          )) as unknown[],
        ).toEqual([{ n: 0 }]);
        await runner.query(`SELECT period_stats_rebuild($1)`, [org.id]);
        await runner.query(`SELECT dashboard_rollups_rebuild($1)`, [org.id]);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
    } finally {
      await dataSource.destroy();
      await dropDatabase(database.name);
    }
  });

  it('make the one disclosure hashtag the employees’ and give fans #ad, and undo it', async () => {
    const database = await createMigratedDatabase('heimo_migration_disclosure');
    const dataSource = new DataSource(databaseOptions({ url: database.url, singleConnection: true }));
    await dataSource.initialize();
    try {
      const ctx = new TestContext(dataSource, 'http://unused.test');
      const legacy = await ctx.newOrg('One hashtag');
      const untouched = await ctx.newOrg('Nothing saved');
      await dataSource.query(
        `UPDATE organisations SET settings = '{"disclosure":{"hashtag":"#employee","required":true},"blockedTerms":["x"]}'
          WHERE id = $1`,
        [legacy.org.id],
      );
      // One connection: while the runner holds it, reads go through the runner.
      let reader: Pick<DataSource, 'query'> = dataSource;
      const settingsOf = async (id: string) =>
        (
          (await reader.query(`SELECT settings FROM organisations WHERE id = $1`, [id])) as {
            settings: Record<string, unknown>;
          }[]
        )[0]!.settings;
      const before = await settingsOf(untouched.org.id);

      const runner = dataSource.createQueryRunner();
      reader = runner;
      try {
        await new DisclosurePerMemberKind1795470000001().up(runner);
        expect(await settingsOf(legacy.org.id)).toEqual({
          disclosure: { required: true, employee: '#employee', fan: '#ad' },
          blockedTerms: ['x'],
        });
        expect(await settingsOf(untouched.org.id)).toEqual(before);
        await new DisclosurePerMemberKind1795470000001().down(runner);
        expect(await settingsOf(legacy.org.id)).toEqual({
          disclosure: { required: true, hashtag: '#employee' },
          blockedTerms: ['x'],
        });
      } finally {
        await runner.release();
      }
    } finally {
      await dataSource.destroy();
      await dropDatabase(database.name);
    }
  });
});
