import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connected accounts (issue #30): a member's linked account on a network whose API is open, with its
 * follower count and sealed credentials; OAuth authorisations under way; each share's verification
 * on a connected network; engagement snapshots of verified posts; and `social_profiles.audience_verified_at`
 * (the audience read from the network). Deactivating a member (erasure deactivates too) deletes the
 * member's connections, credentials included, and any OAuth authorisation under way, in the same
 * statement, whichever module changed the status (people, SCIM, privacy).
 */
export class ConnectedAccounts1797000000100 implements MigrationInterface {
  name = 'ConnectedAccounts1797000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "connected_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "network" text NOT NULL, "external_id" text NOT NULL, "handle" text NOT NULL, "profile_url" text NOT NULL, "followers" integer NOT NULL, "followers_checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "credentials_sealed" text, "status" text NOT NULL DEFAULT 'active', "broken_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_connected_accounts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_connected_accounts_organisation" ON "connected_accounts" ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_connected_accounts_member_network" ON "connected_accounts" ("member_id", "network")`,
    );
    await queryRunner.query(
      `CREATE TABLE "connection_oauth_states" ("state_hash" text NOT NULL, "session_id" uuid NOT NULL, "member_id" uuid NOT NULL, "network" text NOT NULL, "server" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_connection_oauth_states" PRIMARY KEY ("state_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_connection_oauth_states_session" ON "connection_oauth_states" ("session_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "share_engagement_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "share_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "collected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "likes" integer NOT NULL, "reposts" integer NOT NULL, "replies" integer NOT NULL, "quotes" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "pk_share_engagement_snapshots" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_engagement_snapshots_organisation" ON "share_engagement_snapshots" ("organisation_id", "collected_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_engagement_snapshots_share" ON "share_engagement_snapshots" ("share_id", "collected_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "share_verifications" ("share_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "network" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "checks_done" integer NOT NULL DEFAULT '0', "next_check_at" TIMESTAMP WITH TIME ZONE, "post_id" text, "post_url" text, "verified_at" TIMESTAMP WITH TIME ZONE, "followers_at_share" integer NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, "revoked" boolean NOT NULL DEFAULT false, "collections_done" integer NOT NULL DEFAULT '0', "next_collection_at" TIMESTAMP WITH TIME ZONE, "post_deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_share_verifications" PRIMARY KEY ("share_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_verifications_organisation" ON "share_verifications" ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_verifications_member_status" ON "share_verifications" ("member_id", "status")`,
    );
    await queryRunner.query(
      `ALTER TABLE "social_profiles" ADD "audience_verified_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "connected_accounts" ADD CONSTRAINT "fk_connected_accounts_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "connected_accounts" ADD CONSTRAINT "fk_connected_accounts_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "connection_oauth_states" ADD CONSTRAINT "fk_connection_oauth_states_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_engagement_snapshots" ADD CONSTRAINT "fk_share_engagement_snapshots_share" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_verifications" ADD CONSTRAINT "fk_share_verifications_share" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE FUNCTION connected_accounts_forget_member() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM connected_accounts WHERE member_id = NEW.id;
         DELETE FROM connection_oauth_states WHERE member_id = NEW.id;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_members_forget_connections AFTER UPDATE OF status ON members
       FOR EACH ROW WHEN (NEW.status = 'deactivated' AND OLD.status IS DISTINCT FROM 'deactivated')
       EXECUTE FUNCTION connected_accounts_forget_member()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_members_forget_connections ON members`);
    await queryRunner.query(`DROP FUNCTION connected_accounts_forget_member()`);
    await queryRunner.query(`ALTER TABLE "social_profiles" DROP COLUMN "audience_verified_at"`);
    await queryRunner.query(`DROP TABLE "share_engagement_snapshots"`);
    await queryRunner.query(`DROP TABLE "share_verifications"`);
    await queryRunner.query(`DROP TABLE "connection_oauth_states"`);
    await queryRunner.query(`DROP TABLE "connected_accounts"`);
  }
}
