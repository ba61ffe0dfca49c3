import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SharingAndClicks1795441702629 implements MigrationInterface {
  name = 'SharingAndClicks1795441702629';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "click_events" ("id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "organisation_id" uuid NOT NULL, "share_id" uuid NOT NULL, "member_id" uuid NOT NULL, "network" text NOT NULL, "visitor" bytea NOT NULL, "is_preview" boolean NOT NULL, "preview_reason" text, "is_unique" boolean NOT NULL, "referrer_host" text, CONSTRAINT "pk_click_events" PRIMARY KEY ("id", "occurred_at")) PARTITION BY RANGE ("occurred_at")`,
    );
    // Hand-edited: click events are partitioned by UTC month. This month's and next month's
    // partitions and a default one are made here; the click-maintenance job makes later months
    // ahead (ClickPartitions), moving any row the default partition holds for them.
    await queryRunner.query(`DO $$
      DECLARE
        first date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
        month date;
      BEGIN
        FOR i IN 0..1 LOOP
          month := (first + make_interval(months => i))::date;
          EXECUTE format(
            'CREATE TABLE %I PARTITION OF "click_events" FOR VALUES FROM (%L) TO (%L)',
            'click_events_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM'),
            month::timestamp AT TIME ZONE 'UTC',
            (month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        END LOOP;
      END $$`);
    await queryRunner.query(`CREATE TABLE "click_events_default" PARTITION OF "click_events" DEFAULT`);
    await queryRunner.query(
      `CREATE INDEX "ix_click_events_organisation_occurred" ON "click_events" ("organisation_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_click_events_share_visitor" ON "click_events" ("share_id", "visitor", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "daily_stats" ("organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "day" date NOT NULL, "network" text NOT NULL, "shares" integer NOT NULL DEFAULT '0', "clicks" integer NOT NULL DEFAULT '0', "unique_clicks" integer NOT NULL DEFAULT '0', "previews" integer NOT NULL DEFAULT '0', "reach" bigint NOT NULL DEFAULT '0', "points" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_daily_stats" PRIMARY KEY ("organisation_id", "member_id", "day", "network"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_daily_stats_organisation_day" ON "daily_stats" ("organisation_id", "day") `,
    );
    await queryRunner.query(
      `CREATE TABLE "shares" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "pack_id" uuid NOT NULL, "network" text NOT NULL, "locale" text NOT NULL, "code" text NOT NULL, "text" text NOT NULL, "redirect_url" text NOT NULL, "audience_size" integer NOT NULL, "idempotency_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "clicks" integer NOT NULL DEFAULT '0', "unique_clicks" integer NOT NULL DEFAULT '0', "previews" integer NOT NULL DEFAULT '0', "click_points" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_shares" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_shares_pack" ON "shares" ("pack_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_shares_organisation_created" ON "shares" ("organisation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_shares_member_created" ON "shares" ("member_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_shares_member_idempotency_key" ON "shares" ("member_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_shares_code" ON "shares" ("code") `);
    await queryRunner.query(
      `ALTER TABLE "daily_stats" ADD CONSTRAINT "fk_daily_stats_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "daily_stats" ADD CONSTRAINT "fk_daily_stats_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shares" ADD CONSTRAINT "fk_shares_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shares" ADD CONSTRAINT "fk_shares_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shares" ADD CONSTRAINT "fk_shares_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Hand-edited: click_events has no foreign key to shares (its per-row check slowed the click
    // worker by about 15 %); this trigger deletes a share's events with the share, also when the
    // share goes by a cascade from its pack or organisation.
    await queryRunner.query(`CREATE FUNCTION "delete_share_click_events"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "click_events" WHERE "share_id" = OLD."id";
        RETURN OLD;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tr_shares_delete_click_events" AFTER DELETE ON "shares"
      FOR EACH ROW EXECUTE FUNCTION "delete_share_click_events"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_shares_delete_click_events" ON "shares"`);
    await queryRunner.query(`DROP FUNCTION "delete_share_click_events"()`);
    await queryRunner.query(`ALTER TABLE "shares" DROP CONSTRAINT "fk_shares_pack"`);
    await queryRunner.query(`ALTER TABLE "shares" DROP CONSTRAINT "fk_shares_member"`);
    await queryRunner.query(`ALTER TABLE "shares" DROP CONSTRAINT "fk_shares_organisation"`);
    await queryRunner.query(`ALTER TABLE "daily_stats" DROP CONSTRAINT "fk_daily_stats_member"`);
    await queryRunner.query(`ALTER TABLE "daily_stats" DROP CONSTRAINT "fk_daily_stats_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_shares_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_shares_member_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shares_member_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shares_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shares_pack"`);
    await queryRunner.query(`DROP TABLE "shares"`);
    await queryRunner.query(`DROP INDEX "public"."ix_daily_stats_organisation_day"`);
    await queryRunner.query(`DROP TABLE "daily_stats"`);
    await queryRunner.query(`DROP INDEX "public"."ix_click_events_share_visitor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_click_events_organisation_occurred"`);
    await queryRunner.query(`DROP TABLE "click_events"`);
  }
}
