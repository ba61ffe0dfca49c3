import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * A member's account at an OpenID provider: (issuer, subject) names it for good. The e-mail claim
 * only makes the first link; later sign-ins find the member here, whatever e-mail the provider sends.
 */
@Entity({ name: 'sso_identities' })
@Index('uq_sso_identities_subject', ['organisationId', 'issuer', 'subject'], { unique: true })
@Index('ix_sso_identities_member', ['memberId'])
export class SsoIdentity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sso_identities' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sso_identities_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_sso_identities_member' })
  member?: Member;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'last_signed_in_at', type: 'timestamptz', nullable: true })
  lastSignedInAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
