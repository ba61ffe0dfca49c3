import type { ChannelMessage } from '@heimo/content';
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
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Channel } from './channel.entity';

export const CHANNEL_POST_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export type ChannelPostStatus = (typeof CHANNEL_POST_STATUSES)[number];

/**
 * One message to a channel: written when it is due (once: `dedupe_key`), posted by the channels
 * worker with retries, and its log (status, attempts, the receiver's HTTP status, the last error).
 */
@Entity({ name: 'chat_channel_posts' })
@Index('uq_chat_channel_posts_dedupe_key', ['dedupeKey'], { unique: true })
@Index('ix_chat_channel_posts_channel_created', ['channelId', 'createdAt'])
@Index('ix_chat_channel_posts_status_updated', ['status', 'updatedAt'])
export class ChannelPost {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_channel_posts' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_chat_channel_posts_organisation' })
  organisation?: Organisation;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_chat_channel_posts_channel' })
  channel?: Channel;

  @Column({ type: 'text' })
  message!: ChannelMessage;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ type: 'text' })
  locale!: string;

  /** What the template is filled from. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ type: 'text', default: 'queued' })
  status!: ChannelPostStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The receiver's HTTP status of the last attempt; null when none answered. */
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
