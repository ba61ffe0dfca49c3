import type { UncreditedReason } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClickExclusionReason } from '@heimo/domain';
import type { ClickMessage } from './click-message';

/** A share of a batch, locked for the batch's transaction, with what deciding its clicks reads. */
export interface LockedShare {
  id: string;
  packId: string;
  locale: string;
  clickPoints: number;
  /** The share's credit group: the member's first share of the pack on the network (its id for that one). */
  creditGroup: string;
  uncreditedReason: UncreditedReason | null;
  /** The organisation's stored `settings.points` (as stored: merge them with the defaults). */
  points: unknown;
}

/** A click as the ingestor decided it: unique or not, the points it earns, and why none if excluded. */
export interface DecidedClick {
  readonly click: ClickMessage;
  readonly unique: boolean;
  readonly points: number;
  readonly excludedReason?: ClickExclusionReason | null;
}

/** A share's unique visitors from one network on one UTC day, as stored. */
export interface NetworkVisitors {
  shareId: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** 16 hex characters. */
  network: string;
  visitors: number;
}

/** What one insert added: the rollups grew by exactly these. */
export interface InsertedClicks {
  readonly inserted: number;
  readonly clicks: number;
  readonly uniqueClicks: number;
  readonly previews: number;
}

/** A unique click already stored, with its time in milliseconds since the epoch (as text: a bigint). */
export interface StoredUniqueClick {
  shareId: string;
  visitor: string;
  at: string;
}

/** ISO strings keep the millisecond exactly; a float epoch might not round-trip. */
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The click pipeline's statements: what the ingestor (`ClickIngestor`) reads and writes in a batch's
 * transaction, and the partition DDL of `click_events` (`ClickPartitions`). Every method runs on the
 * manager it is given, so it holds no state; the batching, the unique-click and points rules and the
 * retry stay with the callers. One statement per method, as tuned (see INSERT_AND_ROLL_UP).
 */
@Injectable()
export class ClickRepository {
  /**
   * The batch's shares and every other share of their credit groups (a member's shares of one pack
   * on one network, which share one click-points cap), locked `FOR UPDATE` in id order, with their
   * organisation's points rules.
   */
  lockShares(manager: EntityManager, shareIds: readonly string[]): Promise<LockedShare[]> {
    return manager.query(
      // A union rather than an OR, so both halves read an index (the primary key, ix_shares_credit_group).
      `WITH groups AS (SELECT DISTINCT coalesce(credit_group_id, id) AS id FROM shares WHERE id = ANY($1::uuid[])),
       members AS (
         SELECT id FROM groups
         UNION
         SELECT g.id FROM shares g WHERE g.credit_group_id IN (SELECT id FROM groups)
       )
       SELECT s.id, s.pack_id AS "packId", s.locale, s.click_points AS "clickPoints",
              coalesce(s.credit_group_id, s.id) AS "creditGroup", s.uncredited_reason AS "uncreditedReason",
              o.settings -> 'points' AS points
         FROM shares s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.id IN (SELECT id FROM members)
        ORDER BY s.id
          FOR UPDATE OF s`,
      [shareIds],
    );
  }

  /** Which of these click ids are stored already; `from` and `to` (ms) bound their times, for pruning. */
  async storedIds(
    manager: EntityManager,
    ids: readonly string[],
    from: number,
    to: number,
  ): Promise<Set<string>> {
    const stored: { id: string }[] = await manager.query(
      `SELECT id FROM click_events
        WHERE id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at <= $3`,
      [ids, iso(from), iso(to)],
    );
    return new Set(stored.map((r) => r.id));
  }

  /** The stored unique clicks of these (share, visitor) pairs strictly between `after` and `before` (ms). */
  storedUniqueClicks(
    manager: EntityManager,
    pairs: readonly Pick<ClickMessage, 'shareId' | 'visitor'>[],
    after: number,
    before: number,
  ): Promise<StoredUniqueClick[]> {
    return manager.query(
      `SELECT share_id AS "shareId", encode(visitor, 'hex') AS visitor,
              (extract(epoch FROM occurred_at) * 1000)::bigint AS at
         FROM click_events
        WHERE is_unique AND occurred_at > $3 AND occurred_at < $4
          AND (share_id, visitor) IN (
            SELECT p.share_id, decode(p.visitor, 'hex') FROM unnest($1::uuid[], $2::text[]) AS p(share_id, visitor))`,
      [pairs.map((c) => c.shareId), pairs.map((c) => c.visitor), iso(after), iso(before)],
    );
  }

