import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests to create an organisation from the web (ALLOW_ORGANISATION_SIGNUP): the address to
 * confirm, the SHA-256 of the e-mailed token (never the token), and when it expires or was used.
 * It belongs to no organisation: the organisation is created only when the link is followed.
 */
export class OrganisationSignups1796800000007 implements MigrationInterface {
  name = 'OrganisationSignups1796800000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisation_signups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "locale" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_organisation_signups" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organisation_signups_token_hash" ON "organisation_signups" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_organisation_signups_expires_at" ON "organisation_signups" ("expires_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "organisation_signups"`);
  }
}
