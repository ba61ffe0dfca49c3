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
import type { Locale } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Pack } from './pack.entity';

/** A pack's caption for one network and locale (a Handlebars template, see `@heimo/content`). */
@Entity({ name: 'pack_variants' })
@Index('uq_pack_variants_pack_network_locale', ['packId', 'network', 'locale'], { unique: true })
@Index('ix_pack_variants_organisation_network', ['organisationId', 'network'])
export class PackVariant {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_pack_variants' })
  id!: string;

  @Column({ name: 'pack_id', type: 'uuid' })
  packId!: string;

  @ManyToOne(() => Pack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_pack_variants_pack' })
  pack?: Pack;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_pack_variants_organisation' })
  organisation?: Organisation;

  /** A network id of the registry in `@heimo/domain`. */
  @Column({ type: 'text' })
  network!: string;

  @Column({ type: 'text' })
  locale!: Locale;

  @Column({ name: 'caption_template', type: 'text' })
  captionTemplate!: string;

  /** For networks with a title (Pinterest, e-mail subject). */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** Ordered ids of `media_assets`; empty: the pack's media. */
  @Column({ name: 'media_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mediaIds!: string[];

  /** The order the curator gave the variants in. */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
