import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only: training passes made before training points joined the rollups get their points, as the
 * training service now adds them — each member's first pass of each module version, the
 * organisation's `points.trainingPassed` (default 25), on the pass's local day, in the `daily_stats`
 * row of no network (`NO_NETWORK`, the empty string). Written by hand: there is no schema change to
 * generate. The same rule as `recountDailyStats`, so stored rollups equal their recount afterwards.
 */
export class TrainingPoints1795463400000 implements MigrationInterface {
  name = 'TrainingPoints1795463400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `WITH rules AS (
         SELECT id, timezone,
                coalesce(CASE WHEN jsonb_typeof(settings #> '{points,trainingPassed}') = 'number'
                              THEN (settings #>> '{points,trainingPassed}')::int END, 25) AS points
           FROM organisations
       ),
       first_passes AS (
         SELECT DISTINCT ON (c.member_id, c.module_id, c.version) c.organisation_id, c.member_id, c.completed_at
           FROM training_completions c
          WHERE c.passed
          ORDER BY c.member_id, c.module_id, c.version, c.completed_at, c.id
       )
       INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, points)
       SELECT p.organisation_id, p.member_id, (p.completed_at AT TIME ZONE r.timezone)::date, '', sum(r.points)
         FROM first_passes p JOIN rules r ON r.id = p.organisation_id
        WHERE r.points <> 0
        GROUP BY 1, 2, 3
       ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE SET points = d.points + excluded.points`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM daily_stats WHERE network = ''`);
  }
}
