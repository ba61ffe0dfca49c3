import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Password reset links: only a hash of each token, single use, valid for an hour. */
export class PasswordResets1796700000001 implements MigrationInterface {
  name = 'PasswordResets1796700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "token_hash" text NOT NULL, "requested_by_member_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_password_resets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_password_resets_token_hash" ON "password_resets" ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_password_resets_member" ON "password_resets" ("member_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_password_resets_organisation" ON "password_resets" ("organisation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "fk_password_resets_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "fk_password_resets_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "fk_password_resets_requested_by" FOREIGN KEY ("requested_by_member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
