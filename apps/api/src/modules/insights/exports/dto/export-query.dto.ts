import { OmitType } from '@nestjs/swagger';
import { LeaderboardQueryDto, TeamLeaderboardQueryDto } from '../../dto/leaderboard.dto';

/** The member leaderboard's filters without `limit`: the download is the whole board. */
export class LeaderboardCsvQueryDto extends OmitType(LeaderboardQueryDto, ['limit'] as const) {}

/** The team leaderboard's filters without `limit`: the download is every team. */
export class TeamLeaderboardCsvQueryDto extends OmitType(TeamLeaderboardQueryDto, ['limit'] as const) {}
