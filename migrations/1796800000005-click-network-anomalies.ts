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
    // Hand-edited: no foreign key to shares (the click worker inserts these rows; a per-row check
    // costs there as it did for click_events); the trigger that deletes a share's click events
    // deletes these rows too.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "delete_share_click_events"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "click_events" WHERE "share_id" = OLD."id";
        DELETE FROM "share_network_days" WHERE "share_id" = OLD."id";
        RETURN OLD;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "delete_share_click_events"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "click_events" WHERE "share_id" = OLD."id";
        RETURN OLD;
      END $$`);
    await queryRunner.query(`DROP TABLE "share_network_days"`);
    await queryRunner.query(`ALTER TABLE "daily_stats" DROP COLUMN "excluded_clicks"`);
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "excluded_reason"`);
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "network_hash"`);
  }
}
