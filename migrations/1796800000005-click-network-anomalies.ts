import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clicks farmed from one place: each click event keeps a keyed hash of its visitor's network (/24,
 * /64) and, when it earns no points, why; `daily_stats` counts the excluded clicks; and
 * `share_network_days` counts a share's unique visitors per network and UTC day, which the click
 * worker reads to exclude and the dashboard to flag. `click_events` is partitioned: its columns are
 * added to the parent, which adds them to every partition (and `LIKE click_events` gives them to
 * partitions made later).
 */
export class ClickNetworkAnomalies1796800000005 implements MigrationInterface {
  name = 'ClickNetworkAnomalies1796800000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" ADD "network_hash" bytea`);
    await queryRunner.query(`ALTER TABLE "click_events" ADD "excluded_reason" text`);
    await queryRunner.query(`ALTER TABLE "daily_stats" ADD "excluded_clicks" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE TABLE "share_network_days" ("share_id" uuid NOT NULL, "day" date NOT NULL, "network_hash" bytea NOT NULL, "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "network" text NOT NULL, "visitors" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_share_network_days" PRIMARY KEY ("share_id", "day", "network_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_network_days_organisation_day" ON "share_network_days" ("organisation_id", "day") `,
    );
    await queryRunner.query(
      `ALTER TABLE "share_network_days" ADD CONSTRAINT "fk_share_network_days_share" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "share_network_days"`);
    await queryRunner.query(`ALTER TABLE "daily_stats" DROP COLUMN "excluded_clicks"`);
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "excluded_reason"`);
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "network_hash"`);
  }
}
