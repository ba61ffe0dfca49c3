import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ApiTokenScope } from '@heimo/domain';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * An organisation's bearer token for machines: reporting tools with the API scopes today, SCIM
 * provisioning (scope `scim`) later, in this one table. Only the token's SHA-256 is kept (the token
 * is 32 random bytes, so a plain hash suffices) and its first characters (`hint`) to tell tokens
 * apart. A token is usable while not revoked and not expired (`expiresAt` null: no expiry, for SCIM).
 */
@Entity({ name: 'api_tokens' })
@Index('ix_api_tokens_organisation_created', ['organisationId', 'createdAt'])
@Index('uq_api_tokens_token_hash', ['tokenHash'], { unique: true })
export class ApiToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_tokens' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_api_tokens_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true })
  scopes!: ApiTokenScope[];

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  hint!: string;

  @Column({ name: 'created_by_member_id', type: 'uuid', nullable: true })
  createdByMemberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_member_id', foreignKeyConstraintName: 'fk_api_tokens_created_by' })
  createdBy?: Member | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by_member_id', type: 'uuid', nullable: true })
  revokedByMemberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'revoked_by_member_id', foreignKeyConstraintName: 'fk_api_tokens_revoked_by' })
  revokedBy?: Member | null;
}
