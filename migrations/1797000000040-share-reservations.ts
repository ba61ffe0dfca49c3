import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Share reservations: a share's code held for a member while the phone's share sheet is open (the
 * code, the redirect URL to be, the Idempotency-Key and its fingerprint, the expiry, and the share
 * the confirmation made).
 */
export class ShareReservations1797000000040 implements MigrationInterface {
  name = 'ShareReservations1797000000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "share_reservations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "pack_id" uuid NOT NULL, "network" text NOT NULL, "caption" text, "code" text NOT NULL, "redirect_url" text NOT NULL, "idempotency_key" text NOT NULL, "idempotency_fingerprint" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "share_id" uuid, CONSTRAINT "pk_share_reservations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_share_reservations_code" ON "share_reservations" ("code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_share_reservations_member_idempotency_key" ON "share_reservations" ("member_id", "idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_reservations_expires" ON "share_reservations" ("expires_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "share_reservations" ADD CONSTRAINT "fk_share_reservations_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_reservations" ADD CONSTRAINT "fk_share_reservations_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_reservations" ADD CONSTRAINT "fk_share_reservations_pack" FOREIGN KEY ("pack_id") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_reservations" ADD CONSTRAINT "fk_share_reservations_share" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "share_reservations" DROP CONSTRAINT "fk_share_reservations_share"`);
    await queryRunner.query(`ALTER TABLE "share_reservations" DROP CONSTRAINT "fk_share_reservations_pack"`);
    await queryRunner.query(
      `ALTER TABLE "share_reservations" DROP CONSTRAINT "fk_share_reservations_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_reservations" DROP CONSTRAINT "fk_share_reservations_organisation"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_share_reservations_expires"`);
    await queryRunner.query(`DROP INDEX "public"."uq_share_reservations_member_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_share_reservations_code"`);
    await queryRunner.query(`DROP TABLE "share_reservations"`);
  }
}
