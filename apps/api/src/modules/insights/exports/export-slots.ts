import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { ExportsBusyError, TooManyExportsError } from '../insights.errors';

/** How long a refused download is told to wait: running ones end, or are cut off, within about that. */
const RETRY_AFTER_SECONDS = 10;

/**
 * Counts the CSV downloads this process is serving, in all and per member. A download holds a
 * database connection while its client reads, so without a bound a few slow readers would take the
 * whole pool: past `EXPORT_MAX_PER_MEMBER` of the member's own the next one answers 429
 * `export.too_many`, past `EXPORT_MAX_CONCURRENT` in all 503 `export.busy`, both with `Retry-After`.
 */
@Injectable()
export class ExportSlots {
  private running = 0;
  private readonly perMember = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts the member's download until `res` closes (sent, failed or cut off), or refuses it. */
  hold(memberId: string, res: Response): void {
    const own = this.perMember.get(memberId) ?? 0;
    if (own >= this.config.EXPORT_MAX_PER_MEMBER) throw new TooManyExportsError(RETRY_AFTER_SECONDS);
    if (this.running >= this.config.EXPORT_MAX_CONCURRENT) throw new ExportsBusyError(RETRY_AFTER_SECONDS);
    this.running++;
    this.perMember.set(memberId, own + 1);
    res.once('close', () => {
      this.running--;
      const left = (this.perMember.get(memberId) ?? 1) - 1;
      if (left > 0) this.perMember.set(memberId, left);
      else this.perMember.delete(memberId);
    });
  }
}
