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

export const FEED_FETCH_STATUSES = ['ok', 'not_modified', 'error'] as const;
export type FeedFetchStatus = (typeof FEED_FETCH_STATUSES)[number];

/** An RSS or Atom feed (the company blog) whose new items become draft packs. */
@Entity({ name: 'feed_sources' })
@Index('uq_feed_sources_organisation_url', ['organisationId', 'url'], { unique: true })
@Index('ix_feed_sources_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_feed_sources_enabled', ['enabled'])
export class FeedSource {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_feed_sources' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_feed_sources_organisation' })
  organisation?: Organisation;

  /** Absolute http(s) URL as the curator gave it (normalised by URL parsing). */
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text' })
  title!: string;

  /** Validators of the last complete read, sent back as If-None-Match / If-Modified-Since. */
  @Column({ type: 'text', nullable: true })
  etag!: string | null;

  @Column({ name: 'last_modified', type: 'text', nullable: true })
  lastModified!: string | null;

  @Column({ name: 'last_fetched_at', type: 'timestamptz', nullable: true })
  lastFetchedAt!: Date | null;

  /** Null until the first read. */
  @Column({ name: 'last_status', type: 'text', nullable: true })
  lastStatus!: FeedFetchStatus | null;

  /** A `feed.*` code when the last read failed. */
  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode!: string | null;

  @Column({ name: 'last_error_detail', type: 'text', nullable: true })
  lastErrorDetail!: string | null;

  /** Items imported as packs over the source's life. */
  @Column({ name: 'items_imported', type: 'integer', default: 0 })
  itemsImported!: number;

  /** The scheduled poll reads only enabled sources; "fetch now" reads any. */
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_feed_sources_created_by' })
  createdBy?: Member;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
