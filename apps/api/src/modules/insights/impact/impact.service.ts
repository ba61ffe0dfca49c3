import { buildTrackedLink } from '@heimo/content';
import { relativeChange } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { NotFoundError } from '../../../infra/http/app-error';
import type { Caller } from '../../../infra/http/caller';
import { BoardCache } from '../board-cache';
import { LeaderboardsRepository } from '../leaderboards.repository';
import type {
  ImpactDto,
  ImpactKpiDto,
  ImpactQueryDto,
  ImpactRankDto,
  ImpactSeriesPointDto,
} from './dto/impact.dto';
import { ImpactRepository, type MemberDay } from './impact.repository';
import {
  bucketStart,
  bucketStarts,
  impactWindow,
  type ImpactPeriod,
  type ImpactWindow,
} from './impact-window';
import { MemberSharesRepository } from './member-shares.repository';
import { shareOutcome } from '../../connections/share-outcome';

const DEFAULT_PERIOD: ImpactPeriod = 'month';
const BEST_SHARES = 5;
const FIGURES = [
  'shares',
  'reach',
  'clicks',
  'uniqueClicks',
  'points',
  'verifiedReach',
  'engagement',
] as const;
type Sums = Record<(typeof FIGURES)[number], number>;

/** The signed-in member's own figures, rank, trend and best shares over a period. */
@Injectable()
export class ImpactService {
  constructor(
    private readonly impact: ImpactRepository,
    private readonly shares: MemberSharesRepository,
    private readonly leaderboards: LeaderboardsRepository,
    private readonly cache: BoardCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forMember(caller: Caller, query: ImpactQueryDto): Promise<ImpactDto> {
    const { organisationId, memberId } = caller;
    const timezone = await this.cache.timezoneOf(organisationId);
    if (!timezone) throw new NotFoundError('organisation.not_found', 'The organisation does not exist.');
    const window = impactWindow(query.period ?? DEFAULT_PERIOD, timezone);
    const [days, rank, best, sharePoints] = await Promise.all([
      this.impact.memberDays(organisationId, memberId, window.previousFrom ?? window.from, window.to),
      this.rank(caller, query.period ?? DEFAULT_PERIOD, window),
      this.shares.best(organisationId, memberId, window, BEST_SHARES),
      this.shares.sharePoints(organisationId),
    ]);
    const { from, previousFrom, previousTo } = window;
    const current = sum(days.filter((d) => from === null || d.day >= from));
    const previous =
      previousFrom && previousTo
        ? sum(days.filter((d) => d.day >= previousFrom && d.day <= previousTo))
        : null;
    const figure = (key: keyof Sums): ImpactKpiDto => ({
      value: current[key],
      previous: previous ? previous[key] : null,
      change: relativeChange(current[key], previous ? previous[key] : null),
    });
    return {
      window: { ...window, timezone },
      figures: {
        shares: figure('shares'),
        reach: figure('reach'),
        clicks: figure('clicks'),
        uniqueClicks: figure('uniqueClicks'),
        points: figure('points'),
        verifiedReach: figure('verifiedReach'),
        engagement: figure('engagement'),
      },
      rank,
      series: series(days, window),
      bestShares: best.map((share) => ({
        shareId: share.id,
        packId: share.packId,
        packTitle: share.packTitle,
        network: share.network,
        createdAt: share.createdAt.toISOString(),
        reach: share.reach,
        clicks: share.clicks,
        uniqueClicks: share.uniqueClicks,
        points: sharePoints + share.clickPoints,
        trackedUrl: buildTrackedLink(this.config.publicUrl, share.code),
        ...shareOutcome(share),
      })),
    };
  }

  /**
   * The member's place on the points leaderboard of the same period, read as the leaderboard reads
   * it (`rankMembersByPeriod`: the period rollups, no cache), so `rank` and `total` are the board's.
   * Unfiltered, so every active advocate is ranked — except for a fan while the organisation shows fans
   * the fans' board only (`boardKindFor`): then among fans; null for a member the board does not rank
   * (no advocate role: an administrator, curator or leader only).
   */
  private async rank(
    caller: Caller,
    period: ImpactPeriod,
    days: { from: string | null; to: string },
  ): Promise<ImpactRankDto | null> {
    const rows = await this.leaderboards.rankMembersByPeriod({
      organisationId: caller.organisationId,
      period,
      from: days.from,
      to: days.to,
      network: null,
      kind: await this.leaderboards.boardKindFor(caller.organisationId, caller.memberId, null),
      metric: 'points',
      teamId: null,
      limit: 1,
      callerId: caller.memberId,
    });
    const mine = rows.find((row) => row.id === caller.memberId);
    if (!mine) return null;
    return { metric: 'points', rank: mine.rank, total: mine.total, anonymous: mine.optOut };
  }
}

function sum(days: readonly MemberDay[]): Sums {
  const sums: Sums = {
    shares: 0,
    reach: 0,
    clicks: 0,
    uniqueClicks: 0,
    points: 0,
    verifiedReach: 0,
    engagement: 0,
  };
  for (const day of days) for (const key of FIGURES) sums[key] += day[key];
  return sums;
}

/** Every bucket of the window with its sums; for `all`, from the member's first rollup day (their first share). */
function series(days: readonly MemberDay[], window: ImpactWindow): ImpactSeriesPointDto[] {
  const from = window.from ?? days[0]?.day;
  if (from === undefined) return [];
  const points = new Map(
    bucketStarts(from, window.to, window.granularity).map((start) => [
      start,
      { start, shares: 0, reach: 0, clicks: 0, points: 0 },
    ]),
  );
  for (const day of days) {
    if (day.day < from) continue;
    const point = points.get(bucketStart(day.day, window.granularity, from));
    if (!point) throw new Error(`day ${day.day} outside the window's buckets`);
    point.shares += day.shares;
    point.reach += day.reach;
    point.clicks += day.clicks;
    point.points += day.points;
  }
  return [...points.values()];
}
