import {
  GRANULARITIES,
  NETWORK_IDS,
  type Granularity,
  type NetworkId,
  CLICK_EXCLUSION_REASONS,
  type ClickExclusionReason,
  SHARE_FLAG_REASONS,
  type ShareFlagReason,
} from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';

export class KpiDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The window’s figure; null when undefined (a rate of nothing).',
  })
  value!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The same figure over the previous window.' })
  previous!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(value − previous) / previous; null when previous is 0 or null.',
    example: 0.25,
  })
  change!: number | null;
}

export class DashboardKpisDto {
  @ApiProperty({
    type: KpiDto,
    description: 'Active members (matching the filters) with at least one share in the window.',
  })
  activeAdvocates!: KpiDto;

  @ApiProperty({
    type: KpiDto,
    description:
      'Active advocates (matching the filters) whose required training is all passed now; `previous` is the same value.',
  })
  readyMembers!: KpiDto;

  @ApiProperty({
    type: KpiDto,
    description:
      'activeAdvocates / members able to share in the window (ready now, or shared in it), 0..1; null when there are none.',
  })
  shareRate!: KpiDto;

  @ApiProperty({ type: KpiDto })
  shares!: KpiDto;

  @ApiProperty({ type: KpiDto, description: 'Earned reach: audience sizes at share time.' })
  reach!: KpiDto;

  @ApiProperty({
    type: KpiDto,
    description:
      'Verified reach: the follower count of the connected account (Bluesky, Mastodon) at the time of each ' +
      'credited share whose post was found (verified), counted on the share’s day.',
  })
  verifiedReach!: KpiDto;

  @ApiProperty({
    type: KpiDto,
    description:
      'Engagement: likes + reposts (boosts) + replies + quotes of the verified posts at their latest collection ' +
      '(1 hour, 1 day and 7 days after the post was found; a deleted post keeps its last figures), counted on ' +
      'the share’s day.',
  })
  engagement!: KpiDto;

  @ApiProperty({ type: KpiDto, description: 'Clicks by people (previews and bots excluded).' })
  clicks!: KpiDto;

  @ApiProperty({ type: KpiDto, description: 'A visitor’s first click on a share within 24 hours.' })
  uniqueClicks!: KpiDto;

  @ApiProperty({ type: KpiDto, description: 'clicks / reach; null when reach is 0.' })
  clickThroughRate!: KpiDto;

  @ApiProperty({ type: KpiDto, description: 'Earned media value in minor units of `currency`.' })
  emvMinor!: KpiDto;
}

export class DashboardWindowDto {
  @ApiProperty({ format: 'date', example: '2026-11-01' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  to!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-10-09',
    description: 'As many days as the window, just before it.',
  })
  previousFrom!: string;

  @ApiProperty({ format: 'date', example: '2026-10-31' })
  previousTo!: string;

  @ApiProperty({ example: 'Europe/Helsinki' })
  timezone!: string;

  @ApiProperty({ enum: GRANULARITIES, enumName: 'DashboardGranularity' })
  granularity!: Granularity;
}

export class EmvRateDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ description: 'Cost per thousand reached, in minor units of the currency.', example: 1500 })
  cpmMinor!: number;
}

export class EmvDto {
  @ApiProperty({ example: 'Σ reach / 1000 × CPM' })
  formula!: string;

  @ApiProperty({ type: [EmvRateDto], description: 'The rates of the enabled networks.' })
  rates!: EmvRateDto[];
}

export class DashboardFiguresDto {
  @ApiProperty()
  shares!: number;

  @ApiProperty()
  reach!: number;

  @ApiProperty()
  clicks!: number;

  @ApiProperty()
  uniqueClicks!: number;
}

/** Figures of the member rollups (not of the pack rollups: locales and packs have none). */
export class VerifiedFiguresDto extends DashboardFiguresDto {
  @ApiProperty({
    description:
      'Verified reach: the follower count of the connected account (Bluesky, Mastodon) at the time of each credited share whose post was found, on the share’s day.',
  })
  verifiedReach!: number;

  @ApiProperty({
    description:
      'Engagement: likes + reposts (boosts) + replies + quotes of the verified posts at their latest collection (a deleted post keeps its last figures), on the share’s day.',
  })
  engagement!: number;
}

export class SeriesBucketDto extends VerifiedFiguresDto {
  @ApiProperty({ format: 'date', description: 'First day of the bucket (a Monday for weeks, or `from`).' })
  start!: string;

  @ApiProperty()
  emvMinor!: number;
}

export class NetworkFiguresDto extends VerifiedFiguresDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty()
  emvMinor!: number;
}

export class TeamFiguresDto extends VerifiedFiguresDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: members in no team.' })
  teamId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sales' })
  name!: string | null;

  @ApiProperty({ description: 'Active members counted (matching the filters).' })
  members!: number;

  @ApiProperty()
  points!: number;
}

