import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Heimo's app on one Mastodon server, registered there (`POST /api/v1/apps`) the first time a member
 * of that server connects, and reused for every later member: one row per server and redirect URI
 * (a server binds the client to the redirect URIs it was registered with). The client secret is
 * sealed with the SecretBox, bound to the row's server and redirect URI.
 */
@Entity({ name: 'mastodon_apps' })
@Unique('uq_mastodon_apps_server_redirect', ['server', 'redirectUri'])
export class MastodonApp {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mastodon_apps' })
  id!: string;

  /** The server's origin, `https://example.social`. */
  @Column({ type: 'text' })
  server!: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri!: string;

  /** The scopes the app was registered with, space-separated. */
  @Column({ type: 'text' })
  scopes!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ name: 'client_secret_sealed', type: 'text' })
  clientSecretSealed!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
