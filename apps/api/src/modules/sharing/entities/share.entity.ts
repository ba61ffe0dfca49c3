import type { NetworkId, UncreditedReason } from '@heimo/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { type Locale, Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Pack } from '../../packs/entities/pack.entity';

/**
 * A member shared a pack on a network. `code` is its tracked link (`/r/<code>`), `redirectUrl` the
 * destination with UTM parameters, fixed when the share is made: the redirect only ever sends
 * visitors to a stored URL. The click counters are kept by the click worker in the same
 * transaction as the click events and the daily rollups.
 */
@Entity({ name: 'shares' })
@Index('uq_shares_code', ['code'], { unique: true })
@Index('uq_shares_member_idempotency_key', ['memberId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
@Index('ix_shares_member_created', ['memberId', 'createdAt', 'id'])
@Index('ix_shares_organisation_created', ['organisationId', 'createdAt'])
@Index('ix_shares_pack', ['packId'])
@Index('ix_shares_credit_group', ['creditGroupId'], { where: '"credit_group_id" IS NOT NULL' })
@Index('ix_shares_member_pack_network', ['memberId', 'packId', 'network'])
export class Share {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_shares' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_shares_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_shares_member' })
  member?: Member;

  @Column({ name: 'pack_id', type: 'uuid' })
  packId!: string;

  @ManyToOne(() => Pack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_shares_pack' })
  pack?: Pack;

  @Column({ type: 'text' })
  network!: NetworkId;

  @Column({ type: 'text' })
  locale!: Locale;

  /** Base62, {@link SHARE_CODE_LENGTH} characters, from `ShareCodeService.newCode()`. */
  @Column({ type: 'text' })
  code!: string;

  /** The final caption, with the tracked link in it. */
  @Column({ type: 'text' })
  text!: string;

  /** The destination with `utm_source`, `utm_medium`, `utm_campaign` and `utm_content`. */
  @Column({ name: 'redirect_url', type: 'text' })
  redirectUrl!: string;

  /** The member's audience on the network when they shared (the share's reach). */
  @Column({ name: 'audience_size', type: 'integer' })
  audienceSize!: number;

  /** The `Idempotency-Key` the share was made with; unique per member. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /**
   * A hash of the request the key came with (pack, network, edited caption): the same key with
   * another request is refused rather than answered with this share.
   */
  @Column({ name: 'idempotency_fingerprint', type: 'text', nullable: true })
  idempotencyFingerprint?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Human clicks (previews excluded). */
  @Column({ type: 'integer', default: 0 })
  clicks!: number;

  @Column({ name: 'unique_clicks', type: 'integer', default: 0 })
  uniqueClicks!: number;

  /** Visits by link-preview fetchers, crawlers, scanners and prefetches. */
  @Column({ type: 'integer', default: 0 })
  previews!: number;

  /**
   * Whether the share earned share points and reach (`decideShareCredit` of @heimo/domain): the
   * member's first credited share of the pack on the network, within the daily cap.
   */
  @Column({ type: 'boolean', default: true })
  credited!: boolean;

  /** Why not: `repeat` (an earlier share of the pack on the network was credited) or `daily_cap`. */
  @Column({ name: 'uncredited_reason', type: 'text', nullable: true })
  uncreditedReason!: UncreditedReason | null;

  /**
   * The first share of the member of this pack on this network, whose click-points cap this share
   * shares; null for that first share itself (and for shares made before the groups), whose group is its own id.
   */
  @Column({ name: 'credit_group_id', type: 'uuid', nullable: true })
  creditGroupId!: string | null;

  /** Points the share's unique clicks have earned so far (the cap is per member, pack and network). */
  @Column({ name: 'click_points', type: 'integer', default: 0 })
  clickPoints!: number;
}
