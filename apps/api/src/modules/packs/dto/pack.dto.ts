import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { NETWORK_IDS, PACK_ACTIONS, PACK_STATES, type PackAction, type PackState } from '@heimo/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import { PageDto } from '../../../infra/http/page.dto';
import { LOCALES, MEMBER_KINDS, type Locale, type MemberKind } from '../../members/entities/member.entity';
import { TrimmedText } from '../../organisations/dto/plain-name';
import { PACK_ORIGINS, type PackOrigin } from '../entities/pack.entity';
import { PACK_HISTORY_ACTIONS, type PackHistoryAction } from '../entities/pack-transition.entity';

export const PACK_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 80;
export const MAX_PACK_TITLE_LENGTH = 200;
export const MAX_SUMMARY_LENGTH = 2_000;
/** The longest link the links library accepts is 2,048; longer bodies are cut off here. */
export const MAX_DESTINATION_INPUT_LENGTH = 4_096;
export const MAX_HASHTAGS = 30;
/** `#` optional; letters, marks, digits and underscores, as networks read a hashtag. */
export const HASHTAG = /^[#＃]?[\p{L}\p{M}\p{N}_]{1,100}$/u;
export const MAX_MEDIA = 20;
/** The longest hashtag a pack list may be filtered by. */
export const MAX_HASHTAG_FILTER_LENGTH = 100;
export const MAX_AUDIENCE_TEAMS = 100;
/** Same limit as the template library's `template.too_long`. */
export const MAX_TEMPLATE_LENGTH = 20_000;
export const MAX_VARIANT_TITLE_LENGTH = 500;
/** One variant per network and locale at most. */
export const MAX_VARIANTS = NETWORK_IDS.length * LOCALES.length;
/** Guards the body; the lifecycle's own limit (`pack.comment_too_long`) is lower. */
export const MAX_COMMENT_INPUT_LENGTH = 10_000;
/** An ISO 8601 time with its offset (`Z` or `+02:00`): a time without one means nothing on a server. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const ZonedTime = () =>
  applyDecorators(
    IsOptional(),
    IsString(),
    Matches(ZONED_TIME, {
      message: '$property must be an ISO 8601 time with an offset, e.g. 2030-01-31T09:00:00Z',
    }),
    IsISO8601({ strict: true }),
  );

const UuidList = (max: number) =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(max), ArrayUnique(), IsUUID('all', { each: true }));

export class PackVariantInputDto {
  @ApiProperty({
    example: 'linkedin',
    description: 'A network id of the registry (`GET` the networks list).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  network!: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale', example: 'en' })
  @IsString()
  @MaxLength(10)
  locale!: string;

  @ApiProperty({
    maxLength: MAX_TEMPLATE_LENGTH,
    example: 'Proud of this one. {{link}} {{hashtags}} {{disclosure}}',
    description:
      'Handlebars: `{{link}}`, `{{hashtags}}`, `{{disclosure}}`, `{{advocate.firstName}}`, `{{pack.title}}`, `{{#if}}`.',
  })
  @IsString()
  @MaxLength(MAX_TEMPLATE_LENGTH)
  captionTemplate!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_VARIANT_TITLE_LENGTH,
    description: 'For networks with a title (Pinterest, e-mail subject).',
  })
  @TrimmedText()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_VARIANT_TITLE_LENGTH)
  title?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_MEDIA,
    description: 'The variant’s own media, in order; empty or left out: the pack’s media.',
  })
  @UuidList(MAX_MEDIA)
  mediaIds?: string[];
}

/** Every field a curator edits; `POST` needs a title, `PATCH` sends only what changes (and `version`). */
export class PackContentInputDto {
  @ApiPropertyOptional({
    pattern: PACK_SLUG.source,
    maxLength: MAX_SLUG_LENGTH,
    example: 'spring-launch',
    description:
      'Unique in the organisation; the `utm_campaign` of every share. Made from the title when left out.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SLUG_LENGTH)
  @Matches(PACK_SLUG, { message: '$property may contain lower-case letters, digits and single dashes only' })
  slug?: string;

  @ApiPropertyOptional({ maxLength: MAX_SUMMARY_LENGTH })
  @TrimmedText()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SUMMARY_LENGTH)
  summary?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://example.com/blog/spring-launch',
    description: 'An absolute http(s) link; null for a pack without one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESTINATION_INPUT_LENGTH)
  destinationUrl?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_HASHTAGS,
    example: ['spring', 'launch'],
    description:
      '`#` optional; letters, digits and `_`. A tag that is not is `hashtags.<i>` / `pack.hashtag_invalid`, ' +
      'reported with the pack’s other errors.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_HASHTAGS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  hashtags?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_MEDIA })
  @UuidList(MAX_MEDIA)
  mediaIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_AUDIENCE_TEAMS,
    description: 'Teams whose employees see the pack; empty for every team.',
  })
  @UuidList(MAX_AUDIENCE_TEAMS)
  audienceTeamIds?: string[];

  @ApiPropertyOptional({
    enum: MEMBER_KINDS,
    enumName: 'MemberKind',
    isArray: true,
    example: ['employee'],
    description: 'Who sees the pack; at least one. Default: employees.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MEMBER_KINDS, { each: true })
  audienceKinds?: MemberKind[];

  @ApiPropertyOptional({
    enum: LOCALES,
    enumName: 'Locale',
    isArray: true,
    description: 'Members of these locales see the pack; empty for every locale.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(LOCALES, { each: true })
  audienceLocales?: Locale[];

  @ApiPropertyOptional({ description: 'Advocates may edit the caption in their own voice. Default: true.' })
  @IsOptional()
  @IsBoolean()
  allowCaptionEdit?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Publish at this time once approved; null for none (publish by hand).',
  })
  @ZonedTime()
  publishAt?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Expire at this time; null for never.',
  })
  @ZonedTime()
  expireAt?: string | null;

  @ApiPropertyOptional({
    type: [PackVariantInputDto],
    maxItems: MAX_VARIANTS,
    description:
      'The whole set of variants: one per network and locale. On `PATCH` a variant keeps its id when its ' +
      'network and locale stay, those left out are deleted.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_VARIANTS)
  @ValidateNested({ each: true })
  @Type(() => PackVariantInputDto)
  variants?: PackVariantInputDto[];
}

export class CreatePackDto extends PackContentInputDto {
  @ApiProperty({
    maxLength: MAX_PACK_TITLE_LENGTH,
    example: 'Our spring launch',
    description: 'An empty title is `title` / `pack.title_required`, reported with the pack’s other errors.',
  })
  @TrimmedText()
  @IsString()
  @MaxLength(MAX_PACK_TITLE_LENGTH)
  title!: string;
}

export class UpdatePackDto extends PackContentInputDto {
  @ApiPropertyOptional({ maxLength: MAX_PACK_TITLE_LENGTH })
  @TrimmedText()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PACK_TITLE_LENGTH)
  title?: string;

  @ApiProperty({
    example: 3,
    description: 'The `version` this change was made against (optimistic locking).',
  })
  @IsInt()
  @Min(1)
  version!: number;
}

export class PackTransitionInputDto {
  @ApiProperty({ enum: PACK_ACTIONS, enumName: 'PackAction', example: 'submit' })
  @IsIn(PACK_ACTIONS)
  action!: PackAction;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Required to reject (at most 2,000 characters); kept with the transition for any action.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_COMMENT_INPUT_LENGTH)
  comment?: string | null;

  @ApiProperty({ example: 3, description: 'The `version` the action was chosen against.' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListPacksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PACK_STATES, enumName: 'PackState' })
  @IsOptional()
  @IsIn(PACK_STATES)
  status?: PackState;

  @ApiPropertyOptional({ description: 'Searches titles and summaries.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: NETWORK_IDS, description: 'Packs with a variant for this network.' })
  @IsOptional()
  @IsIn(NETWORK_IDS)
  network?: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    enumName: 'Locale',
    description: 'Packs with a variant in this locale.',
  })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    description: 'Packs with this hashtag (with or without `#`, any case).',
    maxLength: MAX_HASHTAG_FILTER_LENGTH,
    example: 'news',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_HASHTAG_FILTER_LENGTH)
  @Matches(/^[#＃]?[^\s#＃,]+$/u, { message: 'hashtag must be one hashtag without spaces' })
  hashtag?: string;
}

export class CaptionIssueDto {
  @ApiProperty({ example: 'caption.too_long', description: 'Stable code, translated by the client.' })
  code!: string;

  @ApiProperty({
    example: 'captionTemplate',
    description:
      'The variant field it is about: `network`, `locale`, `captionTemplate`, `title`, `mediaIds` or `mediaIds.<i>`.',
  })
  field!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { length: 301, limit: 280, network: 'X' },
  })
  params!: Record<string, string | number>;

  @ApiProperty({ example: 'The caption is 301 characters long; X allows 280.' })
  message!: string;
}

