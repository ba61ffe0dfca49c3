import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NETWORK_IDS, type NetworkId, isNetworkId } from '@heimo/domain';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { TrimmedText } from '../../organisations/dto/plain-name';

export const MAX_HANDLE_LENGTH = 100;
export const MAX_AUDIENCE_SIZE = 2_000_000_000;
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

  @ApiProperty({ example: 1200 })
  audienceSize!: number;

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
