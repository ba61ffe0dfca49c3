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
 * The pending invitation of an `invited` member: one per member (inviting again replaces the
 * token). Only the token's SHA-256 is stored; the link is shown once, to the admin who invited.
 */
@Entity({ name: 'invitations' })
@Index('uq_invitations_member', ['memberId'], { unique: true })
@Index('uq_invitations_token_hash', ['tokenHash'], { unique: true })
@Index('ix_invitations_organisation', ['organisationId'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invitations' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_invitations_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_invitations_member' })
  member?: Member;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'invited_by_member_id', type: 'uuid', nullable: true })
  invitedByMemberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by_member_id', foreignKeyConstraintName: 'fk_invitations_invited_by' })
  invitedBy?: Member | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
