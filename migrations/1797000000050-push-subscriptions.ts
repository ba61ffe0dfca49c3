import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push: a member's browsers (the push service's endpoint and the browser's keys, tied to the
 * session that turned push on, so signing out of that device ends it), and the member's own time
 * zone and quiet hours.
 */
export class PushSubscriptions1797000000050 implements MigrationInterface {
  name = 'PushSubscriptions1797000000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "push_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "session_id" uuid NOT NULL, "endpoint" text NOT NULL, "p256dh" text NOT NULL, "auth" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_push_subscriptions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_push_subscriptions_member_endpoint" ON "push_subscriptions" ("member_id", "endpoint") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_push_subscriptions_session" ON "push_subscriptions" ("session_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "push_subscriptions" ADD CONSTRAINT "fk_push_subscriptions_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "push_subscriptions" ADD CONSTRAINT "fk_push_subscriptions_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "push_subscriptions" ADD CONSTRAINT "fk_push_subscriptions_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "members" ADD "time_zone" text, ADD "quiet_hours_start" text, ADD "quiet_hours_end" text`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "members" DROP COLUMN "quiet_hours_end", DROP COLUMN "quiet_hours_start", DROP COLUMN "time_zone"`,
    );
    await queryRunner.query(`DROP TABLE "push_subscriptions"`);
  }
}
