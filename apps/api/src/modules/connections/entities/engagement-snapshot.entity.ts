import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Share } from '../../sharing/entities/share.entity';

/** A verified share's post engagement as its network counted it at one moment. */
@Entity({ name: 'share_engagement_snapshots' })
@Index('ix_share_engagement_snapshots_share', ['shareId', 'collectedAt'])
@Index('ix_share_engagement_snapshots_organisation', ['organisationId', 'collectedAt'])
export class EngagementSnapshot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_share_engagement_snapshots' })
  id!: string;

  @Column({ name: 'share_id', type: 'uuid' })
  shareId!: string;

  @ManyToOne(() => Share, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'share_id', foreignKeyConstraintName: 'fk_share_engagement_snapshots_share' })
  share?: Share;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'collected_at', type: 'timestamptz' })
  collectedAt!: Date;

  @Column({ type: 'integer' })
  likes!: number;

  @Column({ type: 'integer' })
  reposts!: number;

  @Column({ type: 'integer' })
  replies!: number;

  @Column({ type: 'integer' })
  quotes!: number;

  /** The post was gone: the figures are the last ones collected before. */
  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
