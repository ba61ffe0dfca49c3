import type { NetworkId } from '@heimo/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Share } from '../../sharing/entities/share.entity';

export const VERIFICATION_STATUSES = ['pending', 'verified', 'unverified'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * Whether a share made on a network the member had connected was posted: `pending` until a post
 * with its tracked link is found (`verified`) or the deadline passes (`unverified`, `revoked` when the
 * organisation's `unverifiedSharePolicy` took its credit back). Shares on networks the member had not
 * connected have no row.
 */
@Entity({ name: 'share_verifications' })
@Index('ix_share_verifications_member_status', ['memberId', 'status'])
@Index('ix_share_verifications_organisation', ['organisationId'])
export class ShareVerification {
  @PrimaryColumn({ name: 'share_id', type: 'uuid', primaryKeyConstraintName: 'pk_share_verifications' })
  shareId!: string;

  @OneToOne(() => Share, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'share_id', foreignKeyConstraintName: 'fk_share_verifications_share' })
  share?: Share;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ type: 'text' })
  network!: NetworkId;

  @Column({ type: 'text', default: 'pending' })
  status!: VerificationStatus;

  @Column({ name: 'checks_done', type: 'integer', default: 0 })
  checksDone!: number;

  @Column({ name: 'next_check_at', type: 'timestamptz', nullable: true })
  nextCheckAt!: Date | null;

  @Column({ name: 'post_id', type: 'text', nullable: true })
  postId!: string | null;

  @Column({ name: 'post_url', type: 'text', nullable: true })
  postUrl!: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** The connected account's follower count when the share was made. */
  @Column({ name: 'followers_at_share', type: 'integer' })
  followersAtShare!: number;

  /** When an unverified share was settled at the deadline. */
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  /** The settlement took the share's credit back (a compensating rollup entry on the share's day). */
  @Column({ type: 'boolean', default: false })
  revoked!: boolean;

  @Column({ name: 'collections_done', type: 'integer', default: 0 })
  collectionsDone!: number;

  @Column({ name: 'next_collection_at', type: 'timestamptz', nullable: true })
  nextCollectionAt!: Date | null;

  /** The post was found deleted; its last engagement figures stay. */
  @Column({ name: 'post_deleted_at', type: 'timestamptz', nullable: true })
  postDeletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
