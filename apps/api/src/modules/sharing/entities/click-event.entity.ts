import type { ClickExclusionReason, NetworkId, PreviewReason } from '@heimo/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One visit to a tracked link, raw. The table is partitioned by month on `occurred_at` (the
 * migration creates it so, and `ClickPartitions` creates next month's partition ahead), which is
 * why the key is `(id, occurred_at)`: the id is made at redirect time and makes replays harmless.
 *
 * No IP address is stored: `visitor` is an HMAC of the address and user agent under a salt that
 * changes every UTC day (see `VisitorHasher`).
 */
@Entity({ name: 'click_events' })
@Index('ix_click_events_share_visitor', ['shareId', 'visitor', 'occurredAt'])
@Index('ix_click_events_organisation_occurred', ['organisationId', 'occurredAt'])
export class ClickEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_click_events' })
  id!: string;

  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz', primaryKeyConstraintName: 'pk_click_events' })
  occurredAt!: Date;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  /**
   * No foreign key: its per-row check cost about 15 % of the ingest rate (bench/ingest), and the
   * worker only writes events of shares it holds locked. A trigger on `shares` (migration) deletes
   * a share's events with it instead, so cascades from packs and organisations still clean up.
   */
  @Column({ name: 'share_id', type: 'uuid' })
  shareId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ type: 'text' })
  network!: NetworkId;

  /** First 16 bytes of HMAC-SHA256(daily salt, ip + user agent). */
  @Column({ type: 'bytea' })
  visitor!: Buffer;

  @Column({ name: 'is_preview', type: 'boolean' })
  isPreview!: boolean;

  @Column({ name: 'preview_reason', type: 'text', nullable: true })
  previewReason!: PreviewReason | null;

  /** The visitor's first click on the share within 24 hours (never true for a preview). */
  @Column({ name: 'is_unique', type: 'boolean' })
  isUnique!: boolean;

  /** Host of the `Referer` only, never the full URL. */
  @Column({ name: 'referrer_host', type: 'text', nullable: true })
  referrerHost!: string | null;

  /**
   * First 8 bytes of the keyed hash of the visitor's network (/24 for IPv4, /64 for IPv6) under the
   * same daily salt as `visitor`; never the address. Null for clicks stored before it was kept.
   */
  @Column({ name: 'network_hash', type: 'bytea', nullable: true })
  networkHash!: Buffer | null;

  /** Why the click earns no points although unique (`CLICK_EXCLUSION_REASONS`); null when it may. */
  @Column({ name: 'excluded_reason', type: 'text', nullable: true })
  excludedReason!: ClickExclusionReason | null;
}
