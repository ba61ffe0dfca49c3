import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `mastodon_apps`: Heimo's app on each Mastodon server members connected, registered on first use
 * and reused, one per server and redirect URI; the client secret is sealed (SecretBox).
 */
export class MastodonApps1797000000120 implements MigrationInterface {
  name = 'MastodonApps1797000000120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mastodon_apps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "server" text NOT NULL,
        "redirect_uri" text NOT NULL, "scopes" text NOT NULL, "client_id" text NOT NULL,
        "client_secret_sealed" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_mastodon_apps_server_redirect" UNIQUE ("server", "redirect_uri"),
        CONSTRAINT "pk_mastodon_apps" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mastodon_apps"`);
  }
}
