import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isTimeZone, QUIET_TIME } from '@heimo/domain';

export const MAX_PUSH_ENDPOINT_LENGTH = 2048;

export class PushKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key: base64url of 65 bytes (`getKey("p256dh")`).' })
  @IsString()
  @MaxLength(200)
  p256dh!: string;

  @ApiProperty({
    description: 'The browser’s authentication secret: base64url of 16 bytes (`getKey("auth")`).',
  })
  @IsString()
  @MaxLength(100)
  auth!: string;
}

/** `PushSubscription.toJSON()` of the browser, less `expirationTime`, which is ignored when sent. */
export class CreatePushSubscriptionDto {
  @ApiProperty({
    maxLength: MAX_PUSH_ENDPOINT_LENGTH,
    description: 'The push service’s https URL for this browser, at a public internet address.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PUSH_ENDPOINT_LENGTH)
  endpoint!: string;

  @ApiProperty({ type: PushKeysDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys!: PushKeysDto;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Ignored: the push service decides.' })
  @IsOptional()
  expirationTime?: number | null;
}

export class UpdatePushSubscriptionDto {
  @ApiProperty({ description: 'False keeps the device listed but sends it nothing.' })
  @IsBoolean()
  enabled!: boolean;
}

export class PushSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The push service’s host (the endpoint itself is not shown).' })
  service!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The browser of the session that turned it on.' })
  browser!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Its operating system.' })
  system!: string | null;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ description: 'This is the device (session) asking.' })
  current!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSentAt!: string | null;
}

export class PushPublicKeyDto {
  @ApiProperty({
    description: 'The VAPID public key, base64url: `applicationServerKey` of `pushManager.subscribe`.',
  })
  publicKey!: string;
}

export class PushSettingsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The member’s IANA time zone; null: the organisation’s.',
  })
  timeZone!: string | null;

  @ApiProperty({ description: 'The organisation’s time zone, used while `timeZone` is null.' })
  organisationTimeZone!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '22:00',
    description: 'Local `HH:MM` from which push messages wait.',
  })
  quietHoursStart!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '07:00',
    description: 'Local `HH:MM` when held messages go out.',
  })
  quietHoursEnd!: string | null;
}

/** Fields left out keep their value; null clears one. */
export class UpdatePushSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Europe/Helsinki' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @ValidateBy({
    name: 'isTimeZone',
    validator: { validate: isTimeZone, defaultMessage: () => 'timeZone must be an IANA time zone' },
  })
  timeZone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '22:00' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @Matches(QUIET_TIME, { message: 'quietHoursStart must be HH:MM' })
  quietHoursStart?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '07:00' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @Matches(QUIET_TIME, { message: 'quietHoursEnd must be HH:MM' })
  quietHoursEnd?: string | null;
}
