import { shareCreditEffects } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { type RolledUpShare, RollupRepository } from './rollup.repository';

/**
 * Adds to `daily_stats`, the rollup per (organisation, member, day, network) that leaderboards and
 * dashboards read, and to `pack_daily_stats`, the same per pack and locale besides (the dashboard's
 * top packs and locales). Click counts are added by the click worker (`ClickIngestor`); this service
 * adds what a share brings, inside the share command's own transaction. Training points are added by
 * the training module (`recordTrainingPass`, `training/training-points.ts`).
 */
@Injectable()
export class RollupService {
  // A default, so the demo seed and test fixtures can make one with `new` outside Nest.
  constructor(private readonly rollups: RollupRepository = new RollupRepository()) {}

  /**
   * One share, by `shareCreditEffects` of @heimo/domain: a credited share adds shares + 1, reach + the
   * audience snapshot, points + the organisation's share points, on the day the share was made in the
   * organisation's time zone, and the pack rollup gets the same shares and reach in the same
   * statement; a share not credited (a repeat, beyond the daily cap) adds nothing. Call it in the
   * transaction that inserts the share, so they commit together.
   */
  async recordShare(manager: EntityManager, share: RolledUpShare): Promise<void> {
    const organisation = await this.rollups.organisationSettings(manager, share.organisationId);
    if (!organisation) throw new Error(`organisation ${share.organisationId} not found`);
    const effects = shareCreditEffects(share, {
      audienceSize: share.audienceSize,
      sharePoints: mergeSettings(organisation.settings).points.share,
    });
    if (effects.shares === 0) return;
    await this.rollups.addShare(manager, share, effects);
  }
}
