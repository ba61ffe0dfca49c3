import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A month's row of `click_retention_log`. */
export interface RetentionLogRow {
  /** `YYYY-MM-01`. */
  month: string;
  status: 'dropped' | 'mismatch';
  rowCount: number;
  mismatches: number;
  detail: unknown;
}

/**
 * The retention job's statements (`ClickRetention`): what a dropped month leaves behind
 * (`click_retention_groups`, `click_retention_log`) and the DDL that drops a partition. Every method
 * runs on the manager it is given, inside the job's transaction.
 */
@Injectable()
export class ClickRetentionRepository {
  /** Raw click events before `until` (ISO instant): what dropping up to there removes. */
  async countBefore(manager: EntityManager, until: string): Promise<number> {
    const [{ n }] = (await manager.query(
      `SELECT count(*)::bigint AS n FROM click_events WHERE occurred_at < $1`,
      [until],
    )) as { n: string }[];
    return Number(n);
  }

  /**
   * Adds, per credit group, the point-earning unique clicks before `until` (as the recount tells
   * them: unique, not excluded, not on a share beyond the daily cap), so the recount still ranks the
   * later clicks of the group against its cap once these rows are gone.
   */
  async keepEarningCounts(manager: EntityManager, until: string): Promise<void> {
    await manager.query(
      `INSERT INTO click_retention_groups AS g (credit_group_id, earning_clicks)
       SELECT coalesce(s.credit_group_id, s.id), count(*)::int
         FROM click_events e JOIN shares s ON s.id = e.share_id
        WHERE e.occurred_at < $1 AND e.is_unique AND e.excluded_reason IS NULL
          AND s.uncredited_reason IS DISTINCT FROM 'daily_cap'
        GROUP BY 1
        ORDER BY 1
       ON CONFLICT (credit_group_id) DO UPDATE SET earning_clicks = g.earning_clicks + excluded.earning_clicks`,
      [until],
    );
  }

  /** Deletes the default partition's rows before `until` (a click once stored for a month without a partition). */
  async deleteFromDefaultPartition(manager: EntityManager, until: string): Promise<void> {
    await manager.query(`DELETE FROM click_events_default WHERE occurred_at < $1`, [until]);
  }

  /** Detaches the partition `name` (one `partitionName` made) from `click_events` and drops it. */
  async dropPartition(manager: EntityManager, name: string): Promise<void> {
    await manager.query(`ALTER TABLE click_events DETACH PARTITION "${name}"`);
    await manager.query(`DROP TABLE "${name}"`);
  }

  /** Records what the job found for `month` (`YYYY-MM-01`); a later run overwrites a mismatch. */
  async record(
    manager: EntityManager,
    entry: Omit<RetentionLogRow, 'detail'> & { detail?: unknown; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO click_retention_log (month, status, checked_at, dropped_at, row_count, mismatches, detail)
       VALUES ($1, $2, $3, CASE WHEN $2 = 'dropped' THEN $3::timestamptz END, $4, $5, $6)
       ON CONFLICT (month) DO UPDATE
          SET status = excluded.status, checked_at = excluded.checked_at, dropped_at = excluded.dropped_at,
              row_count = excluded.row_count, mismatches = excluded.mismatches, detail = excluded.detail`,
      [
        entry.month,
        entry.status,
        entry.at.toISOString(),
        entry.rowCount,
        entry.mismatches,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ],
    );
  }

  /** The log, oldest month first. */
  log(manager: EntityManager): Promise<RetentionLogRow[]> {
    return manager.query(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month, status, row_count::int AS "rowCount", mismatches, detail
         FROM click_retention_log ORDER BY month`,
    );
  }
}