export class LocaleFiguresDto extends DashboardFiguresDto {
  @ApiProperty({ example: 'fi', description: 'The locale the packs were shared in.' })
  locale!: string;
}

export class PackFiguresDto extends DashboardFiguresDto {
  @ApiProperty({ format: 'uuid' })
  packId!: string;

  @ApiProperty()
  title!: string;
}

export class DashboardAdvocateDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a member who opted out.',
  })
  memberId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null when anonymous.' })
  name!: string | null;

  @ApiProperty({
    description: 'Shown as “anonymous advocate”: opted out of the leaderboards, not the caller.',
  })
  anonymous!: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null when anonymous or in no team.',
  })
  teamId!: string | null;

  @ApiProperty()
  points!: number;

  @ApiProperty()
  reach!: number;

  @ApiProperty()
  clicks!: number;

  @ApiProperty()
  shares!: number;
}

export class DashboardAnomalyDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a member who opted out.',
  })
  memberId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null when anonymous.' })
  name!: string | null;

  @ApiProperty({ description: 'Opted out of the leaderboards, not the caller.' })
  anonymous!: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null when anonymous or in no team.',
  })
  teamId!: string | null;

  @ApiProperty({
    description:
      'Unique clicks in the window stored and counted as clicks but earning no points: more unique visitors of ' +
      'one share from one network (/24, /64) in a UTC day than the limit.',
  })
  excludedClicks!: number;

  @ApiProperty({
    enum: CLICK_EXCLUSION_REASONS,
    enumName: 'ClickExclusionReason',
    nullable: true,
    description: 'Why those clicks earn nothing; null when there are none.',
  })
  exclusionReason!: ClickExclusionReason | null;

  @ApiProperty({
    description: 'Unique visitors counted per share, network and UTC day: the limit that applied.',
  })
  networkDailyLimit!: number;

  @ApiProperty({
    description:
      'Shares of the member flagged on a UTC day of the window: at least `flagRule.minVisitors` unique visitors, ' +
      'the `flagRule.topNetworks` largest networks holding at least `flagRule.minShare` of them.',
  })
  flaggedShares!: number;

  @ApiProperty({
    enum: SHARE_FLAG_REASONS,
    enumName: 'ShareFlagReason',
    nullable: true,
    description: 'Why the shares are flagged; null when none is.',
  })
  flagReason!: ShareFlagReason | null;

  @ApiProperty({ description: 'Of the flagged share-days, the largest share (0–1) the top networks held.' })
  topNetworksShare!: number;
}

export class ShareFlagRuleDto {
  @ApiProperty({ example: 20 })
  minVisitors!: number;

  @ApiProperty({ example: 2 })
  topNetworks!: number;

  @ApiProperty({ example: 0.8 })
  minShare!: number;
}

export class DashboardDto {
  @ApiProperty({ type: DashboardWindowDto })
  window!: DashboardWindowDto;

  @ApiProperty({
    format: 'date-time',
    description:
      'When the figures were read. Dashboards of organisations with 2,000 or more active members are kept ' +
      'for up to 30 seconds.',
  })
  asOf!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency of the EMV figures.' })
  currency!: string;

  @ApiProperty({ type: DashboardKpisDto })
  kpis!: DashboardKpisDto;

  @ApiProperty({ type: EmvDto })
  emv!: EmvDto;

  @ApiProperty({ type: [SeriesBucketDto], description: 'Every bucket of the window, empty ones with zeros.' })
  series!: SeriesBucketDto[];

  @ApiProperty({ type: [NetworkFiguresDto], description: 'Networks with figures, by reach, then id.' })
  byNetwork!: NetworkFiguresDto[];

  @ApiProperty({
    type: [TeamFiguresDto],
    description: 'Every team (and members in no team), by reach, then name.',
  })
  byTeam!: TeamFiguresDto[];

  @ApiProperty({ type: [LocaleFiguresDto], description: 'Locales shared in, by reach, then locale.' })
  byLocale!: LocaleFiguresDto[];

  @ApiProperty({ type: [PackFiguresDto], description: 'The 10 packs with the most clicks, then shares.' })
  topPacks!: PackFiguresDto[];

  @ApiProperty({
    type: [DashboardAdvocateDto],
    description: 'The 10 members with the most points (as the leaderboard).',
  })
  topAdvocates!: DashboardAdvocateDto[];

  @ApiProperty({
    type: [DashboardAnomalyDto],
    description:
      'Members (of the filters) with clicks excluded from points or flagged shares in the window, most excluded ' +
      'and flagged first (at most 50). Networks are compared within a UTC day.',
  })
  anomalies!: DashboardAnomalyDto[];

  @ApiProperty({ type: ShareFlagRuleDto, description: 'When a share is flagged (`few_networks`).' })
  flagRule!: ShareFlagRuleDto;
}
