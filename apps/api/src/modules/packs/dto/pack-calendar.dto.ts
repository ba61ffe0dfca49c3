import {
  NETWORK_IDS,
  PACK_CALENDAR_KINDS,
  PACK_CALENDAR_MAX_DAYS,
  PACK_STATES,
  type NetworkId,
  type PackCalendarKind,
  type PackState,
} from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDay } from '../../../infra/http/calendar-day.validator';

/** The most packs one calendar answer carries; `truncated` says when more matched. */
export const PACK_CALENDAR_MAX_PACKS = 500;

export class PackCalendarQueryDto {
  @ApiProperty({
    format: 'date',
    example: '2026-12-01',
    description: 'First day shown, in the organisation’s time zone.',
  })
  @IsCalendarDay()
  from!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-12-31',
    description: `Last day shown (counted); at most ${PACK_CALENDAR_MAX_DAYS} days from \`from\`.`,
  })
  @IsCalendarDay()
  to!: string;

  @ApiPropertyOptional({
    enum: NETWORK_IDS,
    enumName: 'NetworkId',
    description: 'Packs with a variant for this network.',
  })
  @IsOptional()
  @IsIn(NETWORK_IDS)
  network?: NetworkId;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Packs this team of the organisation sees: addressed to it, or to everyone.',
  })
  @IsOptional()
  @IsUUID()
  team?: string;
}

export class PackCalendarPackDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: PACK_STATES, enumName: 'PackState' })
  status!: PackState;

  @ApiProperty({ description: 'Send it back with a move (`PATCH /api/packs/{packId}`).' })
  version!: number;

  @ApiProperty({ type: [String], description: 'Networks of its variants, in their order.' })
  networks!: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Empty: every team.' })
  audienceTeamIds!: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expireAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;
}

export class PackCalendarEntryDto {
  @ApiProperty({
    enum: PACK_CALENDAR_KINDS,
    enumName: 'PackCalendarKind',
    description:
      '`scheduled`: the `publishAt` of a pack not yet published; `published`: when it was published; ' +
      '`expiring`: its `expireAt`.',
  })
  kind!: PackCalendarKind;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ format: 'date', description: 'The day of `at` in the organisation’s time zone.' })
  day!: string;

  @ApiProperty({
    enum: ['publishAt', 'expireAt'],
    nullable: true,
    type: String,
    description: 'The field that moving this entry changes; null when the pack’s state does not let it move.',
  })
  moves!: 'publishAt' | 'expireAt' | null;

  @ApiProperty({ type: PackCalendarPackDto })
  pack!: PackCalendarPackDto;
}

export class PackCalendarDto {
  @ApiProperty({
    example: 'Europe/Helsinki',
    description: 'The organisation’s time zone: days are its days.',
  })
  timeZone!: string;

  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ type: [PackCalendarEntryDto], description: 'Oldest first.' })
  entries!: PackCalendarEntryDto[];

  @ApiProperty({
    description: `True when more than ${PACK_CALENDAR_MAX_PACKS} packs matched: narrow the range or filter.`,
  })
  truncated!: boolean;
}
