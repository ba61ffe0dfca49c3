import type { NetworkId } from '@heimo/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { type Locale, Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Pack } from '../../packs/entities/pack.entity';

/** Sums can pass 2^31 (reach); they stay far below 2^53, so a JavaScript number holds them. */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

/**
 * The rollup per pack that the leader dashboard's top packs and locale breakdown read: per
 * organisation, pack, member, day (in the organisation's time zone), network and the locale the
 * pack was shared in. The member is part of the key so the dashboard's team and kind filters apply
 * to packs as to everything else. Written in the same statements as `daily_stats` (the share
 * command's `RollupService.recordShare`, the click worker's insert), so the two always agree.
 */
@Entity({ name: 'pack_daily_stats' })
@Index('ix_pack_daily_stats_organisation_day', ['organisationId', 'day'])
export class PackDailyStat {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'pk_pack_daily_stats' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_pack_daily_stats_organisation' })
  organisation?: Organisation;

  @PrimaryColumn({ name: 'pack_id', type: 'uuid', primaryKeyConstraintName: 'pk_pack_daily_stats' })
  packId!: string;

  @ManyToOne(() => Pack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_pack_daily_stats_pack' })
  pack?: Pack;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'pk_pack_daily_stats' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_pack_daily_stats_member' })
  member?: Member;

  /** `YYYY-MM-DD` in the organisation's time zone. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pack_daily_stats' })
  day!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_pack_daily_stats' })
  network!: NetworkId;

  /** The locale of the variant shared (`shares.locale`). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_pack_daily_stats' })
  locale!: Locale;

  @Column({ type: 'integer', default: 0 })
  shares!: number;

  @Column({ type: 'integer', default: 0 })
  clicks!: number;

  @Column({ name: 'unique_clicks', type: 'integer', default: 0 })
  uniqueClicks!: number;

  @Column({ type: 'integer', default: 0 })
  previews!: number;

  /** Sum of the audience-size snapshots of the day's shares of the pack. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  reach!: number;
}
