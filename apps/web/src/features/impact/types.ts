// Names for the shapes My impact uses. The shares list comes from the generated document; the impact
// summary is written from the insights contract (issue #8) until its route joins the OpenAPI document.
import type { components } from '../../api/schema';
import type { Kpi } from '../insights/types';

export type MyShare = components['schemas']['MyShareDto'];

export const IMPACT_PERIODS = ['week', 'month', 'quarter', 'year', 'all'] as const;
export type ImpactPeriod = (typeof IMPACT_PERIODS)[number];

export const IMPACT_FIGURES = ['points', 'reach', 'clicks', 'uniqueClicks', 'shares'] as const;
export type ImpactFigure = (typeof IMPACT_FIGURES)[number];

export interface ImpactWindow {
  /** Null for all time. */
  from: string | null;
  to: string;
  previousFrom: string | null;
  previousTo: string | null;
  timezone: string;
  granularity: 'day' | 'week' | 'month';
}

/** The member's place on the points leaderboard of the same period. */
export interface ImpactRank {
  metric: 'points';
  rank: number;
  total: number;
  /** The member opted out: others see them as an anonymous advocate. */
  anonymous: boolean;
}

export interface ImpactPoint {
  start: string;
  shares: number;
  reach: number;
  clicks: number;
  points: number;
}

export interface BestShare {
  shareId: string;
  packId: string;
  packTitle: string;
  network: string;
  createdAt: string;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
  trackedUrl: string;
}

export interface MyImpact {
  window: ImpactWindow;
  figures: Record<ImpactFigure, Kpi>;
  rank: ImpactRank | null;
  series: ImpactPoint[];
  bestShares: BestShare[];
}
