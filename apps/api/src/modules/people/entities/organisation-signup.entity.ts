import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '../../members/entities/member.entity';

/**
 * A request to create an organisation from the web (ALLOW_ORGANISATION_SIGNUP), waiting for its
 * e-mailed link to be followed. Only the token's SHA-256 is stored; the link works once, for 48
 * hours. It belongs to no organisation: the organisation is created when the link is followed.
 */
@Entity({ name: 'organisation_signups' })
@Index('uq_organisation_signups_token_hash', ['tokenHash'], { unique: true })
@Index('idx_organisation_signups_expires_at', ['expiresAt'])
export class OrganisationSignup {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisation_signups' })
  id!: string;

  /** The address confirmed by following the link: it becomes the first admin's. */
  @Column({ type: 'text' })
  email!: string;

  /** The language the request was made in: the e-mail's, and the confirm form's first choice. */
  @Column({ type: 'text' })
  locale!: Locale;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
