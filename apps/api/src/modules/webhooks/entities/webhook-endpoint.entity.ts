import type { WebhookEventType } from '@heimo/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * An organisation's webhook endpoint: an HTTPS URL that receives the chosen events, signed by the
 * Standard Webhooks scheme with its secret. Secrets are sealed with SecretBox (never stored plain).
 */
@Entity({ name: 'webhook_endpoints' })
@Index('ix_webhook_endpoints_organisation_created', ['organisationId', 'createdAt', 'id'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_endpoints' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_webhook_endpoints_organisation' })
  organisation?: Organisation;

  /** HTTPS URL at a public address (or on the outbound allow-list), normalised by URL parsing. */
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The subscribed events; never empty. */
  @Column({ type: 'text', array: true })
  events!: WebhookEventType[];

  /** Off by an admin, or by the sender after a delivery ran out of retries (`disabledReason`). */
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** `failing` when the sender switched it off; null otherwise. */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** The `whsec_…` secret, sealed under context `webhook-secret:<id>`. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed!: string;

  /** After a rotation, the previous secret (context `webhook-secret-previous:<id>`) until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true })
  previousSecretSealed!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_webhook_endpoints_created_by' })
  createdBy?: Member;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
