import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedAndShareIdempotency1795450785598 implements MigrationInterface {
  name = 'FeedAndShareIdempotency1795450785598';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shares" ADD "idempotency_fingerprint" text`);
    await queryRunner.query(
      `CREATE INDEX "ix_packs_organisation_feed" ON "packs" ("organisation_id", "published_at", "id") WHERE "status" = 'published'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_packs_organisation_feed"`);
    await queryRunner.query(`ALTER TABLE "shares" DROP COLUMN "idempotency_fingerprint"`);
  }
}
