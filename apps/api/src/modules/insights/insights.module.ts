import { Module } from '@nestjs/common';
import { BoardCache } from './board-cache';
import { DashboardCache } from './dashboard/dashboard-cache';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';
import { ExportSlots } from './exports/export-slots';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { ImpactController } from './impact/impact.controller';
import { ImpactRepository } from './impact/impact.repository';
import { ImpactService } from './impact/impact.service';
import { MemberSharesRepository } from './impact/member-shares.repository';
import { LeaderboardPreferenceController } from './leaderboard-preference.controller';
import { LeaderboardsController } from './leaderboards.controller';
import { LeaderboardsRepository } from './leaderboards.repository';
import { LeaderboardsService } from './leaderboards.service';

/**
 * Leaderboards, the leader dashboard, my impact and their CSV downloads, read from the daily
 * rollups the sharing module keeps.
 */
@Module({
  // The CSV routes first: `/api/leaderboards.csv` is matched before any `leaderboards` route.
  controllers: [
    ExportsController,
    LeaderboardsController,
    LeaderboardPreferenceController,
    ImpactController,
    DashboardController,
  ],
  providers: [
    LeaderboardsRepository,
    LeaderboardsService,
    BoardCache,
    ImpactRepository,
    ImpactService,
    MemberSharesRepository,
    ExportsService,
    ExportSlots,
    DashboardRepository,
    DashboardService,
    DashboardCache,
  ],
  // The weekly summary e-mail (notifications) reports the dashboard's figures; channels post the week's board.
  exports: [DashboardService, LeaderboardsService],
})
export class InsightsModule {}
