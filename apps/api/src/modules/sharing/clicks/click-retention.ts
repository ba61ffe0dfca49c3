import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import {
  recountDailyStats,
  recountPackDailyStats,
  recountShareNetworkDays,
  storedDailyStats,
  storedPackDailyStats,
  storedShareNetworkDays,
} from '../rollup-recount.repository';
import { monthStart, partitionName } from './click-partitions';
import { ClickRetentionRepository } from './click-retention.repository';
import { ClickRepository } from './click.repository';

/** What the job did with one month. */
export interface RetentionOutcome {
  /** `YYYY-MM-01`. */
  month: string;
  status: 'dropped' | 'mismatch';
  rowCount: number;
  mismatches: number;
}

/** A rollup row that differs from its recount: the stored row and the recounted one (null when missing). */
interface Difference {
  table: 'daily_stats' | 'pack_daily_stats' | 'share_network_days';
  stored: unknown;
  recounted: unknown;
}

const MONTH_PARTITION = /^click_events_y(\d{4})m(\d{2})$/;
/** At most this many differing rows go into the log's `detail`. */
const DETAIL_ROWS = 20;

const isoDay = (month: Date) => month.toISOString().slice(0, 10);

/**
 * Retention of raw click events (`CLICK_RETENTION_MONTHS`, N): the current UTC month and the N before
 * it are kept; an older month's partition is dropped, oldest first and a partition per transaction,
 * once its rollups agree with its rows.
 *
 * The check, for the oldest partition (month M): the recount of every day that begins at or after the
 * end of the last dropped month and before the end of M — local days of each organisation for
 * `daily_stats` and `pack_daily_stats`, UTC days for `share_network_days` — must equal the stored
 * rows of those days. A local day straddling M's end is recounted whole (its clicks of the next month
 * are still there), so every click of M is checked; the day straddling the end of the last dropped
 * month was checked with that month. Because months go strictly oldest first (a month that disagrees
 * stops the run), the dropped months are always a prefix, and the recount leaves out exactly the days
 * that begin before its end. Clicks that count towards a credit group's click-points cap are carried
 * over as a number per group (`click_retention_groups`).
 */
@Injectable()
export class ClickRetention {
  private readonly logger = new Logger(ClickRetention.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'CLICK_RETENTION_MONTHS'>,
    private readonly clicks: ClickRepository,
    private readonly repository: ClickRetentionRepository,
  ) {}

  /** The first month kept at `now`: months before it are dropped. */
  cutoff(now: Date = new Date()): Date {
    return monthStart(now, -this.config.CLICK_RETENTION_MONTHS);
  }

  /** Drops every month partition older than the window whose rollups agree, oldest first. */
  async run(now: Date = new Date()): Promise<RetentionOutcome[]> {
    const outcomes: RetentionOutcome[] = [];
    for (;;) {
      const outcome = await this.dataSource.transaction((manager) => this.dropOldest(manager, now));
      if (!outcome) break;
      outcomes.push(outcome);
      if (outcome.status === 'mismatch') {
        this.logger.error(
          { month: outcome.month, mismatches: outcome.mismatches },
          'click retention: the rollups of this month disagree with its click events; the partition is kept (see click_retention_log)',
        );
        break;
      }
      this.logger.log(
        { month: outcome.month, rows: outcome.rowCount },
        'click partition dropped after its check',
      );
    }
    return outcomes;
  }

  /** In the caller's transaction: checks and drops the oldest partition older than the window, if any. */
  private async dropOldest(manager: EntityManager, now: Date): Promise<RetentionOutcome | null> {
    // The partition maker's lock: one replica at a time drops or makes partitions.
    await this.clicks.lockPartitions(manager);
    const cutoff = this.cutoff(now);
    const months = (await this.clicks.partitionNames(manager))
      .map((name) => MONTH_PARTITION.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
      .filter((month) => month < cutoff)
      .sort((a, b) => a.getTime() - b.getTime());
    const month = months[0];
    if (!month) return null;
    const until = monthStart(month, 1).toISOString();

    const differences = await this.differences(manager, until);
    if (differences.length) {
      const outcome: RetentionOutcome = {
        month: isoDay(month),
        status: 'mismatch',
        rowCount: 0,
        mismatches: differences.length,
      };
      await this.repository.record(manager, {
        ...outcome,
        detail: differences.slice(0, DETAIL_ROWS),
        at: now,
      });
      return outcome;
    }

    const rowCount = await this.repository.countBefore(manager, until);
    await this.repository.keepEarningCounts(manager, until);
    await this.repository.deleteFromDefaultPartition(manager, until);
    await this.repository.dropPartition(manager, partitionName(month));
    const outcome: RetentionOutcome = { month: isoDay(month), status: 'dropped', rowCount, mismatches: 0 };
    await this.repository.record(manager, { ...outcome, at: now });
    return outcome;
  }

  /** The rollup rows of the days up to `until` (since the last dropped month) that differ from their recount. */
  private async differences(manager: EntityManager, until: string): Promise<Difference[]> {
    const span = { until };
    const pairs = [
      ['daily_stats', storedDailyStats, recountDailyStats],
      ['pack_daily_stats', storedPackDailyStats, recountPackDailyStats],
      ['share_network_days', storedShareNetworkDays, recountShareNetworkDays],
    ] as const;
    const found: Difference[] = [];
    for (const [table, stored, recount] of pairs) {
      const storedRows = (await stored(manager, undefined, span)) as object[];
      const recountedRows = (await recount(manager, undefined, span)) as object[];
      found.push(...diff(table, storedRows, recountedRows));
    }
    return found;
  }
}

/** Rows are keyed by every field but the figures; both lists come in the same stable order. */
function diff(table: Difference['table'], stored: object[], recounted: object[]): Difference[] {
  const figures = new Set([
    'shares',
    'clicks',
    'uniqueClicks',
    'previews',
    'reach',
    'points',
    'excludedClicks',
    'visitors',
  ]);
  const key = (row: object) => JSON.stringify(Object.entries(row).filter(([name]) => !figures.has(name)));
  const recountedByKey = new Map(recounted.map((row) => [key(row), row]));
  const out: Difference[] = [];
  for (const row of stored) {
    const k = key(row);
    const other = recountedByKey.get(k);
    recountedByKey.delete(k);
    if (!other || JSON.stringify(other) !== JSON.stringify(row)) {
      out.push({ table, stored: row, recounted: other ?? null });
    }
  }
  for (const row of recountedByKey.values()) out.push({ table, stored: null, recounted: row });
  return out;
}
