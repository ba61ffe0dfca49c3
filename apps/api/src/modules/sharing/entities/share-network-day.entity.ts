import type { NetworkId } from '@heimo/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A share's unique visitors from one network (the keyed hash of a /24 or /64, as on its click
 * events) on one UTC day (the day of the hash's key): the click worker reads it to exclude the
 * visitors beyond CLICK_NETWORK_DAILY_LIMIT, the dashboard to flag shares whose visitors come from
 * very few networks (`SHARE_FLAG_RULE`). Written in the click worker's insert statement, from the
 * rows it inserted; excluded visitors are counted too.
 */
@Entity({ name: 'share_network_days' })
@Index('ix_share_network_days_organisation_day', ['organisationId', 'day'])
export class ShareNetworkDay {
  /**
   * No foreign key, as on `click_events` (its per-row check slows the click worker): the trigger that
   * deletes a share's click events deletes these rows with the share.
   */
  @PrimaryColumn({ name: 'share_id', type: 'uuid', primaryKeyConstraintName: 'pk_share_network_days' })
  shareId!: string;

  /** `YYYY-MM-DD`, UTC. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_share_network_days' })
  day!: string;

  @PrimaryColumn({ name: 'network_hash', type: 'bytea', primaryKeyConstraintName: 'pk_share_network_days' })
  networkHash!: Buffer;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  /** The share's social network. */
  @Column({ type: 'text' })
  network!: NetworkId;

  @Column({ type: 'integer', default: 0 })
  visitors!: number;
}
