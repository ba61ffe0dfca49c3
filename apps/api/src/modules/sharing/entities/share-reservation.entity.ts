import type { NetworkId } from '@heimo/domain';
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
import { Pack } from '../../packs/entities/pack.entity';
import { Share } from './share.entity';

/**
 * A share's code held for a member before the share exists: the system share sheet must open right
 * at the tap, so the client reserves the code (and so the final caption and tracked link) when the
 * card opens, and confirms once the sheet resolves. Confirming makes the share with this code and
 * the same checks and `Idempotency-Key` as the share command (`shareId` then points at it);
 * releasing deletes the row. A reservation never confirmed before `expiresAt` never counts: its
 * link redirects without counting until then, and is unknown afterwards.
 */
@Entity({ name: 'share_reservations' })
@Index('uq_share_reservations_code', ['code'], { unique: true })
@Index('uq_share_reservations_member_idempotency_key', ['memberId', 'idempotencyKey'], { unique: true })
@Index('ix_share_reservations_expires', ['expiresAt'])
export class ShareReservation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_share_reservations' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_share_reservations_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_share_reservations_member' })
  member?: Member;

  @Column({ name: 'pack_id', type: 'uuid' })
  packId!: string;

  @ManyToOne(() => Pack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_share_reservations_pack' })
  pack?: Pack;

  @Column({ type: 'text' })
  network!: NetworkId;

  /** The edited caption as the member sent it, or null for the variant's own. */
  @Column({ type: 'text', nullable: true })
  caption!: string | null;

  /** Base62, the share code's length; unique here and never a share's code. */
  @Column({ type: 'text' })
  code!: string;

  /** Where the link leads while reserved (the share's redirect URL to be), never counted. */
  @Column({ name: 'redirect_url', type: 'text' })
  redirectUrl!: string;

  /** The key the confirmation makes the share with (the client's, or one made for it). */
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** The share command's fingerprint of pack, network and edited caption. */
  @Column({ name: 'idempotency_fingerprint', type: 'text' })
  idempotencyFingerprint!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The share the confirmation made; null until then. */
  @Column({ name: 'share_id', type: 'uuid', nullable: true })
  shareId!: string | null;

  @ManyToOne(() => Share, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'share_id', foreignKeyConstraintName: 'fk_share_reservations_share' })
  share?: Share;
}
