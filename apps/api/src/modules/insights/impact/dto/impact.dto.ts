import { NETWORK_IDS, type NetworkId } from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ShareEngagementDto, ShareVerificationDto } from '../../../connections/dto/share-outcome.dto';
import {
  IMPACT_GRANULARITIES,
  IMPACT_PERIODS,
  type ImpactGranularity,
  type ImpactPeriod,
} from '../impact-window';

export class ImpactQueryDto {
  @ApiPropertyOptional({
    enum: IMPACT_PERIODS,
    enumName: 'ImpactPeriod',
    default: 'month',
    description:
      'The current week (from Monday), month, quarter or year to date in the organisation’s time zone, or `all`.',
  })
  @IsOptional()
  @IsIn(IMPACT_PERIODS)
  period?: ImpactPeriod;
}

export class ImpactWindowDto {
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

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-10-09',
    description: 'First day of the window of equal length just before `from`; null for `all`.',
  })
  previousFrom!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-10-31',
    description: 'The day before `from`; null for `all`.',
  })
  previousTo!: string | null;

  @ApiProperty({ example: 'Europe/Helsinki' })
  timezone!: string;

  @ApiProperty({
    enum: IMPACT_GRANULARITIES,
    enumName: 'ImpactGranularity',
    description:
      'Series buckets: days for a week or month, weeks (from Monday) for a quarter, months beyond.',
  })
  granularity!: ImpactGranularity;
}

export class ImpactKpiDto {
  @ApiProperty({ example: 120 })
  value!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 80,
    description: 'The previous window; null for `all`.',
  })
  previous!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.5,
    description: '(value − previous) / previous; null when previous is 0 or null.',
  })
  change!: number | null;
}

export class ImpactFiguresDto {
  @ApiProperty({ type: ImpactKpiDto, description: 'Shares made.' })
  shares!: ImpactKpiDto;

  @ApiProperty({ type: ImpactKpiDto, description: 'Earned reach: audience sizes at the time of each share.' })
  reach!: ImpactKpiDto;

  @ApiProperty({ type: ImpactKpiDto, description: 'Clicks by people (previews and bots excluded).' })
  clicks!: ImpactKpiDto;

  @ApiProperty({ type: ImpactKpiDto, description: 'A visitor’s first click on a share within 24 hours.' })
  uniqueClicks!: ImpactKpiDto;

  @ApiProperty({ type: ImpactKpiDto, description: 'Share points plus unique-click points.' })
  points!: ImpactKpiDto;

  @ApiProperty({
    type: ImpactKpiDto,
    description:
      'Verified reach: the follower count of the connected account (Bluesky, Mastodon) at the time of each ' +
      'share whose post was found (verified), for shares that earned credit; counted on the share’s day.',
  })
  verifiedReach!: ImpactKpiDto;

  @ApiProperty({
    type: ImpactKpiDto,
    description:
      'Engagement: likes + reposts (boosts) + replies + quotes of the verified posts at their latest ' +
      'collection (1 hour, 1 day and 7 days after the post was found; a deleted post keeps its last figures), ' +
      'counted on the share’s day.',
  })
  engagement!: ImpactKpiDto;
}

export class ImpactRankDto {
  @ApiProperty({ enum: ['points'], example: 'points' })
  metric!: 'points';

  @ApiProperty({
    example: 3,
    description: 'Competition rank on the points leaderboard of the same period (ties share a rank).',
  })
  rank!: number;

  @ApiProperty({ example: 40, description: 'Members ranked (the organisation’s active advocates).' })
  total!: number;

  @ApiProperty({ description: 'True when the member opted out: others see them as “anonymous advocate”.' })
  anonymous!: boolean;
}

export class ImpactSeriesPointDto {
  @ApiProperty({ format: 'date', example: '2026-11-02', description: 'First day of the bucket.' })
  start!: string;

  @ApiProperty()
  shares!: number;

  @ApiProperty()
  reach!: number;

  @ApiProperty()
  clicks!: number;

  @ApiProperty()
  points!: number;
}

export class ImpactBestShareDto {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ format: 'uuid' })
  packId!: string;

  @ApiProperty({ example: 'Our new office opens in Tampere' })
  packTitle!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId', example: 'linkedin' })
  network!: NetworkId;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ description: 'Audience size on the network when shared.', example: 480 })
  reach!: number;

  @ApiProperty({ example: 12 })
  clicks!: number;

  @ApiProperty({ example: 9 })
  uniqueClicks!: number;

  @ApiProperty({
    example: 28,
    description: 'The organisation’s share points (current rules) plus the points its unique clicks earned.',
  })
  points!: number;

  @ApiProperty({ example: 'https://heimo.example.com/r/aZ3kP9xQ2m' })
  trackedUrl!: string;

  @ApiProperty({
    type: ShareVerificationDto,
    nullable: true,
    description:
      'Whether the post this share made on a connected account (Bluesky, Mastodon) was found; null for a ' +
      'share on a network the member had not connected.',
  })
  verification!: ShareVerificationDto | null;

  @ApiProperty({
    type: ShareEngagementDto,
    nullable: true,
    description:
      'The verified post’s likes, reposts (boosts), replies and quotes at the latest collection (a deleted post ' +
      'keeps its last figures); null before the first collection and for shares not verified.',
  })
  engagement!: ShareEngagementDto | null;
}

export class ImpactDto {
  @ApiProperty({ type: ImpactWindowDto })
  window!: ImpactWindowDto;

  @ApiProperty({ type: ImpactFiguresDto })
  figures!: ImpactFiguresDto;

  @ApiProperty({
    type: ImpactRankDto,
    nullable: true,
    description: 'Null for a member the leaderboard does not rank (no advocate role).',
  })
  rank!: ImpactRankDto | null;

  @ApiProperty({
    type: [ImpactSeriesPointDto],
    description:
      'Every bucket of the window, zeros included; the first is clipped to `from`. For `all`, from the ' +
      'member’s first share’s day (empty without shares).',
  })
  series!: ImpactSeriesPointDto[];

  @ApiProperty({
    type: [ImpactBestShareDto],
    description:
      'Up to 5 of the member’s shares made in the window, by clicks, then unique clicks, newest first.',
  })
  bestShares!: ImpactBestShareDto[];
}
