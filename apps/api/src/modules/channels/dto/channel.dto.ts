import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_EVENTS, CHANNEL_KINDS, type ChannelEvent, type ChannelKind } from '@heimo/content';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { TrimmedText } from '../../organisations/dto/plain-name';
import { CHANNEL_POST_OUTCOMES, type ChannelPostOutcome } from '../entities/channel.entity';

export const MAX_CHANNEL_URL_LENGTH = 2048;
export const MAX_CHANNEL_NAME_LENGTH = 100;
/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const IsChannelName = () =>
  applyDecorators(
    TrimmedText(),
    IsString(),
    MinLength(1),
    MaxLength(MAX_CHANNEL_NAME_LENGTH),
    ValidateBy({
      name: 'isPlainName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !HIDDEN_CHARACTERS.test(value),
        defaultMessage: () => 'name must not contain control or invisible formatting characters',
      },
    }),
  );

const IsWebhookUrl = () =>
  applyDecorators(TrimmedText(), IsString(), MinLength(1), MaxLength(MAX_CHANNEL_URL_LENGTH));

const IsChannelEvents = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(CHANNEL_EVENTS.length),
    ArrayUnique(),
    IsIn(CHANNEL_EVENTS, { each: true }),
  );

const URL_DESCRIPTION =
  'The webhook URL: for `slack` an incoming webhook (`https://hooks.slack.com/services/…`), for `teams` a ' +
  'Workflows webhook (`https://….logic.azure.com/workflows/…/triggers/manual/paths/invoke?…` or ' +
  '`https://….environment.api.powerplatform.com/powerautomate/automations/direct/workflows/…`). A secret: ' +
  'stored encrypted, never answered whole.';

const EVENTS_DESCRIPTION =
  'What is posted: `pack_published` (each pack published for employees: title, picture, networks, a button to ' +
  'the feed), `top_advocates` (Mondays: last week’s top five, opted-out advocates anonymous), ' +
  '`training_deadlines` (Mondays: required training running out within 14 days, expired or outdated, as counts).';

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_KINDS, enumName: 'ChannelKind' })
  @IsIn(CHANNEL_KINDS)
  kind!: ChannelKind;

  @ApiProperty({ minLength: 1, maxLength: MAX_CHANNEL_NAME_LENGTH, example: '#news' })
  @IsChannelName()
  name!: string;

  @ApiProperty({ maxLength: MAX_CHANNEL_URL_LENGTH, description: URL_DESCRIPTION })
  @IsWebhookUrl()
  url!: string;

  @ApiProperty({
    enum: CHANNEL_EVENTS,
    enumName: 'ChannelEvent',
    isArray: true,
    description: EVENTS_DESCRIPTION,
  })
  @IsChannelEvents()
  events!: ChannelEvent[];

  @ApiPropertyOptional({ default: true, description: 'A paused channel receives nothing but test messages.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateChannelDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_CHANNEL_NAME_LENGTH, example: '#news' })
  @IsOptional()
  @IsChannelName()
  name?: string;

  @ApiPropertyOptional({
    maxLength: MAX_CHANNEL_URL_LENGTH,
    description: `A new URL of the same kind. ${URL_DESCRIPTION}`,
  })
  @IsOptional()
  @IsWebhookUrl()
  url?: string;

  @ApiPropertyOptional({
    enum: CHANNEL_EVENTS,
    enumName: 'ChannelEvent',
    isArray: true,
    description: EVENTS_DESCRIPTION,
  })
  @IsOptional()
  @IsChannelEvents()
  events?: ChannelEvent[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ChannelDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CHANNEL_KINDS, enumName: 'ChannelKind' })
  kind!: ChannelKind;

  @ApiProperty({ example: '#news' })
  name!: string;

  @ApiProperty({
    example: 'https://hooks.slack.com/…x9Qe',
    description: 'The webhook URL masked: its origin and last four characters.',
  })
  urlHint!: string;

  @ApiProperty({ enum: CHANNEL_EVENTS, enumName: 'ChannelEvent', isArray: true })
  events!: ChannelEvent[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({
    type: String,
    enum: CHANNEL_POST_OUTCOMES,
    nullable: true,
    description: 'The last post’s outcome.',
  })
  lastStatus!: ChannelPostOutcome | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastPostedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class ChannelListDto {
  @ApiProperty({ type: [ChannelDto] })
  items!: ChannelDto[];
}

export class ChannelTestResultDto {
  @ApiProperty({ enum: CHANNEL_POST_OUTCOMES, enumName: 'ChannelPostOutcome' })
  status!: ChannelPostOutcome;

  @ApiProperty({ type: Number, nullable: true, example: 200, description: 'The receiver’s HTTP status.' })
  responseStatus!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it failed.' })
  error!: string | null;

  @ApiProperty({ type: ChannelDto })
  channel!: ChannelDto;
}
