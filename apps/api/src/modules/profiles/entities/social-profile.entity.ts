import type { NetworkId } from '@heimo/domain';
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

  /** Followers or connections; at most 2 000 000 000, so an integer holds it. */
  @Column({ name: 'audience_size', type: 'integer' })
  audienceSize!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
