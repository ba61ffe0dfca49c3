import type { AudiencePendingReason, NetworkId } from '@heimo/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/** A member's account on a network; a share snapshots its audience size. */
@Entity({ name: 'social_profiles' })
@Index('uq_social_profiles_member_network', ['memberId', 'network'], { unique: true })
@Index('ix_social_profiles_organisation_member', ['organisationId', 'memberId'])
@Index('ix_social_profiles_pending_audience', ['organisationId', 'pendingAudienceSince'], {
  where: '"pending_audience_size" IS NOT NULL',
})
export class SocialProfile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_social_profiles' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_social_profiles_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_social_profiles_member' })
  member?: Member;

  @Column({ type: 'text' })
  network!: NetworkId;

  @Column({ type: 'text' })
  handle!: string;

  /**
   * The audience that counts (a share snapshots it): followers or connections as reported, or, while a
   * report waits for an admin's confirmation, the previous or ceiling value (`decideAudience` of
   * @heimo/domain). At most 2 000 000 000, so an integer holds it.
   */
  @Column({ name: 'audience_size', type: 'integer' })
  audienceSize!: number;

  /** A reported audience waiting for an admin's confirmation, or null. */
  @Column({ name: 'pending_audience_size', type: 'integer', nullable: true })
  pendingAudienceSize!: number | null;

  /** Why it waits: above the organisation's ceiling, or grown more than twofold within 30 days. */
  @Column({ name: 'pending_audience_reason', type: 'text', nullable: true })
  pendingAudienceReason!: AudiencePendingReason | null;

  @Column({ name: 'pending_audience_since', type: 'timestamptz', nullable: true })
  pendingAudienceSince!: Date | null;

  /**
   * When the audience was last read from the network through a connected account (connections
   * module): it is then the follower count, verified, and self-reported changes are refused. Null for
   * a self-reported audience.
   */
  @Column({ name: 'audience_verified_at', type: 'timestamptz', nullable: true })
  audienceVerifiedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
