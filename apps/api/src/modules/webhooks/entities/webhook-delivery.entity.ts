import type { WebhookDeliveryStatus, WebhookEventType } from '@heimo/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/**
 * One event for one endpoint, and the result of its latest attempt (the delivery log). The body is
 * kept as the exact bytes sent, so retries and redeliveries send the same payload.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('ix_webhook_deliveries_endpoint_created', ['endpointId', 'createdAt', 'id'])
@Index('ix_webhook_deliveries_organisation', ['organisationId'])
@Index('ix_webhook_deliveries_created', ['createdAt'])
@Index('ix_webhook_deliveries_pending', ['createdAt'], { where: `"status" = 'pending'` })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_webhook_deliveries_organisation' })
  organisation?: Organisation;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_deliveries_endpoint' })
  endpoint?: WebhookEndpoint;

  /** The `webhook-id` header: the same for every endpoint the event goes to, and on every attempt. */
  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: WebhookEventType;

  /** The JSON body, as sent. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** The HTTP status the endpoint answered; null when there was no answer (`errorCode` says why). */
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  /** The start of the answer's body (at most 500 characters). */
  @Column({ name: 'response_excerpt', type: 'text', nullable: true })
  responseExcerpt!: string | null;

  /** `webhook.timeout`, `webhook.private_address`, `webhook.http_status`, … when the last attempt failed. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
