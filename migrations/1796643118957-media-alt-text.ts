import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Media get their alternative text, written by curators in the pack editor. Existing media start
 * without one (empty): the feed shows the pack's title for them until a curator describes them, and
 * a pack cannot be submitted for review while one of its images has none.
 */
export class MediaAltText1796643118957 implements MigrationInterface {
  name = 'MediaAltText1796643118957';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media_assets" ADD "alt_text" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media_assets" DROP COLUMN "alt_text"`);
  }
}
