import { PACK_ACTIONS, type PackState } from '@heimo/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Pack } from './pack.entity';

/**
 * What a history row records: a lifecycle action of `@heimo/domain`, or `create` (a curator's new
 * draft, `from` null), `import` (a draft from a feed, `from` null) or `edit` (any saved change; an
 * approved pack whose content changed goes `approved` → `in_review`).
 */
export const PACK_HISTORY_ACTIONS = [...PACK_ACTIONS, 'create', 'import', 'edit'] as const;
export type PackHistoryAction = (typeof PACK_HISTORY_ACTIONS)[number];

/** One step of a pack's history: who moved it from which state to which, when, and why. */
@Entity({ name: 'pack_transitions' })
@Index('ix_pack_transitions_pack_at', ['packId', 'at'])
@Index('ix_pack_transitions_organisation', ['organisationId'])
export class PackTransition {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_pack_transitions' })
  id!: string;

  @Column({ name: 'pack_id', type: 'uuid' })
  packId!: string;

  @ManyToOne(() => Pack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_pack_transitions_pack' })
  pack?: Pack;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_pack_transitions_organisation' })
  organisation?: Organisation;

  /** Null for the row that records the pack's creation or import. */
  @Column({ type: 'text', nullable: true })
  from!: PackState | null;

  @Column({ type: 'text' })
  to!: PackState;

  @Column({ type: 'text' })
  action!: PackHistoryAction;

  /** Null: the scheduler (publish at / expire at) or a feed import. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_pack_transitions_actor' })
  actor?: Member | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  // clock_timestamp(), not now(): rows written in one transaction still keep their order.
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;
}
