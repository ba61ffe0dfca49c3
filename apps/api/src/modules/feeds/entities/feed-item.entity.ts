import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Pack } from '../../packs/entities/pack.entity';
import { FeedSource } from './feed-source.entity';

/**
 * One feed item that was imported. The unique (source, guid) key is what makes an item import once,
 * however many reads run at the same time.
 */
@Entity({ name: 'feed_items' })
@Index('uq_feed_items_source_guid', ['sourceId', 'guid'], { unique: true })
@Index('ix_feed_items_organisation', ['organisationId'])
@Index('ix_feed_items_pack', ['packId'])
export class FeedItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_feed_items' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_feed_items_organisation' })
  organisation?: Organisation;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @ManyToOne(() => FeedSource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_feed_items_source' })
  source?: FeedSource;

  /** The item's guid or Atom id (else its link, else a content hash); at most 512 characters. */
  @Column({ type: 'text' })
  guid!: string;

  /** The draft it became; null once that pack is deleted (the item still counts as imported). */
  @Column({ name: 'pack_id', type: 'uuid', nullable: true })
  packId!: string | null;

  @ManyToOne(() => Pack, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_feed_items_pack' })
  pack?: Pack;

  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt!: Date;
}
