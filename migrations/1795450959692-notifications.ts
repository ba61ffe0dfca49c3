import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795450959692 implements MigrationInterface {
  name = 'Notifications1795450959692';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid, "kind" text NOT NULL, "dedupe_key" text NOT NULL, "recipient" text NOT NULL, "locale" text NOT NULL, "subject" text, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "message_id" text, "outbox_file" text, "payload" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_notification_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_status_updated" ON "notification_deliveries" ("status", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_deliveries_organisation_created" ON "notification_deliveries" ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_deliveries_dedupe_key" ON "notification_deliveries" ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("member_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "pack_alerts" text NOT NULL DEFAULT 'daily', "training_reminders" boolean NOT NULL DEFAULT true, "weekly_summary" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_preferences" PRIMARY KEY ("member_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "fk_notification_deliveries_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "fk_notification_deliveries_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "fk_notification_preferences_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "fk_notification_preferences_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "fk_notification_preferences_organisation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "fk_notification_preferences_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" DROP CONSTRAINT "fk_notification_deliveries_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" DROP CONSTRAINT "fk_notification_deliveries_organisation"`,
    );
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_deliveries_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_deliveries_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_deliveries_status_updated"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
  }
}
