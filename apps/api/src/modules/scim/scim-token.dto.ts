import { API_TOKEN_NAME_MAX_LENGTH } from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export class CreateScimTokenDto {
  @ApiProperty({ example: 'Microsoft Entra ID', maxLength: API_TOKEN_NAME_MAX_LENGTH })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().normalize('NFC') : value,
  )
  @IsString()
  @MinLength(1)
  @MaxLength(API_TOKEN_NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: '$property may not contain control or formatting characters' })
  name!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2027-06-30T00:00:00Z',
    description:
      'When the token stops working (in the future, at most 366 days away); left out or null, it works until revoked.',
  })
  @IsOptional()
  @IsString()
  @Matches(ZONED_TIME, {
    message: '$property must be an ISO 8601 time with an offset, e.g. 2027-06-30T00:00:00Z',
  })
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}
