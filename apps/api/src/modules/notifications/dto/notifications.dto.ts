import { EMAIL_KINDS, type EmailKind } from '@heimo/content';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Optional, but never null: a field left out keeps its value; null is refused. */
const Optional = () => ValidateIf((_, value) => value !== undefined);
import { PageQueryDto } from '../../../infra/http/keyset-page';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/notification-delivery.entity';
import { PACK_ALERT_FREQUENCIES, type PackAlertFrequency } from '../entities/notification-preference.entity';
import { UNSUBSCRIBE_TOPICS, type UnsubscribeTopic } from '../unsubscribe-token';
import { PageDto } from '../../../infra/http/page.dto';

export class NotificationPreferencesDto {
  @ApiProperty({
    enum: PACK_ALERT_FREQUENCIES,
    description: 'New packs for the member: one e-mail each, a daily or a weekly digest, or none.',
  })
  packAlerts!: PackAlertFrequency;

  @ApiProperty({ description: 'Reminders when required training expires soon, has expired or is outdated.' })
  trainingReminders!: boolean;

  @ApiProperty({ description: 'Leaders: the week’s figures every Monday.' })
  weeklySummary!: boolean;

  @ApiProperty({
    description:
      'Curators: packs submitted for their review, and the approval or rejection of packs they wrote.',
  })
  reviewAlerts!: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({ enum: PACK_ALERT_FREQUENCIES })
  @Optional()
  @IsIn(PACK_ALERT_FREQUENCIES)
  packAlerts?: PackAlertFrequency;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  trainingReminders?: boolean;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  weeklySummary?: boolean;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  reviewAlerts?: boolean;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the e-mail’s link.' })
  @IsString()
  @MaxLength(300)
  token!: string;
}

export class UnsubscribePreviewDto {
  @ApiProperty({ enum: UNSUBSCRIBE_TOPICS })
  topic!: UnsubscribeTopic;

  @ApiProperty({ example: 'Demo' })
  organisationName!: string;

  @ApiProperty({ type: NotificationPreferencesDto })
  preferences!: NotificationPreferencesDto;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: EMAIL_KINDS })
  kind!: EmailKind;

  @ApiProperty({ example: 'aino@example.com' })
  recipient!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  memberId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Set once the message is rendered.' })
  subject!: string | null;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ description: 'True when the message is in the local outbox (no SMTP server configured).' })
  inOutbox!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;
}

export class DeliveryPageDto extends PageDto(DeliveryDto) {}

export class OutboxMessageDto {
  @ApiProperty({ example: 'Heimo <no-reply@heimo.localhost>' })
  from!: string;

  @ApiProperty({ example: 'aino@example.com' })
  to!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ description: 'The HTML part, as sent. Show it sandboxed.' })
  html!: string;

  @ApiProperty({ description: 'The plain-text part, as sent.' })
  text!: string;

  @ApiProperty({ description: 'The one-click unsubscribe URL of the List-Unsubscribe header.' })
  listUnsubscribe!: string;
}