export class VariantCheckDto {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'Rendered with the longest tracked link, counted the network’s way.' })
  length!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty({ description: '`limit - length`; negative when over.' })
  remaining!: number;

  @ApiProperty({ type: [CaptionIssueDto] })
  issues!: CaptionIssueDto[];
}

export class PackVariantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'linkedin' })
  network!: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty()
  captionTemplate!: string;

  @ApiProperty({ type: String, nullable: true })
  title!: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  mediaIds!: string[];

  @ApiProperty({
    type: VariantCheckDto,
    description: 'The variant checked now, against the organisation’s current rules.',
  })
  check!: VariantCheckDto;
}

export const UNAVAILABLE_ACTION_CODES = [
  'pack.curator_required',
  'pack.four_eyes_required',
  'pack.comment_required',
  'pack.comment_too_long',
  'pack.already_expired',
] as const;

export class UnavailablePackActionDto {
  @ApiProperty({ enum: PACK_ACTIONS, enumName: 'PackAction' })
  action!: PackAction;

  @ApiProperty({ enum: UNAVAILABLE_ACTION_CODES, description: 'Why the caller may not take it now.' })
  code!: (typeof UNAVAILABLE_ACTION_CODES)[number];
}

export class PackTransitionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, enum: PACK_STATES, enumName: 'PackState', nullable: true })
  from!: PackState | null;

  @ApiProperty({ enum: PACK_STATES, enumName: 'PackState' })
  to!: PackState;

  @ApiProperty({
    enum: PACK_HISTORY_ACTIONS,
    enumName: 'PackHistoryAction',
    description:
      'A lifecycle action, or `create`, `import` or `edit` (a saved change; `from` → `to` differ ' +
      'when it sent an approved pack back to review).',
  })
  action!: PackHistoryAction;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null: the scheduler or a feed.',
  })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
}

