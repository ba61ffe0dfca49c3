import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Session } from '../../auth/entities/session.entity';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * One browser's Web Push subscription: the push service's endpoint and the browser's keys. It
 * belongs to the session that turned push on: messages go only while that session is open, and
 * ending it (signing out of the device) deletes the subscription.
 */
@Entity({ name: 'push_subscriptions' })
@Index('uq_push_subscriptions_member_endpoint', ['memberId', 'endpoint'], { unique: true })
@Index('ix_push_subscriptions_session', ['sessionId'])
export class PushSubscription {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_push_subscriptions' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_push_subscriptions_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_push_subscriptions_member' })
  member?: Member;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_push_subscriptions_session' })
  session?: Session;

  /** The push service's https URL for this browser. */
  @Column({ type: 'text' })
  endpoint!: string;

  /** The browser's P-256 public key, base64url. */
  @Column({ type: 'text' })
  p256dh!: string;

  /** The browser's 16-byte authentication secret, base64url. */
  @Column({ type: 'text' })
  auth!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true })
  lastSentAt!: Date | null;
}
