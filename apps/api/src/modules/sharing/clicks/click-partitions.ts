import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

const pad = (n: number) => String(n).padStart(2, '0');

/** First instant (UTC) of the month `offset` months after the month of `at`. */
export function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/** `click_events_y2026m05`: the partition holding May 2026 (UTC). */
export function partitionName(month: Date): string {
  return `click_events_y${month.getUTCFullYear()}m${pad(month.getUTCMonth() + 1)}`;
}

/**
 * Monthly partitions of `click_events` (UTC months). The migration made the table with partitions
 * for its own month and the next plus a default partition; the maintenance job (daily) makes sure
 * this month and the next two exist, so clicks never land in the default one in normal operation.
 * A click that did land there (a clock far off, a demo dated in the past) is moved into the new
 * partition when that month's partition is made.
 */
@Injectable()
export class ClickPartitions {
  private readonly logger = new Logger(ClickPartitions.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Partitions for every month from `from`'s to `to`'s (inclusive); returns the ones it made. */
  ensure(from: Date, to: Date): Promise<string[]> {
    return this.dataSource.transaction((manager) => this.ensureIn(manager, from, to));
  }

  /** This month and the next two, as the daily job does. */
  ensureAhead(now: Date = new Date()): Promise<string[]> {
    return this.ensure(now, monthStart(now, 2));
  }

  async ensureIn(manager: EntityManager, from: Date, to: Date): Promise<string[]> {
    // One maker at a time across replicas; the others then find the partitions there.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('heimo:click_events:partitions'))`);
    const rows: { name: string }[] = await manager.query(
      `SELECT c.relname AS name
         FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'click_events'`,
    );
    const existing = new Set(rows.map((r) => r.name));
    const made: string[] = [];
    for (let month = monthStart(from); month <= to; month = monthStart(month, 1)) {
      const name = partitionName(month);
      if (existing.has(name)) continue;
      const start = month.toISOString();
      const end = monthStart(month, 1).toISOString();
      await manager.query(
        `CREATE TABLE "${name}" (LIKE click_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
      );
      if (existing.has('click_events_default')) {
        await manager.query(
          `WITH moved AS (
             DELETE FROM click_events_default WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *
           )
           INSERT INTO "${name}" SELECT * FROM moved`,
          [start, end],
        );
      }
      await manager.query(
        `ALTER TABLE click_events ATTACH PARTITION "${name}" FOR VALUES FROM ('${start}') TO ('${end}')`,
      );
      made.push(name);
    }
    // Routine (at every start and daily): debug, so a quiet start ends with the banner.
    if (made.length) this.logger.debug({ partitions: made }, 'click partitions created');
    return made;
  }
}
