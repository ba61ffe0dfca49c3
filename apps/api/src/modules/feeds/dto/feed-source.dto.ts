import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import { TrimmedText } from '../../organisations/dto/plain-name';
import { FEED_FETCH_STATUSES, type FeedFetchStatus } from '../entities/feed-source.entity';
import { FEED_ERROR_CODES } from '../feeds.errors';

export const MAX_FEED_URL_LENGTH = 2048;
export const MAX_FEED_TITLE_LENGTH = 200;
/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const IsFeedTitle = () =>
  applyDecorators(
    TrimmedText(),
    IsString(),
    MinLength(1),
    MaxLength(MAX_FEED_TITLE_LENGTH),
    ValidateBy({
      name: 'isPlainTitle',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !HIDDEN_CHARACTERS.test(value),
        defaultMessage: () => 'title must not contain control or invisible formatting characters',
      },
    }),
  );

export class CreateFeedSourceDto {
  @ApiProperty({
    maxLength: MAX_FEED_URL_LENGTH,
    example: 'https://blog.example.com/feed.xml',
    description:
      'An RSS 2.0 or Atom 1.0 feed over http or https at a public internet address. It is read once before the source is saved.',
  })
  @TrimmedText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_FEED_URL_LENGTH)
  url!: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MAX_FEED_TITLE_LENGTH,
    example: 'Company blog',
    description: 'Defaults to the feed’s own title.',
  })
  @IsOptional()
  @IsFeedTitle()
  title?: string;

  @ApiPropertyOptional({ default: true, description: 'Whether the scheduled poll reads it.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateFeedSourceDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_FEED_TITLE_LENGTH, example: 'Company blog' })
  @IsOptional()
  @IsFeedTitle()
  title?: string;

  @ApiPropertyOptional({ description: 'Whether the scheduled poll reads it.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListFeedSourcesQueryDto extends PageQueryDto {}

export class FeedSourceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://blog.example.com/feed.xml' })
  url!: string;

  @ApiProperty({ example: 'Company blog' })
  title!: string;

  @ApiProperty({ description: 'Whether the scheduled poll reads it.' })
  enabled!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null until the first read.',
  })
  lastFetchedAt!: string | null;

  @ApiProperty({
    type: String,
    enum: FEED_FETCH_STATUSES,
    enumName: 'FeedFetchStatus',
    nullable: true,
    description: '`not_modified`: the server answered 304 to the validators of the last read.',
  })
  lastStatus!: FeedFetchStatus | null;

  @ApiProperty({
    type: String,
    enum: FEED_ERROR_CODES,
    enumName: 'FeedErrorCode',
    nullable: true,
    description: 'Why the last read failed.',
  })
  lastErrorCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastErrorDetail!: string | null;

  @ApiProperty({ example: 12, description: 'Items imported as draft packs over the source’s life.' })
  itemsImported!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdById!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class FeedSourceListDto {
  @ApiProperty({ type: [FeedSourceDto], description: 'Oldest first.' })
  items!: FeedSourceDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class FeedFetchResultDto {
  @ApiProperty({ enum: FEED_FETCH_STATUSES, enumName: 'FeedFetchStatus' })
  status!: FeedFetchStatus;

  @ApiProperty({ example: 3, description: 'New items imported as draft packs by this read.' })
  imported!: number;

  @ApiProperty({ type: String, enum: FEED_ERROR_CODES, enumName: 'FeedErrorCode', nullable: true })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  errorDetail!: string | null;

  @ApiProperty({ type: FeedSourceDto })
  source!: FeedSourceDto;
}
