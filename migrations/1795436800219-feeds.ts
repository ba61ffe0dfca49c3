import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Feeds1795436800219 implements MigrationInterface {
  name = 'Feeds1795436800219';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "feed_sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "url" text NOT NULL, "title" text NOT NULL, "etag" text, "last_modified" text, "last_fetched_at" TIMESTAMP WITH TIME ZONE, "last_status" text, "last_error_code" text, "last_error_detail" text, "items_imported" integer NOT NULL DEFAULT '0', "enabled" boolean NOT NULL DEFAULT true, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_feed_sources" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_feed_sources_enabled" ON "feed_sources" ("enabled") `);
    await queryRunner.query(
      `CREATE INDEX "ix_feed_sources_organisation_created" ON "feed_sources" ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_feed_sources_organisation_url" ON "feed_sources" ("organisation_id", "url") `,
    );
    await queryRunner.query(
      `CREATE TABLE "feed_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "source_id" uuid NOT NULL, "guid" text NOT NULL, "pack_id" uuid, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_feed_items" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_feed_items_pack" ON "feed_items" ("pack_id") `);
    await queryRunner.query(`CREATE INDEX "ix_feed_items_organisation" ON "feed_items" ("organisation_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_feed_items_source_guid" ON "feed_items" ("source_id", "guid") `,
    );
    await queryRunner.query(
      `ALTER TABLE "feed_sources" ADD CONSTRAINT "fk_feed_sources_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feed_sources" ADD CONSTRAINT "fk_feed_sources_created_by" FOREIGN KEY ("created_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feed_items" ADD CONSTRAINT "fk_feed_items_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feed_items" ADD CONSTRAINT "fk_feed_items_source" FOREIGN KEY ("source_id") REFERENCES "feed_sources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "feed_items" ADD CONSTRAINT "fk_feed_items_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "feed_items" DROP CONSTRAINT "fk_feed_items_pack"`);
    await queryRunner.query(`ALTER TABLE "feed_items" DROP CONSTRAINT "fk_feed_items_source"`);
    await queryRunner.query(`ALTER TABLE "feed_items" DROP CONSTRAINT "fk_feed_items_organisation"`);
    await queryRunner.query(`ALTER TABLE "feed_sources" DROP CONSTRAINT "fk_feed_sources_created_by"`);
    await queryRunner.query(`ALTER TABLE "feed_sources" DROP CONSTRAINT "fk_feed_sources_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_feed_items_source_guid"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feed_items_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feed_items_pack"`);
    await queryRunner.query(`DROP TABLE "feed_items"`);
    await queryRunner.query(`DROP INDEX "public"."uq_feed_sources_organisation_url"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feed_sources_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_feed_sources_enabled"`);
    await queryRunner.query(`DROP TABLE "feed_sources"`);
  }
}
