import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { SocialProfile } from './social-profile.entity';

/** Every audience size a profile has had, appended on each change (and on creation). */
@Entity({ name: 'profile_audience_history' })
@Index('ix_profile_audience_history_profile_recorded', ['profileId', 'recordedAt'])
@Index('ix_profile_audience_history_organisation', ['organisationId'])
export class ProfileAudienceHistory {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_profile_audience_history' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'fk_profile_audience_history_organisation',
  })
  organisation?: Organisation;

  @Column({ name: 'profile_id', type: 'uuid' })
  profileId!: string;

  @ManyToOne(() => SocialProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'profile_id', foreignKeyConstraintName: 'fk_profile_audience_history_profile' })
  profile?: SocialProfile;

  /** The size the member reported. */
  @Column({ name: 'audience_size', type: 'integer' })
  audienceSize!: number;

  /** What the size counted at when it was reported (null before audiences were checked: as reported). */
  @Column({ name: 'counted_audience_size', type: 'integer', nullable: true })
  countedAudienceSize!: number | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
