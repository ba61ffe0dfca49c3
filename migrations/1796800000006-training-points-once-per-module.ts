import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only: training points are now earned once per module, whatever its versions (before, each
 * version's first pass earned them again). The points of every pass that was the first of its
 * version but not of its module come off the member's `NO_NETWORK` row of that pass's local day, at
 * the organisation's `points.trainingPassed` (default 25) — the rule `recountDailyStats` counts by, so
 * stored rollups equal their recount afterwards. `down` gives them back.
 */
export class TrainingPointsOncePerModule1796800000006 implements MigrationInterface {
  name = 'TrainingPointsOncePerModule1796800000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`${LATER_VERSION_PASSES}
       UPDATE daily_stats d SET points = greatest(0, d.points - x.points)
         FROM extra x
        WHERE d.organisation_id = x.organisation_id AND d.member_id = x.member_id AND d.day = x.day
          AND d.network = ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`${LATER_VERSION_PASSES}
       INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, points)
       SELECT organisation_id, member_id, day, '', points FROM extra
       ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE SET points = d.points + excluded.points`);
  }
}

/** `extra`: per member and local day, the points of first passes of a version that were not first of their module. */
const LATER_VERSION_PASSES = `WITH rules AS (
   SELECT id, timezone,
          coalesce(CASE WHEN jsonb_typeof(settings #> '{points,trainingPassed}') = 'number'
                        THEN (settings #>> '{points,trainingPassed}')::int END, 25) AS points
     FROM organisations
 ),
 version_firsts AS (
   SELECT DISTINCT ON (c.member_id, c.module_id, c.version) c.id, c.organisation_id, c.member_id, c.module_id, c.completed_at
     FROM training_completions c
    WHERE c.passed
    ORDER BY c.member_id, c.module_id, c.version, c.completed_at, c.id
 ),
 module_firsts AS (
   SELECT DISTINCT ON (c.member_id, c.module_id) c.id
     FROM training_completions c
    WHERE c.passed
    ORDER BY c.member_id, c.module_id, c.completed_at, c.id
 ),
 extra AS (
   SELECT v.organisation_id, v.member_id, (v.completed_at AT TIME ZONE r.timezone)::date AS day, sum(r.points)::int AS points
     FROM version_firsts v JOIN rules r ON r.id = v.organisation_id
    WHERE r.points <> 0 AND v.id NOT IN (SELECT id FROM module_firsts)
    GROUP BY 1, 2, 3
 )`;