/**
 * Every property a pack answer may carry, declared once, in the order the documents list them; the
 * list's summary and the full pack pick from it.
 */
class PackPropertiesDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'spring-launch' })
  slug!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ type: String, nullable: true })
  destinationUrl!: string | null;

  @ApiProperty({ type: [String], description: 'Without the `#`.' })
  hashtags!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  mediaIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  audienceTeamIds!: string[];

  @ApiProperty({ enum: MEMBER_KINDS, enumName: 'MemberKind', isArray: true })
  audienceKinds!: MemberKind[];

  @ApiProperty({ enum: LOCALES, enumName: 'Locale', isArray: true })
  audienceLocales!: Locale[];

  @ApiProperty()
  allowCaptionEdit!: boolean;

  @ApiProperty({ enum: PACK_STATES, enumName: 'PackState' })
  status!: PackState;

  @ApiProperty({ enum: PACK_ORIGINS, enumName: 'PackOrigin' })
  origin!: PackOrigin;

  @ApiProperty({ type: [String], example: ['linkedin', 'x'], description: 'Networks with a variant.' })
  networks!: string[];

  @ApiProperty({ enum: LOCALES, enumName: 'Locale', isArray: true, description: 'Locales with a variant.' })
  locales!: Locale[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expireAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;

  @ApiProperty({ example: 3 })
  version!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdById!: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdByName!: string | null;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Who wrote or submitted it; with four-eyes approval on none of them may approve.',
  })
  authorIds!: string[];

  @ApiProperty({ type: [PackVariantDto] })
  variants!: PackVariantDto[];

  @ApiProperty({ type: [PackTransitionDto], description: 'Oldest first.' })
  transitions!: PackTransitionDto[];

  @ApiProperty({
    enum: PACK_ACTIONS,
    enumName: 'PackAction',
    isArray: true,
    description: 'Actions the caller may take now (a rejection still needs its comment).',
  })
  availableActions!: PackAction[];

  @ApiProperty({
    type: [UnavailablePackActionDto],
    description:
      'Actions the pack’s state offers that the caller may not take, each with the reason ' +
      '(`pack.four_eyes_required`: they wrote or edited it; `pack.curator_required`; `pack.already_expired`).',
  })
  unavailableActions!: UnavailablePackActionDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

/** What the list shows of a pack. */
export class PackSummaryDto extends PickType(PackPropertiesDto, [
  'id',
  'slug',
  'title',
  'summary',
  'destinationUrl',
  'status',
  'origin',
  'networks',
  'locales',
  'publishAt',
  'expireAt',
  'publishedAt',
  'version',
  'createdAt',
  'updatedAt',
] as const) {}

export class PackPageDto extends PageDto(PackSummaryDto) {}

export class PackDto extends OmitType(PackPropertiesDto, ['networks', 'locales'] as const) {
  @ApiProperty({ description: 'Send it back with the next change or action (optimistic locking).' })
  declare version: number;
}
