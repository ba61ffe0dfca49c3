import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { TrainingModule } from './training-module.entity';

export const COMPLETION_KINDS = ['attempt', 'acceptance'] as const;
export type CompletionKind = (typeof COMPLETION_KINDS)[number];

/** A quiz attempt on a course or the acceptance of a policy; never changed once written. */
@Entity({ name: 'training_completions' })
@Index('ix_training_completions_member', ['organisationId', 'memberId', 'moduleId', 'completedAt'])
@Index('ix_training_completions_module', ['moduleId'])
export class TrainingCompletion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_training_completions' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_training_completions_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_training_completions_member' })
  member?: Member;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId!: string;

  @ManyToOne(() => TrainingModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'fk_training_completions_module' })
  module?: TrainingModule;

  @Column({ type: 'text' })
  kind!: CompletionKind;

  /** The published version taken or accepted. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean' })
  passed!: boolean;

  /** Percent of questions right; null for an acceptance. */
  @Column({ type: 'integer', nullable: true })
  score!: number | null;

  /** The answers as given: `[{ questionId, optionIds }]`. */
  @Column({ type: 'jsonb', default: [] })
  answers!: { questionId: string; optionIds: string[] }[];

  @Column({ name: 'completed_at', type: 'timestamptz', default: () => 'now()' })
  completedAt!: Date;
}
