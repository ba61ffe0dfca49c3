import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PackDailyStats1795459409908 implements MigrationInterface {
  name = 'PackDailyStats1795459409908';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pack_daily_stats" ("organisation_id" uuid NOT NULL, "pack_id" uuid NOT NULL, "member_id" uuid NOT NULL, "day" date NOT NULL, "network" text NOT NULL, "locale" text NOT NULL, "shares" integer NOT NULL DEFAULT '0', "clicks" integer NOT NULL DEFAULT '0', "unique_clicks" integer NOT NULL DEFAULT '0', "previews" integer NOT NULL DEFAULT '0', "reach" bigint NOT NULL DEFAULT '0', CONSTRAINT "pk_pack_daily_stats" PRIMARY KEY ("organisation_id", "pack_id", "member_id", "day", "network", "locale"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pack_daily_stats_organisation_day" ON "pack_daily_stats" ("organisation_id", "day") `,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_daily_stats" ADD CONSTRAINT "fk_pack_daily_stats_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_daily_stats" ADD CONSTRAINT "fk_pack_daily_stats_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pack_daily_stats" ADD CONSTRAINT "fk_pack_daily_stats_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The history so far, recounted from the raw rows as `recountPackDailyStats` does.
    await queryRunner.query(`INSERT INTO "pack_daily_stats"
        ("organisation_id", "pack_id", "member_id", "day", "network", "locale", "shares", "clicks", "unique_clicks", "previews", "reach")
      SELECT organisation_id, pack_id, member_id, day, network, locale,
             sum(shares), sum(clicks), sum(unique_clicks), sum(previews), sum(reach)
        FROM (
          SELECT s.organisation_id, s.pack_id, s.member_id, (s.created_at AT TIME ZONE o.timezone)::date AS day,
                 s.network, s.locale, 1 AS shares, 0 AS clicks, 0 AS unique_clicks, 0 AS previews,
                 s.audience_size::bigint AS reach
            FROM shares s JOIN organisations o ON o.id = s.organisation_id
          UNION ALL
          SELECT e.organisation_id, s.pack_id, e.member_id, (e.occurred_at AT TIME ZONE o.timezone)::date,
                 e.network, s.locale, 0, (NOT e.is_preview)::int, e.is_unique::int, e.is_preview::int, 0
            FROM click_events e JOIN shares s ON s.id = e.share_id JOIN organisations o ON o.id = e.organisation_id
        ) raw
       GROUP BY 1, 2, 3, 4, 5, 6`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pack_daily_stats" DROP CONSTRAINT "fk_pack_daily_stats_member"`);
    await queryRunner.query(`ALTER TABLE "pack_daily_stats" DROP CONSTRAINT "fk_pack_daily_stats_pack"`);
    await queryRunner.query(
      `ALTER TABLE "pack_daily_stats" DROP CONSTRAINT "fk_pack_daily_stats_organisation"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_pack_daily_stats_organisation_day"`);
    await queryRunner.query(`DROP TABLE "pack_daily_stats"`);
  }
}
