import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links members suggest to the curators: the note, the decision (who, when, the note the suggester
 * reads), the draft an acceptance made and the points it credited.
 */
export class Suggestions1797000000030 implements MigrationInterface {
  name = 'Suggestions1797000000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "suggestions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "url" text NOT NULL, "note" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'pending', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, "pack_id" uuid, "points" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_suggestions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_suggestions_organisation_status_created" ON "suggestions" ("organisation_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_suggestions_member_created" ON "suggestions" ("member_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestions" ADD CONSTRAINT "fk_suggestions_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestions" ADD CONSTRAINT "fk_suggestions_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestions" ADD CONSTRAINT "fk_suggestions_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "suggestions" ADD CONSTRAINT "fk_suggestions_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "suggestions"`);
  }
}
