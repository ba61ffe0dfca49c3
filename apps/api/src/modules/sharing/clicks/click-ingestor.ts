import {
  type ClickCandidate,
  markUniqueClicks,
  nextClickPoints,
  UNIQUE_CLICK_WINDOW_MS,
} from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import type { ClickMessage } from './click-message';

export interface IngestResult {
  /** Distinct clicks in the batch. */
  readonly received: number;
  /** Click events written now; the rollups grew by exactly these. */
  readonly inserted: number;
  /** Already stored (a replay or a redelivery): changed nothing. */
  readonly duplicates: number;
  /** For a share that does not exist (any more): dropped. */
  readonly unknownShares: number;
  readonly clicks: number;
  readonly uniqueClicks: number;
  readonly previews: number;
}

interface ShareRow {
  id: string;
  packId: string;
  locale: string;
  clickPoints: number;
  points: unknown;
}

interface Decided {
  readonly click: ClickMessage;
  readonly unique: boolean;
  readonly points: number;
}

/** A batch held clicks already stored: its transaction is rolled back and the batch done again. */
export class StoredClicksFound extends Error {
  constructor(expected: number, inserted: number) {
    super(`expected ${expected} new click events, inserted ${inserted}`);
  }
}

/** ISO strings keep the millisecond exactly; a float epoch might not round-trip. */
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Stores a batch of clicks and updates the rollups, in ONE transaction: click events are inserted
 * with `ON CONFLICT DO NOTHING` and only the rows actually inserted reach `shares` counters,
 * `daily_stats` and `pack_daily_stats`. A replayed or redelivered batch therefore changes nothing, and a worker that dies
 * before committing leaves nothing behind (the batch is delivered again, since it is acknowledged
 * only after the commit).
 *
 * The batch's shares are locked (`FOR UPDATE`, in id order) first: two workers with clicks of the
 * same share take turns, so each sees the other's unique clicks and the per-share points cap.
 */
