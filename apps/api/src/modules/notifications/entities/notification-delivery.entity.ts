import type { EmailKind } from '@heimo/content';
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

export const DELIVERY_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One e-mail: queued in the transaction of what caused it, sent by the notifications worker, and
 * its log (status, attempts, last error). `dedupeKey` makes a message once-only: a digest per member
 * and local day, a reminder per module version, an invitation per invitation.
 */
@Entity({ name: 'notification_deliveries' })
@Index('uq_notification_deliveries_dedupe_key', ['dedupeKey'], { unique: true })
@Index('ix_notification_deliveries_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_notification_deliveries_status_updated', ['status', 'updatedAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification_deliveries' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'fk_notification_deliveries_organisation',
  })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_notification_deliveries_member' })
  member?: Member;

  @Column({ type: 'text' })
  kind!: EmailKind;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  locale!: string;

  /** Filled when rendered. */
  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text', default: 'queued' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The Message-ID header: `<delivery id>@heimo`, the same on every attempt. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  /** With no SMTP server: the .eml file under DATA_DIR/outbox. */
  @Column({ name: 'outbox_file', type: 'text', nullable: true })
  outboxFile!: string | null;

  /** What the message is rendered from. Secrets (an invitation link) are removed once sent. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
