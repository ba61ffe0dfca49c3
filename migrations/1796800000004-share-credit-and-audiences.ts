import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shares record whether they earned credit (share points and reach) and why not, and the group of
 * shares of one member of one pack on one network that shares one click-points cap. Social profiles
 * hold a reported audience that waits for an admin's confirmation beside the one that counts, and
 * the audience history the size each report counted at.
 *
 * Existing shares stay credited, each its own group, exactly as the rollups counted them, so the
 * recount still equals the stored rollups.
 */
export class ShareCreditAndAudiences1796800000004 implements MigrationInterface {
  name = 'ShareCreditAndAudiences1796800000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shares" ADD "credited" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "shares" ADD "uncredited_reason" text`);
    await queryRunner.query(`ALTER TABLE "shares" ADD "credit_group_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "ix_shares_credit_group" ON "shares" ("credit_group_id") WHERE "credit_group_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_shares_member_pack_network" ON "shares" ("member_id", "pack_id", "network") `,
    );
    await queryRunner.query(`ALTER TABLE "social_profiles" ADD "pending_audience_size" integer`);
    await queryRunner.query(`ALTER TABLE "social_profiles" ADD "pending_audience_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "social_profiles" ADD "pending_audience_since" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_social_profiles_pending_audience" ON "social_profiles" ("organisation_id", "pending_audience_since") WHERE "pending_audience_size" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "profile_audience_history" ADD "counted_audience_size" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "profile_audience_history" DROP COLUMN "counted_audience_size"`);
    await queryRunner.query(`DROP INDEX "ix_social_profiles_pending_audience"`);
    await queryRunner.query(`ALTER TABLE "social_profiles" DROP COLUMN "pending_audience_since"`);
    await queryRunner.query(`ALTER TABLE "social_profiles" DROP COLUMN "pending_audience_reason"`);
    await queryRunner.query(`ALTER TABLE "social_profiles" DROP COLUMN "pending_audience_size"`);
    await queryRunner.query(`DROP INDEX "ix_shares_member_pack_network"`);
    await queryRunner.query(`DROP INDEX "ix_shares_credit_group"`);
    await queryRunner.query(`ALTER TABLE "shares" DROP COLUMN "credit_group_id"`);
    await queryRunner.query(`ALTER TABLE "shares" DROP COLUMN "uncredited_reason"`);
    await queryRunner.query(`ALTER TABLE "shares" DROP COLUMN "credited"`);
  }
}
