import {
  type ClickCandidate,
  type ClickExclusionReason,
  exclusionForNetworkRank,
  earnsClickPoints,
  markUniqueClicks,
  nextClickPoints,
  UNIQUE_CLICK_WINDOW_MS,
} from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import type { ClickMessage } from './click-message';
import { ClickRepository, type DecidedClick, type LockedShare } from './click.repository';

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

/** A batch held clicks already stored: its transaction is rolled back and the batch done again. */
export class StoredClicksFound extends Error {
  constructor(expected: number, inserted: number) {
    super(`expected ${expected} new click events, inserted ${inserted}`);
  }
}

/**
 * Stores a batch of clicks and updates the rollups, in ONE transaction: click events are inserted
 * with `ON CONFLICT DO NOTHING` and only the rows actually inserted reach `shares` counters,
 * `daily_stats` and `pack_daily_stats`. A replayed or redelivered batch therefore changes nothing, and a worker that dies
 * before committing leaves nothing behind (the batch is delivered again, since it is acknowledged
 * only after the commit).
 *
 * The batch's shares, with every share of their credit groups (a member's shares of one pack on one
 * network), are locked (`FOR UPDATE`, in id order) first: two workers with clicks of the same group
 * take turns, so each sees the other's unique clicks and the group's click-points cap.
 */
@Injectable()
export class ClickIngestor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ClickRepository,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'CLICK_NETWORK_DAILY_LIMIT'>,
  ) {}

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
    const shares = await this.repository.lockShares(manager, shareIds);
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
      const storedIds = await this.repository.storedIds(
        manager,
        known.map((c) => c.id),
        minAt,
        maxAt,
      );
      fresh = known.filter((c) => !storedIds.has(c.id));
    }
    const duplicates = known.length - fresh.length;
    if (fresh.length === 0) return { ...empty, duplicates, unknownShares };

    const decided = await this.decide(manager, fresh, shareById);
    const result = await this.repository.insertAndRollUp(manager, decided, shareById);
    if (result.inserted !== fresh.length) {
      // Some were stored already: uniques and points were decided counting them, so roll back.
      throw new StoredClicksFound(fresh.length, result.inserted);
    }
    return { received: clicks.length, duplicates, unknownShares, ...result };
  }

  /**
   * Marks unique clicks (24 h per visitor and share) and gives each its points: the cap is per credit
   * group (member, pack, network), not per share, and a share beyond the daily cap earns none
   * (`earnsClickPoints`).
   */
  private async decide(
    manager: EntityManager,
    fresh: readonly ClickMessage[],
    shareById: ReadonlyMap<string, LockedShare>,
  ): Promise<DecidedClick[]> {
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
      const rows = await this.repository.storedUniqueClicks(
        manager,
        [...pairs.values()],
        minAt - UNIQUE_CLICK_WINDOW_MS,
        maxAt + UNIQUE_CLICK_WINDOW_MS,
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
    const excluded = await this.excludeByNetwork(
      manager,
      human.filter((c) => unique.has(c.id)),
    );

    // Points in time order per credit group, each unique click not excluded taking what the group's cap leaves.
    const groupPoints = new Map<string, number>();
    for (const share of shareById.values())
      groupPoints.set(share.creditGroup, (groupPoints.get(share.creditGroup) ?? 0) + share.clickPoints);
    const pointsOf = new Map<string, number>();
    const rulesOf = new Map<string, { uniqueClick: number; maxClickPointsPerShare: number }>();
    const ordered = human
      .filter((c) => unique.has(c.id) && !excluded.has(c.id))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    for (const c of ordered) {
      const share = shareById.get(c.shareId) as LockedShare;
      if (!earnsClickPoints(share.uncreditedReason)) continue;
      let rules = rulesOf.get(share.creditGroup);
      if (!rules) {
        const points = mergeSettings({ points: share.points }).points;
        rules = { uniqueClick: points.uniqueClick, maxClickPointsPerShare: points.uniqueClickCapPerShare };
        rulesOf.set(share.creditGroup, rules);
      }
      const before = groupPoints.get(share.creditGroup) ?? 0;
      const points = nextClickPoints(before, rules);
      groupPoints.set(share.creditGroup, before + points);
      pointsOf.set(c.id, points);
    }
    return fresh.map((click) => ({
      click,
      unique: unique.has(click.id),
      points: pointsOf.get(click.id) ?? 0,
      excludedReason: excluded.get(click.id) ?? null,
    }));
  }

  /**
   * The unique clicks beyond CLICK_NETWORK_DAILY_LIMIT of their share, network and UTC day, ranked
   * in click-time order after the visitors already stored (`share_network_days`), with the reason.
   * Clicks without a network hash (older click formats) are never excluded.
   */
  private async excludeByNetwork(
    manager: EntityManager,
    uniques: readonly ClickMessage[],
  ): Promise<Map<string, ClickExclusionReason>> {
    const excluded = new Map<string, ClickExclusionReason>();
    const withNetwork = uniques.filter((c) => c.network);
    if (withNetwork.length === 0) return excluded;
    const keyOf = (c: ClickMessage) => `${c.shareId}:${utcDay(c.at)}:${c.network}`;
    const keys = new Map<string, { shareId: string; day: string; network: string }>();
    for (const c of withNetwork) {
      keys.set(keyOf(c), { shareId: c.shareId, day: utcDay(c.at), network: c.network as string });
    }
    const counts = new Map<string, number>();
    for (const row of await this.repository.storedNetworkVisitors(manager, [...keys.values()])) {
      counts.set(`${row.shareId}:${row.day}:${row.network}`, row.visitors);
    }
    const limit = this.config.CLICK_NETWORK_DAILY_LIMIT;
    for (const c of [...withNetwork].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))) {
      const key = keyOf(c);
      const rank = (counts.get(key) ?? 0) + 1;
      counts.set(key, rank);
      const reason = exclusionForNetworkRank(rank, limit);
      if (reason) excluded.set(c.id, reason);
    }
    return excluded;
  }
}

/** `YYYY-MM-DD` of a time in UTC: the day of the visitor and network hashes' key. */
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
