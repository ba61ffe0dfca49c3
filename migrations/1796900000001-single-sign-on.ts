import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect single sign-on: an organisation's provider (client secret sealed), the mail domains
 * it claims (verified by a DNS TXT record or the operator; a verified domain belongs to one
 * organisation), and members' accounts at the provider, named by (issuer, subject).
 */
export class SingleSignOn1796900000001 implements MigrationInterface {
  name = 'SingleSignOn1796900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sso_providers" ("organisation_id" uuid NOT NULL, "issuer" text NOT NULL, "client_id" text NOT NULL, "client_secret_sealed" text NOT NULL, "claims" jsonb NOT NULL, "provisioning_enabled" boolean NOT NULL DEFAULT false, "provisioning_roles" text array NOT NULL DEFAULT '{advocate}', "provisioning_kind" text NOT NULL DEFAULT 'employee', "require_sso" boolean NOT NULL DEFAULT false, "break_glass_member_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_sso_providers" PRIMARY KEY ("organisation_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sso_domains" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "domain" text NOT NULL, "token" text NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "verified_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_sso_domains" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sso_domains_organisation_domain" ON "sso_domains" ("organisation_id", "domain") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sso_domains_verified_domain" ON "sso_domains" ("domain") WHERE "verified_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "sso_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "issuer" text NOT NULL, "subject" text NOT NULL, "last_signed_in_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_sso_identities" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sso_identities_subject" ON "sso_identities" ("organisation_id", "issuer", "subject") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_sso_identities_member" ON "sso_identities" ("member_id") `);
    await queryRunner.query(
      `ALTER TABLE "sso_providers" ADD CONSTRAINT "fk_sso_providers_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_domains" ADD CONSTRAINT "fk_sso_domains_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_identities" ADD CONSTRAINT "fk_sso_identities_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_identities" ADD CONSTRAINT "fk_sso_identities_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sso_identities" DROP CONSTRAINT "fk_sso_identities_member"`);
    await queryRunner.query(`ALTER TABLE "sso_identities" DROP CONSTRAINT "fk_sso_identities_organisation"`);
    await queryRunner.query(`ALTER TABLE "sso_domains" DROP CONSTRAINT "fk_sso_domains_organisation"`);
    await queryRunner.query(`ALTER TABLE "sso_providers" DROP CONSTRAINT "fk_sso_providers_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sso_identities_member"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sso_identities_subject"`);
    await queryRunner.query(`DROP TABLE "sso_identities"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sso_domains_verified_domain"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sso_domains_organisation_domain"`);
    await queryRunner.query(`DROP TABLE "sso_domains"`);
    await queryRunner.query(`DROP TABLE "sso_providers"`);
  }
}
