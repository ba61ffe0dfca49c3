import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `share_posts`: "post for me", one post job per share that Heimo posts through the member's
 * connected account, now or at `scheduled_at`: `status` scheduled|posting|posted|failed|cancelled,
 * `attempts`, the last `error_code` and `failed_at`, the post made (`post_id`, `post_url`,
 * `posted_at`). Deactivating a member (people, SCIM, erasure) cancels their scheduled posts in the
 * same statement (trigger `trg_members_cancel_share_posts`), as their connections are deleted.
 */
export class SharePosts1797000000150 implements MigrationInterface {
  name = 'SharePosts1797000000150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "share_posts" ("share_id" uuid NOT NULL, "organisation_id" uuid NOT NULL,
        "member_id" uuid NOT NULL, "network" text NOT NULL, "status" text NOT NULL,
        "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT 0,
        "error_code" text, "failed_at" TIMESTAMP WITH TIME ZONE, "post_id" text, "post_url" text,
        "posted_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_share_posts" PRIMARY KEY ("share_id"),
        CONSTRAINT "ck_share_posts_status" CHECK ("status" IN ('scheduled', 'posting', 'posted', 'failed', 'cancelled')),
        CONSTRAINT "ck_share_posts_attempts" CHECK ("attempts" >= 0),
        CONSTRAINT "fk_share_posts_share" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_share_posts_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_share_posts_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_posts_member_scheduled" ON "share_posts" ("member_id") WHERE "status" = 'scheduled'`,
    );
    await queryRunner.query(
      `CREATE FUNCTION share_posts_cancel_member() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE share_posts SET status = 'cancelled', cancelled_at = now(), error_code = 'member_deactivated'
          WHERE member_id = NEW.id AND status = 'scheduled';
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_members_cancel_share_posts AFTER UPDATE OF status ON members
       FOR EACH ROW WHEN (NEW.status = 'deactivated' AND OLD.status IS DISTINCT FROM 'deactivated')
       EXECUTE FUNCTION share_posts_cancel_member()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_members_cancel_share_posts ON members`);
    await queryRunner.query(`DROP FUNCTION share_posts_cancel_member()`);
    await queryRunner.query(`DROP TABLE "share_posts"`);
  }
}
