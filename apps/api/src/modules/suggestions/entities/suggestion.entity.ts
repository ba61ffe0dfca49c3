import type { SuggestionStatus } from '@heimo/domain';
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
import { Pack } from '../../packs/entities/pack.entity';

/**
 * A link a member suggested to the curators, with a note. A curator decides it once: `accepted`
 * makes a draft pack (`packId`) and credits the suggester `points` (the organisation's
 * `points.suggestionAccepted` at that moment, kept so the rollups' recount stays exact when the
 * setting changes later); `declined` carries the curator's note the suggester reads.
 */
@Entity({ name: 'suggestions' })
// The curators' queue: an organisation's suggestions of one status, newest first.
@Index('ix_suggestions_organisation_status_created', ['organisationId', 'status', 'createdAt', 'id'])
// A member's own list, and their suggestions of today (the daily limit).
@Index('ix_suggestions_member_created', ['memberId', 'createdAt'])
export class Suggestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_suggestions' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_suggestions_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_suggestions_member' })
  member?: Member;

  /** Normalised by `checkSuggestion` (@heimo/content): http(s), no credentials, at most 2048 characters. */
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: SuggestionStatus;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_suggestions_decided_by' })
  decidedBy?: Member | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The curator's note with the decision; the suggester reads it. */
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  /** The draft an acceptance made; null when declined, pending, or the pack was deleted. */
  @Column({ name: 'pack_id', type: 'uuid', nullable: true })
  packId!: string | null;

  @ManyToOne(() => Pack, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_suggestions_pack' })
  pack?: Pack | null;

  /** Points credited to the suggester by the acceptance (0 otherwise). */
  @Column({ type: 'integer', default: 0 })
  points!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
