import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Packs1795436100575 implements MigrationInterface {
  name = 'Packs1795436100575';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "packs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "destination_url" text, "hashtags" text array NOT NULL DEFAULT '{}', "media_ids" uuid array NOT NULL DEFAULT '{}', "audience_team_ids" uuid array NOT NULL DEFAULT '{}', "audience_kinds" text array NOT NULL DEFAULT '{employee}', "audience_locales" text array NOT NULL DEFAULT '{}', "allow_caption_edit" boolean NOT NULL DEFAULT true, "status" text NOT NULL DEFAULT 'draft', "publish_at" TIMESTAMP WITH TIME ZONE, "expire_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "author_ids" uuid array NOT NULL DEFAULT '{}', "origin" text NOT NULL DEFAULT 'manual', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_packs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_packs_status_expire_at" ON "packs" ("status", "expire_at") `);
    await queryRunner.query(`CREATE INDEX "ix_packs_status_publish_at" ON "packs" ("status", "publish_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_packs_organisation_status" ON "packs" ("organisation_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_packs_organisation_created" ON "packs" ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_packs_organisation_slug" ON "packs" ("organisation_id", "slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pack_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pack_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "from" text, "to" text NOT NULL, "action" text NOT NULL, "actor_id" uuid, "comment" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "pk_pack_transitions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pack_transitions_organisation" ON "pack_transitions" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pack_transitions_pack_at" ON "pack_transitions" ("pack_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pack_variants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pack_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "network" text NOT NULL, "locale" text NOT NULL, "caption_template" text NOT NULL, "title" text, "media_ids" uuid array NOT NULL DEFAULT '{}', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_pack_variants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pack_variants_organisation_network" ON "pack_variants" ("organisation_id", "network") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_pack_variants_pack_network_locale" ON "pack_variants" ("pack_id", "network", "locale") `,
    );
    await queryRunner.query(
      `ALTER TABLE "packs" ADD CONSTRAINT "fk_packs_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "packs" ADD CONSTRAINT "fk_packs_created_by" FOREIGN KEY ("created_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_transitions" ADD CONSTRAINT "fk_pack_transitions_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_transitions" ADD CONSTRAINT "fk_pack_transitions_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_transitions" ADD CONSTRAINT "fk_pack_transitions_actor" FOREIGN KEY ("actor_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_variants" ADD CONSTRAINT "fk_pack_variants_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_variants" ADD CONSTRAINT "fk_pack_variants_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pack_variants" DROP CONSTRAINT "fk_pack_variants_organisation"`);
    await queryRunner.query(`ALTER TABLE "pack_variants" DROP CONSTRAINT "fk_pack_variants_pack"`);
    await queryRunner.query(`ALTER TABLE "pack_transitions" DROP CONSTRAINT "fk_pack_transitions_actor"`);
    await queryRunner.query(
      `ALTER TABLE "pack_transitions" DROP CONSTRAINT "fk_pack_transitions_organisation"`,
    );
    await queryRunner.query(`ALTER TABLE "pack_transitions" DROP CONSTRAINT "fk_pack_transitions_pack"`);
    await queryRunner.query(`ALTER TABLE "packs" DROP CONSTRAINT "fk_packs_created_by"`);
    await queryRunner.query(`ALTER TABLE "packs" DROP CONSTRAINT "fk_packs_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_pack_variants_pack_network_locale"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pack_variants_organisation_network"`);
    await queryRunner.query(`DROP TABLE "pack_variants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pack_transitions_pack_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pack_transitions_organisation"`);
    await queryRunner.query(`DROP TABLE "pack_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_packs_organisation_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_packs_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_packs_organisation_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_packs_status_publish_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_packs_status_expire_at"`);
    await queryRunner.query(`DROP TABLE "packs"`);
  }
}
