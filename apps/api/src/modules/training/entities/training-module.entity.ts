import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import type { TrainingContent, TrainingKind } from '../training-content';

/**
 * A course or a policy. Curators edit `draft`; publishing copies it to `published` and bumps
 * `publishedVersion`, so members only ever see (and are examined on) a published version.
 */
@Entity({ name: 'training_modules' })
@Index('ix_training_modules_organisation_created', ['organisationId', 'createdAt', 'id'])
export class TrainingModule {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_training_modules' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_training_modules_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  kind!: TrainingKind;

  /** Validated by the training service (training-content.ts). */
  @Column({ type: 'jsonb' })
  draft!: TrainingContent;

  @Column({ type: 'jsonb', nullable: true })
  published!: TrainingContent | null;

  /** 0 until the first publish. */
  @Column({ name: 'published_version', type: 'integer', default: 0 })
  publishedVersion!: number;

  /** The newest version published as material: passes of older versions are outdated. */
  @Column({ name: 'material_version', type: 'integer', default: 0 })
  materialVersion!: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'created_by_member_id', type: 'uuid', nullable: true })
  createdByMemberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_member_id', foreignKeyConstraintName: 'fk_training_modules_created_by' })
  createdBy?: Member | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Optimistic lock of the draft; distinct from the published version members see. */
  @VersionColumn({ type: 'integer', default: 1 })
  revision!: number;
}
