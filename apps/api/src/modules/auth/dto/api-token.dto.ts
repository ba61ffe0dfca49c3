import {
  API_TOKEN_NAME_MAX_LENGTH,
  API_TOKEN_SCOPES,
  type ApiTokenScope,
  GRANTABLE_API_TOKEN_SCOPES,
  type GrantableApiTokenScope,
} from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

/** No control or formatting characters (bidi overrides, zero-width joiners) in a token's name. */
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Power BI weekly report', maxLength: API_TOKEN_NAME_MAX_LENGTH })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().normalize('NFC') : value,
  )
  @IsString()
  @MinLength(1)
  @MaxLength(API_TOKEN_NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: '$property may not contain control or formatting characters' })
  name!: string;

  @ApiProperty({
    enum: GRANTABLE_API_TOKEN_SCOPES,
    enumName: 'GrantableApiTokenScope',
    isArray: true,
    example: ['insights:read'],
    description: 'What the token may do; each route names the one scope it needs.',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(GRANTABLE_API_TOKEN_SCOPES.length)
  @ArrayUnique()
  @IsIn(GRANTABLE_API_TOKEN_SCOPES, { each: true })
  scopes!: GrantableApiTokenScope[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2027-06-30T00:00:00Z',
    description: 'When the token stops working: in the future, at most 366 days from now.',
  })
  @IsString()
  @Matches(ZONED_TIME, {
    message: '$property must be an ISO 8601 time with an offset, e.g. 2027-06-30T00:00:00Z',
  })
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Power BI weekly report' })
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, enumName: 'ApiTokenScope', isArray: true })
  scopes!: ApiTokenScope[];

  @ApiProperty({
    example: 'heimo_3q2-',
    description: 'The first characters of the token, to tell tokens apart.',
  })
  hint!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who created it; null once that member is erased.',
  })
  createdByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was last used, to the minute.',
  })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ enum: ['active', 'expired', 'revoked'] })
  status!: 'active' | 'expired' | 'revoked';
}

export class ApiTokenListDto {
  @ApiProperty({
    type: ApiTokenDto,
    isArray: true,
    description: 'Newest first, revoked and expired included.',
  })
  items!: ApiTokenDto[];
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({
    example: 'heimo_3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
    description: 'The token itself, answered this once: Heimo keeps only its hash.',
  })
  token!: string;
}
