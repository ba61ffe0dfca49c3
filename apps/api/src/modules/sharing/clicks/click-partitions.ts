import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ClickRepository } from './click.repository';

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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ClickRepository,
  ) {}

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
    await this.repository.lockPartitions(manager);
    const existing = new Set(await this.repository.partitionNames(manager));
    const made: string[] = [];
    for (let month = monthStart(from); month <= to; month = monthStart(month, 1)) {
      const name = partitionName(month);
      if (existing.has(name)) continue;
      const start = month.toISOString();
      const end = monthStart(month, 1).toISOString();
      await this.repository.createPartitionTable(manager, name);
      if (existing.has('click_events_default')) {
        await this.repository.moveFromDefaultPartition(manager, name, start, end);
      }
      await this.repository.attachPartition(manager, name, start, end);
      made.push(name);
    }
    // Routine (at every start and daily): debug, so a quiet start ends with the banner.
    if (made.length) this.logger.debug({ partitions: made }, 'click partitions created');
    return made;
  }
}
