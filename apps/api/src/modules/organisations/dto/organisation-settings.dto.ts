import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISCLOSURE_MAX_LENGTH, isDisclosureSetting } from '@heimo/content';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { LOCALES, type Locale } from '../../members/entities/member.entity';
import {
  FAN_BOARD_SETTINGS,
  UNVERIFIED_SHARE_POLICIES,
  type UnverifiedSharePolicy,
  type FanBoardSetting,
  MAX_AUDIENCE_CEILING,
  MAX_DAILY_CREDITED_SHARES,
  MAX_DAILY_SUGGESTIONS,
  MIN_AUDIENCE_CEILING,
  MIN_DAILY_CREDITED_SHARES,
  MIN_DAILY_SUGGESTIONS,
  NETWORK_IDS,
  isTimeZone,
  type NetworkId,
} from '@heimo/domain';
import {
  MAX_BLOCKED_TERM_LENGTH,
  MAX_BLOCKED_TERMS,
  MAX_CPM_MINOR,
  MAX_POINTS,
  MAX_REQUIRED_TRAINING,
} from '../organisation-settings.defaults';
import { IsPlainName, TrimmedText } from './plain-name';

/** Trimmed, empty entries kept for the validator to name, duplicates (ignoring case) dropped. */
function normaliseTerms({ value }: { value: unknown }): unknown {
  if (!Array.isArray(value)) return value;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const term of value) {
    if (typeof term !== 'string') {
      out.push(term);
      continue;
    }
    const trimmed = term.trim().normalize('NFC');
    const key = trimmed.toLocaleLowerCase('en');
    if (trimmed && seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}

const DISCLOSURE_RULE =
  `a hashtag (# and 1 to 49 letters, digits or _) or a text of at most ${DISCLOSURE_MAX_LENGTH} ` +
  'letters, digits, spaces and punctuation, without a link or #';

/** A member kind's disclosure: trimmed, then `isDisclosureSetting` of @heimo/content. */
const IsDisclosure = () =>
  applyDecorators(
    TrimmedText(),
    ValidateBy({
      name: 'isDisclosure',
      validator: {
        validate: isDisclosureSetting,
        defaultMessage: (args) => `${args?.property ?? 'disclosure'} must be ${DISCLOSURE_RULE}`,
      },
    }),
  );

export class DisclosureRuleDto {
  @ApiProperty({ description: 'A caption must carry its sharer’s kind’s disclosure.' })
  @IsBoolean()
  required!: boolean;

  @ApiProperty({
    example: '#employee',
    maxLength: DISCLOSURE_MAX_LENGTH,
    description: `What employees’ captions carry: ${DISCLOSURE_RULE}.`,
  })
  @ValidateIf((rule: DisclosureRuleDto) => rule.employee !== undefined || rule.hashtag === undefined)
  @IsDisclosure()
  employee!: string;

  @ApiProperty({
    example: '#ad',
    maxLength: DISCLOSURE_MAX_LENGTH,
    description: `What fans’ captions carry: ${DISCLOSURE_RULE}. A request that sends only the deprecated \`hashtag\` may leave it out (it keeps its value).`,
  })
  @ValidateIf((rule: DisclosureRuleDto) => rule.fan !== undefined || rule.hashtag === undefined)
  @IsDisclosure()
  fan!: string;

  @ApiPropertyOptional({
    deprecated: true,
    example: '#employee',
    pattern: '^#[\\p{L}\\p{N}_]{1,49}$',
    description:
      'The one disclosure of before disclosures per member kind: the employees’. Answers carry it equal ' +
      'to `employee`; a request may send it in place of `employee`.',
  })
  @IsOptional()
  @TrimmedText()
  @IsString()
  @Matches(/^#[\p{L}\p{N}_]{1,49}$/u, {
    message: 'hashtag must be # followed by 1 to 49 letters, digits or _',
  })
  hashtag?: string;
}

export class PointsRulesDto {
  @ApiProperty({ minimum: 0, maximum: MAX_POINTS, example: 10 })
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  share!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_POINTS, example: 2 })
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  uniqueClick!: number;

  @ApiProperty({
    minimum: 0,
    maximum: MAX_POINTS,
    example: 100,
    description: 'Click points per share, at most.',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  uniqueClickCapPerShare!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_POINTS, example: 25 })
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  trainingPassed!: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_POINTS,
    example: 15,
    description: 'Earned when a curator accepts a member’s suggested link. Left out: unchanged.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  suggestionAccepted?: number;
}

export class EarnedMediaRateDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  @IsIn(NETWORK_IDS)
  network!: NetworkId;

  @ApiProperty({
    minimum: 0,
    maximum: MAX_CPM_MINOR,
    example: 3000,
    description: 'Cost per thousand impressions in minor units of the currency.',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_CPM_MINOR)
  cpmMinor!: number;
}

export class EarnedMediaRulesDto {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency code.' })
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({
    type: [EarnedMediaRateDto],
    description: 'One rate per network at most; a network left out keeps its default rate.',
  })
  @IsArray()
  @ArrayMaxSize(NETWORK_IDS.length)
  @ArrayUnique((rate: EarnedMediaRateDto) => rate?.network, { message: 'rates may name each network once' })
  @ValidateNested({ each: true })
  @Type(() => EarnedMediaRateDto)
  rates!: EarnedMediaRateDto[];
}

