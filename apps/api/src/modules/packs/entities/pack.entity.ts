import type { PackState } from '@heimo/domain';
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
import type { Locale, MemberKind } from '../../members/entities/member.entity';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/** `suggestion`: a draft a curator made by accepting a member's suggested link. */
export const PACK_ORIGINS = ['manual', 'feed', 'suggestion'] as const;
export type PackOrigin = (typeof PACK_ORIGINS)[number];

/**
 * A content pack: a link, media and hashtags with a caption variant per network and locale. Its
 * content is validated by the packs service on every save; `version` is the optimistic lock, bumped
 * by every edit and every transition.
 */
@Entity({ name: 'packs' })
@Index('uq_packs_organisation_slug', ['organisationId', 'slug'], { unique: true })
@Index('ix_packs_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_packs_organisation_status', ['organisationId', 'status'])
// The schedule sweep looks across organisations for packs due to publish or expire.
@Index('ix_packs_status_publish_at', ['status', 'publishAt'])
@Index('ix_packs_status_expire_at', ['status', 'expireAt'])
// The advocates' feed: an organisation's published packs by (published_at, id), read backwards.
@Index('ix_packs_organisation_feed', ['organisationId', 'publishedAt', 'id'], {
  where: `"status" = 'published'`,
})
export class Pack {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_packs' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_packs_organisation' })
  organisation?: Organisation;

  /** Lower-case a-z, 0-9 and dashes; unique in the organisation; the `utm_campaign` of every share. */
  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  /** Normalised by `parseDestinationUrl`; null for a pack without a link. */
  @Column({ name: 'destination_url', type: 'text', nullable: true })
  destinationUrl!: string | null;

  /** Without the `#`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  hashtags!: string[];

  /** Ordered ids of `media_assets`; a variant without media of its own uses these. */
  @Column({ name: 'media_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mediaIds!: string[];

  /** Teams whose employees see the pack; empty for every team (and employees without one). */
  @Column({ name: 'audience_team_ids', type: 'uuid', array: true, default: () => "'{}'" })
  audienceTeamIds!: string[];

  /** Which kinds of member see it; fans only see packs opened to `fan`. */
  @Column({ name: 'audience_kinds', type: 'text', array: true, default: () => "'{employee}'" })
  audienceKinds!: MemberKind[];

  /** Empty: every locale. */
  @Column({ name: 'audience_locales', type: 'text', array: true, default: () => "'{}'" })
  audienceLocales!: Locale[];

  /** Advocates may edit the caption in their own voice ("don't give them a script"). */
  @Column({ name: 'allow_caption_edit', type: 'boolean', default: true })
  allowCaptionEdit!: boolean;

  @Column({ type: 'text', default: 'draft' })
  status!: PackState;

  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt!: Date | null;

  @Column({ name: 'expire_at', type: 'timestamptz', nullable: true })
  expireAt!: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Null for a draft imported from a feed (or when its creator was erased). */
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_packs_created_by' })
  createdBy?: Member | null;

  /**
   * Everyone who wrote or submitted the content: the creator, every editor and every submitter.
   * With four-eyes approval on, none of them may approve the pack.
   */
  @Column({ name: 'author_ids', type: 'uuid', array: true, default: () => "'{}'" })
  authorIds!: string[];

  @Column({ type: 'text', default: 'manual' })
  origin!: PackOrigin;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
