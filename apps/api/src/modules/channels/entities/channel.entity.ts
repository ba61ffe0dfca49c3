import type { ChannelEvent, ChannelKind } from '@heimo/content';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

export const CHANNEL_POST_OUTCOMES = ['sent', 'failed'] as const;
export type ChannelPostOutcome = (typeof CHANNEL_POST_OUTCOMES)[number];

/**
 * A Slack or Teams channel an organisation posts to, through the webhook URL an admin pasted. The
 * URL is a secret (whoever has it posts to the channel): sealed by SecretBox under
 * `channel-url:<id>`, and only its masked form (`url_hint`) is ever answered.
 */
@Entity({ name: 'chat_channels' })
@Index('ix_chat_channels_organisation_created', ['organisationId', 'createdAt', 'id'])
export class Channel {
  /** Chosen before insert: the sealed URL is bound to it. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_chat_channels' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_chat_channels_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  kind!: ChannelKind;

  @Column({ type: 'text' })
  name!: string;

  /** The webhook URL, sealed (`v1.<key id>.<iv>.<ciphertext>`). */
  @Column({ name: 'url_sealed', type: 'text' })
  urlSealed!: string;

  /** What the admins see of the URL: its origin and last characters. */
  @Column({ name: 'url_hint', type: 'text' })
  urlHint!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  events!: ChannelEvent[];

  /** A paused channel receives nothing planned; its test message still goes. */
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'last_status', type: 'text', nullable: true })
  lastStatus!: ChannelPostOutcome | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_posted_at', type: 'timestamptz', nullable: true })
  lastPostedAt!: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_chat_channels_created_by' })
  createdBy?: Member;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