  /** The stored unique-visitor counts of these (share, UTC day, network) keys (those with none are left out). */
  storedNetworkVisitors(
    manager: EntityManager,
    keys: readonly Omit<NetworkVisitors, 'visitors'>[],
  ): Promise<NetworkVisitors[]> {
    return manager.query(
      `SELECT n.share_id AS "shareId", to_char(n.day, 'YYYY-MM-DD') AS day, encode(n.network_hash, 'hex') AS network,
              n.visitors
         FROM share_network_days n
        WHERE n.share_id = ANY($1::uuid[])
          AND (n.share_id, n.day, n.network_hash) IN (
            SELECT k.share_id, k.day, decode(k.network, 'hex')
              FROM unnest($1::uuid[], $2::date[], $3::text[]) AS k(share_id, day, network))`,
      [keys.map((k) => k.shareId), keys.map((k) => k.day), keys.map((k) => k.network)],
    );
  }

  /**
   * Inserts the decided clicks and rolls up the rows actually inserted (INSERT_AND_ROLL_UP), in one
   * statement. `shareById` holds every click's share as {@link lockShares} read it.
   */
  async insertAndRollUp(
    manager: EntityManager,
    decided: readonly DecidedClick[],
    shareById: ReadonlyMap<string, LockedShare>,
  ): Promise<InsertedClicks> {
    const [totals] = await manager.query(INSERT_AND_ROLL_UP, [
      decided.map((d) => d.click.id),
      decided.map((d) => iso(d.click.at)),
      decided.map((d) => d.click.shareId),
      decided.map((d) => d.click.visitor),
      decided.map((d) => d.click.previewReason),
      decided.map((d) => d.unique),
      decided.map((d) => d.click.referrerHost),
      decided.map((d) => d.points),
      // The pack rollup's key from the rows locked above, so the statement needs no second look at shares.
      decided.map((d) => (shareById.get(d.click.shareId) as LockedShare).packId),
      decided.map((d) => (shareById.get(d.click.shareId) as LockedShare).locale),
      decided.map((d) => d.click.network ?? null),
      decided.map((d) => d.excludedReason ?? null),
    ]);
    return totals as InsertedClicks;
  }

  /** Until the transaction ends, the one maker of partitions across replicas. */
  async lockPartitions(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('heimo:click_events:partitions'))`);
  }

  /** The names of `click_events`'s partitions (the default one included). */
  async partitionNames(manager: EntityManager): Promise<string[]> {
    const rows: { name: string }[] = await manager.query(
      `SELECT c.relname AS name
         FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'click_events'`,
    );
    return rows.map((r) => r.name);
  }

  /** A table shaped as `click_events`, not attached yet; `name` is one `partitionName` made. */
  async createPartitionTable(manager: EntityManager, name: string): Promise<void> {
    await manager.query(
      `CREATE TABLE "${name}" (LIKE click_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
  }

  /** Moves the default partition's rows of [start, end) (ISO instants) into the table `name`. */
  async moveFromDefaultPartition(
    manager: EntityManager,
    name: string,
    start: string,
    end: string,
  ): Promise<void> {
    await manager.query(
      `WITH moved AS (
         DELETE FROM click_events_default WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *
       )
       INSERT INTO "${name}" SELECT * FROM moved`,
      [start, end],
    );
  }

  /** Attaches the table `name` as the partition of [start, end) (ISO instants). */
  async attachPartition(manager: EntityManager, name: string, start: string, end: string): Promise<void> {
    await manager.query(
      `ALTER TABLE click_events ATTACH PARTITION "${name}" FOR VALUES FROM ('${start}') TO ('${end}')`,
    );
  }
}

/**
 * Inserts the events and, from the rows actually inserted (RETURNING), adds to the shares' counters,
 * to `daily_stats`, to `pack_daily_stats` and (unique clicks with a network) to `share_network_days` (day in the organisation's time zone; pack and locale
 * from the share rows locked first). One statement, one round trip; each upsert takes its rows in
 * key order, so two workers lock rollup rows in the same order and cannot deadlock.
 */
