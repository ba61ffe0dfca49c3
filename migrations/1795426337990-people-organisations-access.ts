import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleOrganisationsAccess1795426337990 implements MigrationInterface {
  name = 'PeopleOrganisationsAccess1795426337990';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "actor_member_id" uuid, "action" text NOT NULL, "target_type" text, "target_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "request_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_audit_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor" ON "audit_events" ("actor_member_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_organisation_created" ON "audit_events" ("organisation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fan_programmes" ("organisation_id" uuid NOT NULL, "join_code" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "rotated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_fan_programmes" PRIMARY KEY ("organisation_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fan_programmes_join_code" ON "fan_programmes" ("join_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "token_hash" text NOT NULL, "invited_by_member_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_invitations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitations_organisation" ON "invitations" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("token_hash") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_member" ON "invitations" ("member_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_members_organisation_name" ON "members" ("organisation_id", "name", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_actor" FOREIGN KEY ("actor_member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fan_programmes" ADD CONSTRAINT "fk_fan_programmes_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "fk_invitations_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "fk_invitations_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "fk_invitations_invited_by" FOREIGN KEY ("invited_by_member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_invited_by"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_member"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_organisation"`);
    await queryRunner.query(`ALTER TABLE "fan_programmes" DROP CONSTRAINT "fk_fan_programmes_organisation"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "fk_audit_events_actor"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "fk_audit_events_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_members_organisation_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitations_member"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitations_organisation"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_fan_programmes_join_code"`);
    await queryRunner.query(`DROP TABLE "fan_programmes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_actor"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
