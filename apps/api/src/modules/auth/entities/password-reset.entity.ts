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
 * A password reset link: single use, valid for an hour. Only the token's SHA-256 is stored; the
 * link itself travels in the e-mail alone (and leaves the delivery row once sent).
 */
@Entity({ name: 'password_resets' })
@Index('uq_password_resets_token_hash', ['tokenHash'], { unique: true })
@Index('ix_password_resets_member', ['memberId'])
@Index('ix_password_resets_organisation', ['organisationId'])
export class PasswordReset {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_password_resets' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_password_resets_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_password_resets_member' })
  member?: Member;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The admin who sent the link from People; null when the member asked for it. */
  @Column({ name: 'requested_by_member_id', type: 'uuid', nullable: true })
  requestedByMemberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_member_id', foreignKeyConstraintName: 'fk_password_resets_requested_by' })
  requestedBy?: Member | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
