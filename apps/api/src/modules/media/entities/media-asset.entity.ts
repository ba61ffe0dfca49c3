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

export const MEDIA_KINDS = ['image', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * An uploaded image or video. The bytes live in the media storage under `storageKey` (random, never
 * the uploader's file name); they never change after they are written, so its id names one content.
 * Only its description (`altText`) is written later.
 */
@Entity({ name: 'media_assets' })
@Index('ix_media_assets_organisation_created', ['organisationId', 'createdAt'])
@Index('uq_media_assets_storage_key', ['storageKey'], { unique: true })
export class MediaAsset {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_media_assets' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_media_assets_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  kind!: MediaKind;

  /** Sniffed from the bytes, never taken from the upload's declared type. */
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  bytes!: number;

  /** Pixels, read from the image's header; null for video. */
  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  /** The uploader's file name, for people to recognise it; never used as a path. */
  @Column({ name: 'original_name', type: 'text' })
  originalName!: string;

  /** What the picture shows, for people who cannot see it; empty until a curator describes it. */
  @Column({ name: 'alt_text', type: 'text', default: '' })
  altText!: string;

  /** Null when the system stored it (a feed import) or the uploader was erased. */
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_media_assets_created_by' })
  createdBy?: Member | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
