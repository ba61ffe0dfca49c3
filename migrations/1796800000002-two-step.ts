import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-step sign-in: a member's authenticator secret (sealed), the last time step used (a code works
 * once), and their recovery codes (hashes only, single use).
 */
export class TwoStep1796800000002 implements MigrationInterface {
  name = 'TwoStep1796800000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_two_step" ("member_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "secret_sealed" text NOT NULL, "enabled_at" TIMESTAMP WITH TIME ZONE, "last_used_step" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_member_two_step" PRIMARY KEY ("member_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_member_two_step_organisation" ON "member_two_step" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "two_step_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_two_step_recovery_codes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_two_step_recovery_codes_organisation" ON "two_step_recovery_codes" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_two_step_recovery_codes_member_code" ON "two_step_recovery_codes" ("member_id", "code_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "member_two_step" ADD CONSTRAINT "fk_member_two_step_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_two_step" ADD CONSTRAINT "fk_member_two_step_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "two_step_recovery_codes" ADD CONSTRAINT "fk_two_step_recovery_codes_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "two_step_recovery_codes" ADD CONSTRAINT "fk_two_step_recovery_codes_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "two_step_recovery_codes" DROP CONSTRAINT "fk_two_step_recovery_codes_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "two_step_recovery_codes" DROP CONSTRAINT "fk_two_step_recovery_codes_organisation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_two_step" DROP CONSTRAINT "fk_member_two_step_organisation"`,
    );
    await queryRunner.query(`ALTER TABLE "member_two_step" DROP CONSTRAINT "fk_member_two_step_member"`);
    await queryRunner.query(`DROP INDEX "public"."uq_two_step_recovery_codes_member_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_two_step_recovery_codes_organisation"`);
    await queryRunner.query(`DROP TABLE "two_step_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_member_two_step_organisation"`);
    await queryRunner.query(`DROP TABLE "member_two_step"`);
  }
}
