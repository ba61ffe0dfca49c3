import { NETWORK_IDS, PERIODS, type NetworkId, type Period } from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MEMBER_KINDS, type MemberKind } from '../../members/entities/member.entity';

export const LEADERBOARD_METRICS = [
  'points',
  'reach',
  'clicks',
  'shares',
  'verified_reach',
  'engagement',
] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];
export const DEFAULT_LEADERBOARD_SIZE = 10;
export const MAX_LEADERBOARD_SIZE = 100;

/** The filters both leaderboards share. */
export class TeamLeaderboardQueryDto {
  @ApiPropertyOptional({
    enum: LEADERBOARD_METRICS,
    enumName: 'LeaderboardMetric',
    default: 'points',
    description:
      'What ranks the board (`value`). `verified_reach`: the follower count of the connected account ' +
      '(Bluesky, Mastodon) at the time of each credited share whose post was found (verified). `engagement`: ' +
      'likes + reposts (boosts) + replies + quotes of those posts at their latest collection (a deleted post ' +
      'keeps its last figures). Both count on the share’s day.',
  })
  @IsOptional()
  @IsIn(LEADERBOARD_METRICS)
  metric?: LeaderboardMetric;

  @ApiPropertyOptional({
    enum: PERIODS,
    enumName: 'LeaderboardPeriod',
    default: 'month',
    description:
      'The current week (from Monday), month, quarter or year to date, in the organisation’s time zone.',
  })
  @IsOptional()
  @IsIn(PERIODS)
  period?: Period;

  @ApiPropertyOptional({
    enum: NETWORK_IDS,
    enumName: 'NetworkId',
    description: 'Only this network’s figures.',
  })
  @IsOptional()
  @IsIn(NETWORK_IDS)
  network?: NetworkId;

  @ApiPropertyOptional({
    enum: MEMBER_KINDS,
    enumName: 'MemberKind',
    description: 'Only employees or only fans.',
  })
  @IsOptional()
  @IsIn(MEMBER_KINDS)
  kind?: MemberKind;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LEADERBOARD_SIZE, default: DEFAULT_LEADERBOARD_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LEADERBOARD_SIZE)
  limit?: number;
}

export class LeaderboardQueryDto extends TeamLeaderboardQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the members of this team of the organisation.' })
  @IsOptional()
  @IsUUID()
  team?: string;
}

/** The figures of a member or a team over the period. */
export class LeaderboardFiguresDto {
  @ApiProperty({ description: 'Shares made.' })
  shares!: number;

  @ApiProperty({ description: 'Earned reach: the sum of the audience sizes at the time of each share.' })
  reach!: number;

  @ApiProperty({ description: 'Clicks by people (previews and bots excluded).' })
  clicks!: number;

  @ApiProperty({ description: 'A visitor’s first click on a share within 24 hours.' })
  uniqueClicks!: number;

  @ApiProperty({ description: 'Share points plus unique-click points (capped per share).' })
  points!: number;
}

export class LeaderboardEntryDto extends LeaderboardFiguresDto {
  @ApiProperty({ description: 'Competition rank: ties share a rank (1, 2, 2, 4).', example: 2 })
  rank!: number;

  @ApiProperty({ description: '1-based place in the order (ties ordered by member id).', example: 3 })
  position!: number;

  @ApiProperty({ description: 'The ranked figure (the `metric`).' })
  value!: number;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a member who opted out of the leaderboard (seen by others).',
  })
  memberId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Aino Advocate',
    description: 'Null when anonymous.',
  })
  name!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null when anonymous or in no team.',
  })
  teamId!: string | null;

  @ApiProperty({ description: 'Shown as “anonymous advocate”: the member opted out and is not the caller.' })
  anonymous!: boolean;

  @ApiProperty({ description: 'The caller’s own entry.' })
  isCaller!: boolean;
}

export class LeaderboardWindowDto {
  @ApiProperty({ enum: LEADERBOARD_METRICS, enumName: 'LeaderboardMetric' })
  metric!: LeaderboardMetric;

  @ApiProperty({ enum: PERIODS, enumName: 'LeaderboardPeriod' })
  period!: Period;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-11-01',
    description: 'First day counted, in the organisation’s time zone; null for `all`.',
  })
  from!: string | null;

  @ApiProperty({
    format: 'date',
    example: '2026-11-23',
    description: 'Today in the organisation’s time zone.',
  })
  to!: string;

  @ApiProperty({ example: 'Europe/Helsinki' })
  timezone!: string;

  @ApiProperty({
    description:
      'The board was limited to fans because the caller is a fan and the organisation shows fans the fans’ ' +
      'board only (`fanBoard` setting), whatever `kind` asked for.',
  })
  fansOnly!: boolean;

  @ApiProperty({
    format: 'date-time',
    description:
      'When the figures were read. Boards of organisations with 2,000 or more active members are kept for ' +
      'up to 30 seconds, so they may be that old; smaller ones are read on every request.',
  })
  asOf!: string;
}

export class LeaderboardDto extends LeaderboardWindowDto {
  @ApiProperty({ description: 'How many members were ranked (active members matching the filters).' })
  total!: number;

  @ApiProperty({ type: [LeaderboardEntryDto] })
  entries!: LeaderboardEntryDto[];

  @ApiProperty({
    type: LeaderboardEntryDto,
    nullable: true,
    description: 'The caller’s entry wherever it falls; null only when the filters leave the caller out.',
  })
  me!: LeaderboardEntryDto | null;
}

export class TeamLeaderboardEntryDto {
  @ApiProperty({ description: 'Rank by the total (ties share a rank).' })
  rank!: number;

  @ApiProperty({ description: 'Rank by the figure per member (ties share a rank).' })
  perMemberRank!: number;

  @ApiProperty({ format: 'uuid' })
  teamId!: string;

  @ApiProperty({ example: 'Sales' })
  name!: string;

  @ApiProperty({ description: 'Active members counted (matching `kind`).' })
  members!: number;

  @ApiProperty({ description: 'The team’s total of the `metric`.' })
  value!: number;

  @ApiProperty({ description: '`value` divided by `members` (0 for a team without members).' })
  valuePerMember!: number;

  @ApiProperty({ type: LeaderboardFiguresDto, description: 'Totals of every figure.' })
  totals!: LeaderboardFiguresDto;

  @ApiProperty({ description: 'The caller’s own team.' })
  isCallersTeam!: boolean;
}

export class TeamLeaderboardDto extends LeaderboardWindowDto {
  @ApiProperty({ description: 'How many teams were ranked.' })
  total!: number;

  @ApiProperty({ type: [TeamLeaderboardEntryDto], description: 'Ordered by the total.' })
  entries!: TeamLeaderboardEntryDto[];

  @ApiProperty({
    type: TeamLeaderboardEntryDto,
    nullable: true,
    description: 'The caller’s team wherever it falls; null when the caller is in no team.',
  })
  me!: TeamLeaderboardEntryDto | null;
}

export class LeaderboardPreferenceDto {
  @ApiProperty({ description: 'True: others see you as “anonymous advocate”; you still see yourself.' })
  @IsBoolean()
  optOut!: boolean;
}
