import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fan sign-ups waiting for their address to be confirmed (only a hash of each token). */
export class FanSignups1796700000002 implements MigrationInterface {
  name = 'FanSignups1796700000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fan_signups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "locale" text NOT NULL, "password_hash" text NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_fan_signups" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fan_signups_token_hash" ON "fan_signups" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fan_signups_organisation" ON "fan_signups" ("organisation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "fan_signups" ADD CONSTRAINT "fk_fan_signups_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fan_signups"`);
  }
}
