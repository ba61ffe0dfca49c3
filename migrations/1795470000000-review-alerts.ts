import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Curators choose whether they hear of packs to review and of their own packs' reviews (default on). */
export class ReviewAlerts1795470000000 implements MigrationInterface {
  name = 'ReviewAlerts1795470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD "review_alerts" boolean NOT NULL DEFAULT true`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP COLUMN "review_alerts"`);
  }
}
