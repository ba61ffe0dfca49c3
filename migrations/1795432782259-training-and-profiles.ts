import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingAndProfiles1795432782259 implements MigrationInterface {
  name = 'TrainingAndProfiles1795432782259';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "network" text NOT NULL, "handle" text NOT NULL, "audience_size" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_social_profiles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_social_profiles_organisation_member" ON "social_profiles" ("organisation_id", "member_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_social_profiles_member_network" ON "social_profiles" ("member_id", "network") `,
    );
    await queryRunner.query(
      `CREATE TABLE "profile_audience_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "profile_id" uuid NOT NULL, "audience_size" integer NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_profile_audience_history" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_profile_audience_history_organisation" ON "profile_audience_history" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_profile_audience_history_profile_recorded" ON "profile_audience_history" ("profile_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "training_modules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "draft" jsonb NOT NULL, "published" jsonb, "published_version" integer NOT NULL DEFAULT '0', "material_version" integer NOT NULL DEFAULT '0', "published_at" TIMESTAMP WITH TIME ZONE, "created_by_member_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revision" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_training_modules" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_modules_organisation_created" ON "training_modules" ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "training_completions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "module_id" uuid NOT NULL, "kind" text NOT NULL, "version" integer NOT NULL, "passed" boolean NOT NULL, "score" integer, "answers" jsonb NOT NULL DEFAULT '[]', "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_training_completions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_completions_module" ON "training_completions" ("module_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_completions_member" ON "training_completions" ("organisation_id", "member_id", "module_id", "completed_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "social_profiles" ADD CONSTRAINT "fk_social_profiles_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social_profiles" ADD CONSTRAINT "fk_social_profiles_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_audience_history" ADD CONSTRAINT "fk_profile_audience_history_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_audience_history" ADD CONSTRAINT "fk_profile_audience_history_profile" FOREIGN KEY ("profile_id") REFERENCES "social_profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_modules" ADD CONSTRAINT "fk_training_modules_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_modules" ADD CONSTRAINT "fk_training_modules_created_by" FOREIGN KEY ("created_by_member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_completions" ADD CONSTRAINT "fk_training_completions_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_completions" ADD CONSTRAINT "fk_training_completions_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_completions" ADD CONSTRAINT "fk_training_completions_module" FOREIGN KEY ("module_id") REFERENCES "training_modules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "training_completions" DROP CONSTRAINT "fk_training_completions_module"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_completions" DROP CONSTRAINT "fk_training_completions_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_completions" DROP CONSTRAINT "fk_training_completions_organisation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_modules" DROP CONSTRAINT "fk_training_modules_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_modules" DROP CONSTRAINT "fk_training_modules_organisation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_audience_history" DROP CONSTRAINT "fk_profile_audience_history_profile"`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_audience_history" DROP CONSTRAINT "fk_profile_audience_history_organisation"`,
    );
    await queryRunner.query(`ALTER TABLE "social_profiles" DROP CONSTRAINT "fk_social_profiles_member"`);
    await queryRunner.query(
      `ALTER TABLE "social_profiles" DROP CONSTRAINT "fk_social_profiles_organisation"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_training_completions_member"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_completions_module"`);
    await queryRunner.query(`DROP TABLE "training_completions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_modules_organisation_created"`);
    await queryRunner.query(`DROP TABLE "training_modules"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_audience_history_profile_recorded"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_audience_history_organisation"`);
    await queryRunner.query(`DROP TABLE "profile_audience_history"`);
    await queryRunner.query(`DROP INDEX "public"."uq_social_profiles_member_network"`);
    await queryRunner.query(`DROP INDEX "public"."ix_social_profiles_organisation_member"`);
    await queryRunner.query(`DROP TABLE "social_profiles"`);
  }
}
