import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { mergeSettings } from '../../organisations/organisation-settings.defaults';
import { type QueryStreamOptions, streamRows } from '../../../infra/database/query-stream';
import { callerSnapshot } from '../../../infra/http/request-context';
import {
  SHARE_OUTCOME_COLUMNS,
  type ShareOutcomeRow,
  shareOutcomeJoins,
} from '../../connections/share-outcome';

export interface MemberShareRow extends ShareOutcomeRow {
  id: string;
  packId: string;
  packTitle: string;
  network: NetworkId;
  code: string;
  createdAt: Date;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  /** What the share's unique clicks earned (capped per share); the share's own points are added by the caller. */
  clickPoints: number;
}

const COLUMNS = `s.id, s.pack_id AS "packId", p.title AS "packTitle", s.network, s.code, s.created_at AS "createdAt",
  s.audience_size AS reach, s.clicks, s.unique_clicks AS "uniqueClicks", s.click_points AS "clickPoints"`;

/**
 * A member's own shares with the counters the click worker keeps on each share (per-share rollups,
 * not raw events), for the impact page's best shares and the shares download.
 */
@Injectable()
export class MemberSharesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The member's shares made from the local day `from` (null: any) to `to` in the organisation's
   * zone — compared as instants, so the index on (member, created_at) serves it — by clicks, then
   * unique clicks, newest first.
   */
  best(
    organisationId: string,
    memberId: string,
    window: { from: string | null; to: string },
    limit: number,
  ): Promise<MemberShareRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, ${SHARE_OUTCOME_COLUMNS}
         FROM shares s JOIN packs p ON p.id = s.pack_id JOIN organisations o ON o.id = s.organisation_id
              ${shareOutcomeJoins('s')}
        WHERE s.organisation_id = $1 AND s.member_id = $2
          AND ($3::date IS NULL OR s.created_at >= $3::date::timestamp AT TIME ZONE o.timezone)
          AND s.created_at < ($4::date + 1)::timestamp AT TIME ZONE o.timezone
        ORDER BY s.clicks DESC, s.unique_clicks DESC, s.created_at DESC, s.id DESC
        LIMIT $5`,
      [organisationId, memberId, window.from, window.to, limit],
    );
  }

  /** Every share of the member, newest first, through a cursor (see `streamRows`). */
  stream(
    organisationId: string,
    memberId: string,
    options: QueryStreamOptions = {},
  ): AsyncGenerator<MemberShareRow> {
    return streamRows<MemberShareRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, ${SHARE_OUTCOME_COLUMNS}
         FROM shares s JOIN packs p ON p.id = s.pack_id ${shareOutcomeJoins('s')}
        WHERE s.organisation_id = $1 AND s.member_id = $2
        ORDER BY s.created_at DESC, s.id DESC`,
      [organisationId, memberId],
      options,
    );
  }

  /**
   * The points a share itself earns under the organisation's current rules. Shares do not store
   * theirs; `daily_stats` holds what they earned when made, so the two differ only after the rules
   * changed.
   */
  async sharePoints(organisationId: string): Promise<number> {
    const snapshot = callerSnapshot(organisationId);
    if (snapshot) return mergeSettings(snapshot.organisation.settings).points.share;
    const [row] = (await this.dataSource.query(`SELECT settings FROM organisations WHERE id = $1`, [
      organisationId,
    ])) as { settings: unknown }[];
    return mergeSettings(row?.settings).points.share;
  }
}
