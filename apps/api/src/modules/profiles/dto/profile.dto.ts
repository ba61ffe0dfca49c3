import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIENCE_PENDING_REASONS,
  type AudiencePendingReason,
  MAX_AUDIENCE_CEILING,
  NETWORK_IDS,
  type NetworkId,
  isNetworkId,
} from '@heimo/domain';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { TrimmedText } from '../../organisations/dto/plain-name';

export const MAX_HANDLE_LENGTH = 100;
export const MAX_AUDIENCE_SIZE = MAX_AUDIENCE_CEILING;
/** The pending confirmations listed at most (oldest first). */
export const MAX_PENDING_AUDIENCES = 500;
/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const IsHandle = () =>
  applyDecorators(
    TrimmedText(),
    IsString(),
    MinLength(1),
    MaxLength(MAX_HANDLE_LENGTH),
    ValidateBy({
      name: 'isPlainHandle',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !HIDDEN_CHARACTERS.test(value),
        defaultMessage: () => 'handle must not contain control or invisible formatting characters',
      },
    }),
  );

const IsAudienceSize = () => applyDecorators(IsInt(), Min(0), Max(MAX_AUDIENCE_SIZE));

export class CreateProfileDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId', example: 'linkedin' })
  @ValidateBy({
    name: 'isNetworkId',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isNetworkId(value),
      defaultMessage: () => `network must be one of: ${NETWORK_IDS.join(', ')}`,
    },
  })
  network!: NetworkId;

  @ApiProperty({ minLength: 1, maxLength: MAX_HANDLE_LENGTH, example: '@aino' })
  @IsHandle()
  handle!: string;

  @ApiProperty({
    minimum: 0,
    maximum: MAX_AUDIENCE_SIZE,
    example: 1200,
    description: 'Followers or connections.',
  })
  @IsAudienceSize()
  audienceSize!: number;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_HANDLE_LENGTH, example: '@aino' })
  @IsOptional()
  @IsHandle()
  handle?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_AUDIENCE_SIZE, example: 1300 })
  @IsOptional()
  @IsAudienceSize()
  audienceSize?: number;
}

export class ProfileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ example: '@aino' })
  handle!: string;

  @ApiProperty({
    example: 1200,
    description:
      'The audience that counts (a share’s reach snapshots it): as reported, or while a report waits for an ' +
      'admin’s confirmation, the previous size (a new profile: the organisation’s ceiling).',
  })
  audienceSize!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description:
      'A reported size waiting for an admin’s confirmation: above the ceiling, or grown more than twofold within 30 days.',
  })
  pendingAudienceSize!: number | null;

  @ApiProperty({ enum: AUDIENCE_PENDING_REASONS, enumName: 'AudiencePendingReason', nullable: true })
  pendingReason!: AudiencePendingReason | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the audience was last read from the network through the member’s connected account: it is then ' +
      'the follower count, verified, and changing it by hand is refused (`profile.audience_verified`). Null: self-reported.',
  })
  audienceVerifiedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class ProfileListDto {
  @ApiProperty({ type: [ProfileDto], description: 'At most one per network, by network.' })
  items!: ProfileDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Always null: the list is bounded by the networks.',
  })
  nextCursor!: string | null;
}

export class AudienceSizeRecordDto {
  @ApiProperty({ example: 1200 })
  audienceSize!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
}

/** A profile with every audience size it has had, for the member's own data export. */
export class ProfileRecordDto extends ProfileDto {
  @ApiProperty({ type: [AudienceSizeRecordDto], description: 'Oldest first.' })
  audienceHistory!: AudienceSizeRecordDto[];
}

export class PendingAudienceDto {
  @ApiProperty({ format: 'uuid' })
  profileId!: string;

  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty({ example: 'Aino Advocate' })
  memberName!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ example: '@aino' })
  handle!: string;

  @ApiProperty({ example: 1200, description: 'What the profile counts now.' })
  audienceSize!: number;

  @ApiProperty({ example: 250000, description: 'What the member reported; confirm this number.' })
  pendingAudienceSize!: number;

  @ApiProperty({ enum: AUDIENCE_PENDING_REASONS, enumName: 'AudiencePendingReason' })
  reason!: AudiencePendingReason;

  @ApiProperty({ type: String, format: 'date-time' })
  reportedAt!: string;
}

export class PendingAudienceListDto {
  @ApiProperty({ type: [PendingAudienceDto], description: `Oldest first, at most ${MAX_PENDING_AUDIENCES}.` })
  items!: PendingAudienceDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null.' })
  nextCursor!: string | null;
}

export class ConfirmAudienceDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_AUDIENCE_SIZE,
    example: 250000,
    description: 'The pending size being confirmed, as listed (a changed report is a 409).',
  })
  @IsAudienceSize()
  audienceSize!: number;
}
