import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisation API tokens (and, later, SCIM tokens in the same table): name, scopes, the token's
 * SHA-256 and first characters, expiry, last use and revocation.
 */
export class ApiTokens1796900000004 implements MigrationInterface {
  name = 'ApiTokens1796900000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "scopes" text array NOT NULL, "token_hash" text NOT NULL, "hint" text NOT NULL, "created_by_member_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by_member_id" uuid, CONSTRAINT "pk_api_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_api_tokens_organisation_created" ON "api_tokens" ("organisation_id", "created_at") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_tokens_token_hash" ON "api_tokens" ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "fk_api_tokens_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "fk_api_tokens_created_by" FOREIGN KEY ("created_by_member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "fk_api_tokens_revoked_by" FOREIGN KEY ("revoked_by_member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "fk_api_tokens_revoked_by"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "fk_api_tokens_created_by"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "fk_api_tokens_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_tokens_organisation_created"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
  }
}
