import { Module } from '@nestjs/common';
import { BoardCache } from './board-cache';
import { LeaderboardPreferenceController } from './leaderboard-preference.controller';
import { LeaderboardsController } from './leaderboards.controller';
import { LeaderboardsRepository } from './leaderboards.repository';
import { LeaderboardsService } from './leaderboards.service';

/** Leaderboards (and later dashboards), read from the daily rollups the sharing module keeps. */
@Module({
  controllers: [LeaderboardsController, LeaderboardPreferenceController],
  providers: [LeaderboardsRepository, LeaderboardsService, BoardCache],
})
export class InsightsModule {}
