import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromSql,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import type { SharePostRow } from '../connections/share-posts.repository';
import { SHARE_OUTCOME_COLUMNS, type ShareOutcomeRow, shareOutcomeJoins } from '../connections/share-outcome';

export interface MyShareRow extends ShareOutcomeRow {
  id: string;
  packId: string;
  packTitle: string;
  network: NetworkId;
  code: string;
  text: string;
  audienceSize: number;
  clicks: number;
  uniqueClicks: number;
  previews: number;
  createdAt: Date;
  /** The share's "post for me" job, its times as JSON text; null when it has none. */
  post: SharePostRow | null;
}

/** The share's post job as one JSON object with the column names of `SharePostRow`. */
const POST_COLUMN = `(SELECT json_build_object('shareId', sp.share_id, 'organisationId', sp.organisation_id,
    'memberId', sp.member_id, 'network', sp.network, 'status', sp.status, 'scheduledAt', sp.scheduled_at,
    'attempts', sp.attempts, 'errorCode', sp.error_code, 'failedAt', sp.failed_at, 'postId', sp.post_id,
    'postUrl', sp.post_url, 'postedAt', sp.posted_at, 'cancelledAt', sp.cancelled_at)
  FROM share_posts sp WHERE sp.share_id = s.id) AS post`;

const NEWEST_FIRST: KeysetOrder = { column: 's.created_at', kind: 'instant', id: 's.id', direction: 'DESC' };

/** A member's own shares as they list them. */
@Injectable()
export class MySharesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The member's shares with their pack's title, click counters, verification, latest engagement and post job,
   * newest first by (created_at, id).
   */
  page(organisationId: string, memberId: string, page: PageRequest): Promise<Page<MyShareRow>> {
    const params: unknown[] = [organisationId, memberId];
    return keysetPageFromSql(
      NEWEST_FIRST,
      page,
      (_name, value) => `$${params.push(value)}`,
      (keyset) =>
        this.dataSource.query(
          `SELECT s.id, s.pack_id AS "packId", p.title AS "packTitle", s.network, s.code, s.text,
                  s.audience_size AS "audienceSize", s.clicks, s.unique_clicks AS "uniqueClicks", s.previews,
                  s.created_at AS "createdAt", ${SHARE_OUTCOME_COLUMNS}, ${POST_COLUMN}, ${keyset.select}
             FROM shares s JOIN packs p ON p.id = s.pack_id ${shareOutcomeJoins('s')}
            WHERE s.organisation_id = $1 AND s.member_id = $2 AND ${keyset.after}
            ORDER BY ${keyset.orderBy}
            LIMIT ${keyset.limit}`,
          params,
        ),
      (row: MyShareRow) => row,
    );
  }
}
