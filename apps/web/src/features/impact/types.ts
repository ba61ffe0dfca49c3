// Names for the shapes My impact uses, from the generated OpenAPI document.
import { PERIODS } from '@heimo/domain';
import type { components } from '../../api/schema';

export type MyShare = components['schemas']['MyShareDto'];
/** A share as My impact lists it: with its "post for me" job, if any. */
export type MyShareItem = components['schemas']['MyShareItemDto'];

/** The leaderboards' periods (`@heimo/domain`), so a rank here is the one the board shows. */
export const IMPACT_PERIODS = PERIODS;
export type ImpactPeriod = (typeof IMPACT_PERIODS)[number];

export const IMPACT_FIGURES = [
  'points',
  'reach',
  'clicks',
  'uniqueClicks',
  'shares',
  'verifiedReach',
  'engagement',
] as const;
export type ImpactFigure = (typeof IMPACT_FIGURES)[number];

export type ImpactWindow = components['schemas']['ImpactWindowDto'];
/** The member's place on the points leaderboard of the same period. */
export type ImpactRank = components['schemas']['ImpactRankDto'];
export type ImpactPoint = components['schemas']['ImpactSeriesPointDto'];
export type BestShare = components['schemas']['ImpactBestShareDto'];
export type MyImpact = components['schemas']['ImpactDto'];
