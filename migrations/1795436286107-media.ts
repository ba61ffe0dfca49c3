import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Media1795436286107 implements MigrationInterface {
  name = 'Media1795436286107';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media_assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "content_type" text NOT NULL, "bytes" integer NOT NULL, "width" integer, "height" integer, "storage_key" text NOT NULL, "original_name" text NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_media_assets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_media_assets_storage_key" ON "media_assets" ("storage_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_media_assets_organisation_created" ON "media_assets" ("organisation_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "media_assets" ADD CONSTRAINT "fk_media_assets_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_assets" ADD CONSTRAINT "fk_media_assets_created_by" FOREIGN KEY ("created_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media_assets" DROP CONSTRAINT "fk_media_assets_created_by"`);
    await queryRunner.query(`ALTER TABLE "media_assets" DROP CONSTRAINT "fk_media_assets_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_assets_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_media_assets_storage_key"`);
    await queryRunner.query(`DROP TABLE "media_assets"`);
  }
}