const INSERT_AND_ROLL_UP = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::int[],
                       $9::uuid[], $10::text[], $11::text[], $12::text[])
    AS t(id, occurred_at, share_id, visitor, preview_reason, is_unique, referrer_host, points, pack_id, locale,
         network_hash, excluded_reason)
),
inserted AS (
  INSERT INTO click_events
    (id, occurred_at, organisation_id, share_id, member_id, network, visitor, is_preview, preview_reason, is_unique, referrer_host,
     network_hash, excluded_reason)
  SELECT i.id, i.occurred_at, s.organisation_id, i.share_id, s.member_id, s.network, decode(i.visitor, 'hex'),
         i.preview_reason IS NOT NULL, i.preview_reason, i.is_unique, i.referrer_host,
         decode(i.network_hash, 'hex'), i.excluded_reason
    FROM input i JOIN shares s ON s.id = i.share_id
  ON CONFLICT DO NOTHING
  RETURNING id, occurred_at, organisation_id, member_id, network, share_id, is_preview, is_unique, network_hash,
            excluded_reason IS NOT NULL AS is_excluded
),
counted AS (
  SELECT n.*, i.points, i.pack_id, i.locale, (n.occurred_at AT TIME ZONE o.timezone)::date AS day
    FROM inserted n JOIN input i ON i.id = n.id JOIN organisations o ON o.id = n.organisation_id
),
per_share AS (
  UPDATE shares s
     SET clicks = s.clicks + c.clicks,
         unique_clicks = s.unique_clicks + c.unique_clicks,
         previews = s.previews + c.previews,
         click_points = s.click_points + c.points
    FROM (SELECT share_id,
                 count(*) FILTER (WHERE NOT is_preview)::int AS clicks,
                 count(*) FILTER (WHERE is_unique)::int AS unique_clicks,
                 count(*) FILTER (WHERE is_preview)::int AS previews,
                 coalesce(sum(points), 0)::int AS points
            FROM counted GROUP BY share_id) c
   WHERE s.id = c.share_id
  RETURNING s.id
),
per_day AS (
  INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, clicks, unique_clicks, previews, points, excluded_clicks)
  SELECT c.organisation_id, c.member_id, c.day, c.network,
         count(*) FILTER (WHERE NOT c.is_preview), count(*) FILTER (WHERE c.is_unique),
         count(*) FILTER (WHERE c.is_preview), coalesce(sum(c.points), 0), count(*) FILTER (WHERE c.is_excluded)
    FROM counted c
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
     SET clicks = d.clicks + excluded.clicks,
         unique_clicks = d.unique_clicks + excluded.unique_clicks,
         previews = d.previews + excluded.previews,
         points = d.points + excluded.points,
         excluded_clicks = d.excluded_clicks + excluded.excluded_clicks
  RETURNING 1
),
per_network AS (
  INSERT INTO share_network_days AS v (share_id, day, network_hash, organisation_id, member_id, network, visitors)
  SELECT c.share_id, (c.occurred_at AT TIME ZONE 'UTC')::date, c.network_hash, c.organisation_id, c.member_id, c.network,
         count(*)
    FROM counted c
   WHERE c.is_unique AND c.network_hash IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3
  ON CONFLICT (share_id, day, network_hash) DO UPDATE SET visitors = v.visitors + excluded.visitors
  RETURNING 1
),
per_pack AS (
  INSERT INTO pack_daily_stats AS p (organisation_id, pack_id, member_id, day, network, locale, clicks, unique_clicks, previews)
  SELECT c.organisation_id, c.pack_id, c.member_id, c.day, c.network, c.locale,
         count(*) FILTER (WHERE NOT c.is_preview), count(*) FILTER (WHERE c.is_unique),
         count(*) FILTER (WHERE c.is_preview)
    FROM counted c
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (organisation_id, pack_id, member_id, day, network, locale) DO UPDATE
     SET clicks = p.clicks + excluded.clicks,
         unique_clicks = p.unique_clicks + excluded.unique_clicks,
         previews = p.previews + excluded.previews
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted,
       (SELECT count(*) FROM inserted WHERE NOT is_preview)::int AS clicks,
       (SELECT count(*) FROM inserted WHERE is_unique)::int AS "uniqueClicks",
       (SELECT count(*) FROM inserted WHERE is_preview)::int AS previews,
       (SELECT count(*) FROM per_share)::int AS shares_updated,
       (SELECT count(*) FROM per_day)::int AS days_updated,
       (SELECT count(*) FROM per_pack)::int AS pack_days_updated,
       (SELECT count(*) FROM per_network)::int AS network_days_updated`;
