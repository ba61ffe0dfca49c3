import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first run's setup link: a random seed the link's token is derived from (with AUTH_SECRET) and
 * the token's SHA-256, never the token itself.
 */
export class SetupTokens1796800000001 implements MigrationInterface {
  name = 'SetupTokens1796800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "setup_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seed" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_setup_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_setup_tokens_token_hash" ON "setup_tokens" ("token_hash") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "setup_tokens"`);
  }
}
