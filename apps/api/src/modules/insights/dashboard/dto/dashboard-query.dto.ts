import {
  BOUNDED_PERIODS,
  GRANULARITIES,
  NETWORK_IDS,
  type BoundedPeriod,
  type Granularity,
  type NetworkId,
} from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDay } from '../../../../infra/http/calendar-day.validator';
import { MEMBER_KINDS, type MemberKind } from '../../../members/entities/member.entity';

/** The dashboard's periods: the calendar periods to date (all time is not one of them). */
export const DASHBOARD_PERIODS = BOUNDED_PERIODS;
export type DashboardPeriod = BoundedPeriod;

export const DASHBOARD_TABLES = [
  'series',
  'networks',
  'teams',
  'locales',
  'packs',
  'advocates',
  'anomalies',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

/** The dashboard's filters; how `period`, `from` and `to` combine is checked by the service. */
export class DashboardQueryDto {
  @ApiPropertyOptional({
    enum: DASHBOARD_PERIODS,
    enumName: 'DashboardPeriod',
    default: 'month',
    description:
      'The current week (from Monday), month, quarter or year to date in the organisation’s time zone. ' +
      'Not together with `from`/`to`.',
  })
  @IsOptional()
  @IsIn(DASHBOARD_PERIODS)
  period?: DashboardPeriod;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-01',
    description:
      'First day of a custom window (with `to`; at most 366 days), in the organisation’s time zone.',
  })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-23', description: 'Last day of a custom window.' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the members of this team of the organisation.' })
  @IsOptional()
  @IsUUID()
  team?: string;

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

  @ApiPropertyOptional({
    enum: GRANULARITIES,
    enumName: 'DashboardGranularity',
    description:
      'Series buckets; default `day` for windows up to 62 days, else `week` (weeks start on Monday).',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
}

export class DashboardCsvQueryDto extends DashboardQueryDto {
  @ApiProperty({
    enum: DASHBOARD_TABLES,
    enumName: 'DashboardTable',
    description: 'Which table of the dashboard.',
  })
  @IsIn(DASHBOARD_TABLES)
  table!: DashboardTable;
}
