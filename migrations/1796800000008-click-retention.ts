import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of raw click events (`CLICK_RETENTION_MONTHS`): `click_retention_log` has a row per UTC
 * month the retention job looked at — `dropped` once its partition was checked against the rollups
 * and dropped (the rollups are then the record of that month), `mismatch` while its rollups disagree
 * with its raw rows (the partition is kept). `click_retention_groups` keeps, per credit group, how
 * many point-earning unique clicks were dropped, so the recount ranks the kept clicks against the
 * click-points cap exactly as the click worker did.
 */
export class ClickRetention1796800000008 implements MigrationInterface {
  name = 'ClickRetention1796800000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE click_retention_log (
        month date PRIMARY KEY CHECK (extract(day FROM month) = 1),
        status text NOT NULL CHECK (status IN ('dropped', 'mismatch')),
        checked_at timestamptz NOT NULL,
        dropped_at timestamptz,
        row_count bigint NOT NULL DEFAULT 0,
        mismatches int NOT NULL DEFAULT 0,
        detail jsonb,
        CHECK ((status = 'dropped') = (dropped_at IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE click_retention_groups (
        credit_group_id uuid PRIMARY KEY,
        earning_clicks int NOT NULL CHECK (earning_clicks >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE click_retention_groups`);
    await queryRunner.query(`DROP TABLE click_retention_log`);
  }
}
