import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions keep the browser and system they were started from (read from the user agent at sign-in),
 * so members can tell their sign-ins apart when they end one. Earlier sessions have neither.
 */
export class SessionDevice1796700000000 implements MigrationInterface {
  name = 'SessionDevice1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "browser" text`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "system" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "system"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "browser"`);
  }
}