export class SettingsDocumentDto {
  @ApiProperty({ type: DisclosureRuleDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DisclosureRuleDto)
  disclosure!: DisclosureRuleDto;

  @ApiProperty({
    type: [String],
    maxItems: MAX_BLOCKED_TERMS,
    description: `Words a caption may not contain. Trimmed and deduplicated (ignoring case); each 1–${MAX_BLOCKED_TERM_LENGTH} characters.`,
  })
  @Transform(normaliseTerms)
  @IsArray()
  @ArrayMaxSize(MAX_BLOCKED_TERMS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_BLOCKED_TERM_LENGTH, { each: true })
  blockedTerms!: string[];

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NETWORK_IDS.length)
  @ArrayUnique()
  @IsIn(NETWORK_IDS, { each: true })
  enabledNetworks!: NetworkId[];

  @ApiProperty({ type: PointsRulesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PointsRulesDto)
  points!: PointsRulesDto;

  @ApiProperty({ type: EarnedMediaRulesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => EarnedMediaRulesDto)
  earnedMedia!: EarnedMediaRulesDto;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: MAX_REQUIRED_TRAINING,
    description: 'Training modules every advocate must pass before sharing.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_REQUIRED_TRAINING)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  requiredTrainingModuleIds!: string[];

  @ApiProperty({ description: 'A pack needs a second curator’s approval.' })
  @IsBoolean()
  fourEyesApproval!: boolean;

  @ApiProperty({ description: 'The fan-programme join link accepts new fans.' })
  @IsBoolean()
  fanProgrammeOpen!: boolean;

  @ApiPropertyOptional({
    description:
      'Admins must turn on two-step sign-in: until they have, every route but their own profile’s answers 403 ' +
      '`auth.two_step_required`. Answers always carry it; a request that leaves it out keeps the stored value.',
  })
  @IsOptional()
  @IsBoolean()
  requireTwoStepForAdmins?: boolean;

  @ApiPropertyOptional({
    minimum: MIN_DAILY_CREDITED_SHARES,
    maximum: MAX_DAILY_CREDITED_SHARES,
    example: 10,
    description:
      'Credited shares (share points and reach) per member per day in the organisation’s time zone; ' +
      'shares beyond it go out but earn nothing. Left out: unchanged.',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_DAILY_CREDITED_SHARES)
  @Max(MAX_DAILY_CREDITED_SHARES)
  dailyCreditedShares?: number;

  @ApiPropertyOptional({
    minimum: MIN_AUDIENCE_CEILING,
    maximum: MAX_AUDIENCE_CEILING,
    example: 50000,
    description:
      'A self-reported audience above it (per profile) counts at the previous or ceiling value until an ' +
      'admin confirms it. Left out: unchanged.',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_AUDIENCE_CEILING)
  @Max(MAX_AUDIENCE_CEILING)
  audienceCeiling?: number;

  @ApiPropertyOptional({
    enum: FAN_BOARD_SETTINGS,
    enumName: 'FanBoardSetting',
    description:
      'What fans see on the leaderboards and their CSV downloads: `fans_only` (no employees) or ' +
      '`everyone`. Left out: unchanged.',
  })
  @IsOptional()
  @IsIn(FAN_BOARD_SETTINGS)
  fanBoard?: FanBoardSetting;

  @ApiPropertyOptional({
    description: 'Fans may suggest links to the curators (employees always may). Left out: unchanged.',
  })
  @IsOptional()
  @IsBoolean()
  fanSuggestions?: boolean;

  @ApiPropertyOptional({
    minimum: MIN_DAILY_SUGGESTIONS,
    maximum: MAX_DAILY_SUGGESTIONS,
    example: 5,
    description:
      'Links one member may suggest per day in the organisation’s time zone; more answer 429 ' +
      '`suggestion.daily_limit`. Left out: unchanged.',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_DAILY_SUGGESTIONS)
  @Max(MAX_DAILY_SUGGESTIONS)
  dailySuggestions?: number;

  @ApiPropertyOptional({
    enum: UNVERIFIED_SHARE_POLICIES,
    enumName: 'UnverifiedSharePolicy',
    description:
      'A share on a network the member connected earns its points provisionally; when no post with its link ' +
      'is found within 48 hours it keeps them (`keep`) or loses its share points, share and reach (`revoke`). ' +
      'Left out: unchanged.',
  })
  @IsOptional()
  @IsIn(UNVERIFIED_SHARE_POLICIES)
  unverifiedSharePolicy?: UnverifiedSharePolicy;

  @ApiPropertyOptional({
    description:
      '"Post for me": an advocate with an active connection on a network may have Heimo post a share ' +
      'through the connected account, now or at a chosen time. Default off. Left out: unchanged.',
  })
  @IsOptional()
  @IsBoolean()
  postForMe?: boolean;
}

export class OrganisationSettingsDto {
  @ApiProperty({ example: 'Demo' })
  name!: string;

  @ApiProperty({ example: 'Europe/Helsinki', description: 'IANA time zone.' })
  timezone!: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  defaultLocale!: Locale;

  @ApiProperty({ type: SettingsDocumentDto })
  settings!: SettingsDocumentDto;

  @ApiProperty({ example: 3, description: 'Send it back with the next PUT (optimistic locking).' })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class UpdateOrganisationSettingsDto {
  @ApiProperty({ example: 3, description: 'The version this change was made against.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ example: 'Demo', maxLength: 120 })
  @IsPlainName(120)
  name!: string;

  @ApiProperty({ example: 'Europe/Helsinki' })
  @ValidateBy({
    name: 'isTimeZone',
    validator: { validate: isTimeZone, defaultMessage: () => 'timezone must be an IANA time zone' },
  })
  timezone!: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  @IsIn(LOCALES)
  defaultLocale!: Locale;

  @ApiProperty({ type: SettingsDocumentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SettingsDocumentDto)
  settings!: SettingsDocumentDto;
}
