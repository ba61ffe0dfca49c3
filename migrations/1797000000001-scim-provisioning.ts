import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SCIM 2.0 provisioning: the identity provider's users (each linked to one member; a deleted one
 * keeps its row, marked deleted, so a later create with the same userName finds the same member),
 * its groups (optionally linked to a team) and who is in which group. `members.managed_by` says
 * where a member's name, e-mail and status are kept when not in Heimo (`scim` or `sso`).
 */
export class ScimProvisioning1797000000001 implements MigrationInterface {
  name = 'ScimProvisioning1797000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" ADD "managed_by" text`);
    await queryRunner.query(
      `CREATE TABLE "scim_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "user_name" text NOT NULL, "external_id" text, "attributes" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT 1, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_scim_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scim_users_user_name" ON "scim_users" ("organisation_id", lower("user_name")) WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scim_users_member" ON "scim_users" ("organisation_id", "member_id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_scim_users_deleted_user_name" ON "scim_users" ("organisation_id", lower("user_name")) WHERE "deleted_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_users" ADD CONSTRAINT "fk_scim_users_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_users" ADD CONSTRAINT "fk_scim_users_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "scim_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "display_name" text NOT NULL, "external_id" text, "team_id" uuid, "version" integer NOT NULL DEFAULT 1, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_scim_groups" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scim_groups_display_name" ON "scim_groups" ("organisation_id", lower("display_name"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_groups" ADD CONSTRAINT "fk_scim_groups_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_groups" ADD CONSTRAINT "fk_scim_groups_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "scim_group_members" ("group_id" uuid NOT NULL, "member_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "pk_scim_group_members" PRIMARY KEY ("group_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_scim_group_members_member" ON "scim_group_members" ("member_id", "added_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_group_members" ADD CONSTRAINT "fk_scim_group_members_group" FOREIGN KEY ("group_id") REFERENCES "scim_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_group_members" ADD CONSTRAINT "fk_scim_group_members_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scim_group_members"`);
    await queryRunner.query(`DROP TABLE "scim_groups"`);
    await queryRunner.query(`DROP TABLE "scim_users"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "managed_by"`);
  }
}
