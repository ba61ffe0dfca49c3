import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MemberKind, Role } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/** Which ID-token (or userinfo) claim carries each of a member's fields. `team` is optional. */
export interface ClaimMapping {
  readonly name: string;
  readonly email: string;
  readonly locale: string | null;
  readonly team: string | null;
}

/**
 * An organisation's OpenID provider (one per organisation). The client secret is sealed by SecretBox,
 * bound to `sso-client-secret:<organisation id>`, and never leaves the API.
 */
@Entity({ name: 'sso_providers' })
export class SsoProvider {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'pk_sso_providers' })
  organisationId!: string;

  @OneToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sso_providers_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ name: 'client_secret_sealed', type: 'text' })
  clientSecretSealed!: string;

  @Column({ type: 'jsonb' })
  claims!: ClaimMapping;

  @Column({ name: 'provisioning_enabled', type: 'boolean', default: false })
  provisioningEnabled!: boolean;

  @Column({ name: 'provisioning_roles', type: 'text', array: true, default: () => "'{advocate}'" })
  provisioningRoles!: Role[];

  @Column({ name: 'provisioning_kind', type: 'text', default: 'employee' })
  provisioningKind!: MemberKind;

  @Column({ name: 'require_sso', type: 'boolean', default: false })
  requireSso!: boolean;

  /** Admins who may still sign in with a password when single sign-on is required. */
  @Column({ name: 'break_glass_member_ids', type: 'uuid', array: true, default: () => "'{}'" })
  breakGlassMemberIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
