import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slack and Teams channels of an organisation (the webhook URL sealed, its masked form, the events
 * chosen) and the messages posted to them (once per dedupe key, with their delivery log).
 */
export class ChatChannels1796900000005 implements MigrationInterface {
  name = 'ChatChannels1796900000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "chat_channels" ("id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "url_sealed" text NOT NULL, "url_hint" text NOT NULL, "events" text array NOT NULL DEFAULT '{}', "enabled" boolean NOT NULL DEFAULT true, "last_status" text, "last_error" text, "last_posted_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_chat_channels" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_chat_channels_organisation_created" ON "chat_channels" ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "chat_channel_posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "message" text NOT NULL, "dedupe_key" text NOT NULL, "locale" text NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "response_status" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_chat_channel_posts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_chat_channel_posts_dedupe_key" ON "chat_channel_posts" ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_chat_channel_posts_channel_created" ON "chat_channel_posts" ("channel_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_chat_channel_posts_status_updated" ON "chat_channel_posts" ("status", "updated_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_channels" ADD CONSTRAINT "fk_chat_channels_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_channels" ADD CONSTRAINT "fk_chat_channels_created_by" FOREIGN KEY ("created_by_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_channel_posts" ADD CONSTRAINT "fk_chat_channel_posts_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_channel_posts" ADD CONSTRAINT "fk_chat_channel_posts_channel" FOREIGN KEY ("channel_id") REFERENCES "chat_channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "chat_channel_posts"`);
    await queryRunner.query(`DROP TABLE "chat_channels"`);
  }
}
