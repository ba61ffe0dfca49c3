import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AuditAction, AuditTargetType } from '@heimo/domain';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * Who did what to whom, when. `details` holds ids, codes and changed field names — never a
 * password, token or e-mail address — so erasing a member leaves nothing personal behind here.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_organisation_created', ['organisationId', 'createdAt'])
@Index('ix_audit_events_actor', ['actorMemberId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_events' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_audit_events_organisation' })
  organisation?: Organisation;

  /** Null for the system and for anonymous callers (a failed sign-in). */
  @Column({ name: 'actor_member_id', type: 'uuid', nullable: true })
  actorMemberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_member_id', foreignKeyConstraintName: 'fk_audit_events_actor' })
  actor?: Member | null;

  @Column({ type: 'text' })
  action!: AuditAction;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType!: AuditTargetType | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
