import type { NetworkId } from '@heimo/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/** Sums can pass 2^31 (reach); they stay far below 2^53, so a JavaScript number holds them. */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

/**
 * The rollup leaderboards and dashboards read: per organisation, member, day (in the
 * organisation's time zone) and network. Shares, reach and share points are added by the share
 * command (`RollupService.recordShare`), clicks by the click worker, each in its own transaction
 * with `INSERT … ON CONFLICT DO UPDATE SET x = daily_stats.x + excluded.x`.
 */
@Entity({ name: 'daily_stats' })
@Index('ix_daily_stats_organisation_day', ['organisationId', 'day'])
// Partial indexes of the dashboard's member-level reads (who shared, who had clicks excluded), made by
// migration DashboardRollups1796900000002; synchronize: false keeps them.
@Index('ix_daily_stats_sharers', { synchronize: false })
@Index('ix_daily_stats_excluded', { synchronize: false })
export class DailyStat {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'pk_daily_stats' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_daily_stats_organisation' })
  organisation?: Organisation;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'pk_daily_stats' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_daily_stats_member' })
  member?: Member;

  /** `YYYY-MM-DD` in the organisation's time zone. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_daily_stats' })
  day!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_daily_stats' })
  network!: NetworkId;

  @Column({ type: 'integer', default: 0 })
  shares!: number;

  @Column({ type: 'integer', default: 0 })
  clicks!: number;

  @Column({ name: 'unique_clicks', type: 'integer', default: 0 })
  uniqueClicks!: number;

  @Column({ type: 'integer', default: 0 })
  previews!: number;

  /** Sum of the audience-size snapshots of the day's shares. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  reach!: number;

  @Column({ type: 'integer', default: 0 })
  points!: number;

  /** Unique clicks that earned no points (`click_events.excluded_reason`): still in `clicks` and `unique_clicks`. */
  @Column({ name: 'excluded_clicks', type: 'integer', default: 0 })
  excludedClicks!: number;

  /**
   * Followers of the connected account at share time, of the day's credited shares whose post was
   * found (`share_verifications`, connections module), added when each was verified.
   */
  @Column({ name: 'verified_reach', type: 'bigint', default: 0, transformer: bigintAsNumber })
  verifiedReach!: number;

  /** Likes + reposts + replies + quotes of those shares' posts at their latest collection. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  engagement!: number;
}
