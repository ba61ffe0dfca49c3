import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';

export const DOMAIN_VERIFICATION_METHODS = ['dns', 'operator'] as const;
export type DomainVerificationMethod = (typeof DOMAIN_VERIFICATION_METHODS)[number];

/**
 * A mail domain an organisation claims for single sign-on. It serves sign-in only once verified (a DNS
 * TXT record with `token`, or the operator's approval); a verified domain belongs to one organisation.
 */
@Entity({ name: 'sso_domains' })
@Index('uq_sso_domains_organisation_domain', ['organisationId', 'domain'], { unique: true })
@Index('uq_sso_domains_verified_domain', ['domain'], { unique: true, where: '"verified_at" IS NOT NULL' })
export class SsoDomain {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sso_domains' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sso_domains_organisation' })
  organisation?: Organisation;

  /** Lower case, no trailing dot. */
  @Column({ type: 'text' })
  domain!: string;

  /** The value of the TXT record that proves the domain (`heimo-verification=<token>`). */
  @Column({ type: 'text' })
  token!: string;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'verified_by', type: 'text', nullable: true })
  verifiedBy!: DomainVerificationMethod | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