@Injectable()
export class ClickIngestor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * First on the assumption that none of the clicks is stored yet (one query fewer; true unless a
   * batch is delivered again); if the insert finds otherwise, that transaction is rolled back and
   * the batch goes again, this time looking the stored ones up first.
   */
  async ingest(batch: readonly ClickMessage[]): Promise<IngestResult> {
    try {
      return await this.dataSource.transaction((manager) =>
        this.ingestIn(manager, batch, { assumeNew: true }),
      );
    } catch (error) {
      if (!(error instanceof StoredClicksFound)) throw error;
      return this.dataSource.transaction((manager) => this.ingestIn(manager, batch));
    }
  }

  /** The same, inside a transaction the caller owns (tests abort it to play a crash). */
  async ingestIn(
    manager: EntityManager,
    batch: readonly ClickMessage[],
    options: { assumeNew?: boolean } = {},
  ): Promise<IngestResult> {
    const byId = new Map<string, ClickMessage>();
    for (const click of batch) if (!byId.has(click.id)) byId.set(click.id, click);
    const clicks = [...byId.values()];
    const empty = { received: clicks.length, inserted: 0, clicks: 0, uniqueClicks: 0, previews: 0 };
    if (clicks.length === 0) return { ...empty, duplicates: 0, unknownShares: 0 };

    const shareIds = [...new Set(clicks.map((c) => c.shareId))].sort();
    const shares: ShareRow[] = await manager.query(
      `SELECT s.id, s.pack_id AS "packId", s.locale, s.click_points AS "clickPoints", o.settings -> 'points' AS points
         FROM shares s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.id = ANY($1::uuid[])
        ORDER BY s.id
          FOR UPDATE OF s`,
      [shareIds],
    );
    const shareById = new Map(shares.map((s) => [s.id, s]));
    const known = clicks.filter((c) => shareById.has(c.shareId));
    const unknownShares = clicks.length - known.length;
    if (known.length === 0) return { ...empty, duplicates: 0, unknownShares };

    let minAt = Infinity;
    let maxAt = -Infinity;
    for (const c of known) {
      if (c.at < minAt) minAt = c.at;
      if (c.at > maxAt) maxAt = c.at;
    }
    let fresh = known;
    if (!options.assumeNew) {
      const stored: { id: string }[] = await manager.query(
        `SELECT id FROM click_events
          WHERE id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at <= $3`,
        [known.map((c) => c.id), iso(minAt), iso(maxAt)],
      );
      const storedIds = new Set(stored.map((r) => r.id));
      fresh = known.filter((c) => !storedIds.has(c.id));
    }
    const duplicates = known.length - fresh.length;
    if (fresh.length === 0) return { ...empty, duplicates, unknownShares };

    const decided = await this.decide(manager, fresh, shareById);
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
      decided.map((d) => (shareById.get(d.click.shareId) as ShareRow).packId),
      decided.map((d) => (shareById.get(d.click.shareId) as ShareRow).locale),
    ]);
    const result = totals as { inserted: number; clicks: number; uniqueClicks: number; previews: number };
    if (result.inserted !== fresh.length) {
      // Some were stored already: uniques and points were decided counting them, so roll back.
      throw new StoredClicksFound(fresh.length, result.inserted);
    }
    return { received: clicks.length, duplicates, unknownShares, ...result };
  }

  /** Marks unique clicks (24 h per visitor and share) and gives each its capped points. */
  private async decide(
    manager: EntityManager,
    fresh: readonly ClickMessage[],
    shareById: ReadonlyMap<string, ShareRow>,
  ): Promise<Decided[]> {
    const human = fresh.filter((c) => c.previewReason === null);
    const storedUniques = new Map<string, number[]>();
    if (human.length > 0) {
      const pairs = new Map<string, ClickMessage>();
      let minAt = Infinity;
      let maxAt = -Infinity;
      for (const c of human) {
        pairs.set(`${c.shareId}:${c.visitor}`, c);
        if (c.at < minAt) minAt = c.at;
        if (c.at > maxAt) maxAt = c.at;
      }
      const rows: { shareId: string; visitor: string; at: string }[] = await manager.query(
        `SELECT share_id AS "shareId", encode(visitor, 'hex') AS visitor,
                (extract(epoch FROM occurred_at) * 1000)::bigint AS at
           FROM click_events
          WHERE is_unique AND occurred_at > $3 AND occurred_at < $4
            AND (share_id, visitor) IN (
              SELECT p.share_id, decode(p.visitor, 'hex') FROM unnest($1::uuid[], $2::text[]) AS p(share_id, visitor))`,
        [
          [...pairs.values()].map((c) => c.shareId),
          [...pairs.values()].map((c) => c.visitor),
          iso(minAt - UNIQUE_CLICK_WINDOW_MS),
          iso(maxAt + UNIQUE_CLICK_WINDOW_MS),
        ],
      );
      for (const row of rows) {
        const key = `${row.shareId}:${row.visitor}`;
        const list = storedUniques.get(key);
        if (list) list.push(Number(row.at));
        else storedUniques.set(key, [Number(row.at)]);
      }
    }
    const candidates: ClickCandidate[] = human.map((c) => ({
      id: c.id,
      key: `${c.shareId}:${c.visitor}`,
      at: c.at,
    }));
    const unique = markUniqueClicks(candidates, storedUniques);

    // Points in time order per share, each unique click taking what the cap leaves.
    const awarded = new Map<string, number>();
    const pointsOf = new Map<string, number>();
    const rulesOf = new Map<string, { uniqueClick: number; maxClickPointsPerShare: number }>();
    const ordered = human
      .filter((c) => unique.has(c.id))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    for (const c of ordered) {
      const share = shareById.get(c.shareId) as ShareRow;
      let rules = rulesOf.get(c.shareId);
      if (!rules) {
        const points = mergeSettings({ points: share.points }).points;
        rules = { uniqueClick: points.uniqueClick, maxClickPointsPerShare: points.uniqueClickCapPerShare };
        rulesOf.set(c.shareId, rules);
      }
      const before = awarded.get(c.shareId) ?? share.clickPoints;
      const points = nextClickPoints(before, rules);
      awarded.set(c.shareId, before + points);
      pointsOf.set(c.id, points);
    }
    return fresh.map((click) => ({
      click,
      unique: unique.has(click.id),
      points: pointsOf.get(click.id) ?? 0,
    }));
  }
}

/**
 * Inserts the events and, from the rows actually inserted (RETURNING), adds to the shares' counters,
 * to `daily_stats` and to `pack_daily_stats` (day in the organisation's time zone; pack and locale
 * from the share rows locked first). One statement, one round trip; each upsert takes its rows in
 * key order, so two workers lock rollup rows in the same order and cannot deadlock.
 */
const INSERT_AND_ROLL_UP = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::int[],
                       $9::uuid[], $10::text[])
    AS t(id, occurred_at, share_id, visitor, preview_reason, is_unique, referrer_host, points, pack_id, locale)
),
inserted AS (
  INSERT INTO click_events
    (id, occurred_at, organisation_id, share_id, member_id, network, visitor, is_preview, preview_reason, is_unique, referrer_host)
  SELECT i.id, i.occurred_at, s.organisation_id, i.share_id, s.member_id, s.network, decode(i.visitor, 'hex'),
         i.preview_reason IS NOT NULL, i.preview_reason, i.is_unique, i.referrer_host
    FROM input i JOIN shares s ON s.id = i.share_id
  ON CONFLICT DO NOTHING
  RETURNING id, occurred_at, organisation_id, member_id, network, share_id, is_preview, is_unique
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
  INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, clicks, unique_clicks, previews, points)
  SELECT c.organisation_id, c.member_id, c.day, c.network,
         count(*) FILTER (WHERE NOT c.is_preview), count(*) FILTER (WHERE c.is_unique),
         count(*) FILTER (WHERE c.is_preview), coalesce(sum(c.points), 0)
    FROM counted c
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
     SET clicks = d.clicks + excluded.clicks,
         unique_clicks = d.unique_clicks + excluded.unique_clicks,
         previews = d.previews + excluded.previews,
         points = d.points + excluded.points
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
       (SELECT count(*) FROM per_pack)::int AS pack_days_updated`;
