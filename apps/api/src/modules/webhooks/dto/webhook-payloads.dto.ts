import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@heimo/domain';

/*
 * The JSON bodies webhook endpoints receive. Stable: fields are only ever added. Every body is
 * `{ type, timestamp, organisationId, data }`; `data` carries ids (look people and packs up through
 * the API), never an e-mail address or a password.
 */

export class WebhookPackPublishedData {
  @ApiProperty({ format: 'uuid' }) packId!: string;
  @ApiProperty({ example: 'Spring campaign' }) title!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expireAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://example.com/spring' })
  destinationUrl!: string | null;
}

export class WebhookPackExpiredData {
  @ApiProperty({ format: 'uuid' }) packId!: string;
  @ApiProperty({ example: 'Spring campaign' }) title!: string;
  @ApiProperty({ format: 'date-time' }) expiredAt!: string;
}

export class WebhookShareCreatedData {
  @ApiProperty({ format: 'uuid' }) shareId!: string;
  @ApiProperty({ format: 'uuid' }) packId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ example: 'linkedin' }) network!: string;
  @ApiProperty({ description: 'Whether the share counts on the boards (a repeat share may not).' })
  credited!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookMemberJoinedData {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: ['employee', 'fan'] }) kind!: string;
  @ApiProperty({ enum: ['invitation', 'fan_signup'], description: 'How they joined.' }) via!: string;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class WebhookMemberReadyData {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the last training required of them was completed, so that they may share.',
  })
  readyAt!: string;
}

export class WebhookTrainingCompletedData {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty({ example: 2, description: 'The module version completed.' }) version!: number;
  @ApiProperty({ enum: ['course', 'policy'], description: 'A passed quiz, or an accepted policy.' })
  kind!: string;
  @ApiProperty({ type: Number, nullable: true, example: 90, description: 'Percent; null for a policy.' })
  score!: number | null;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
}

export interface WebhookEventData {
  'pack.published': WebhookPackPublishedData;
  'pack.expired': WebhookPackExpiredData;
  'share.created': WebhookShareCreatedData;
  'member.joined': WebhookMemberJoinedData;
  'member.ready': WebhookMemberReadyData;
  'training.completed': WebhookTrainingCompletedData;
}

const DATA_CLASSES = {
  'pack.published': WebhookPackPublishedData,
  'pack.expired': WebhookPackExpiredData,
  'share.created': WebhookShareCreatedData,
  'member.joined': WebhookMemberJoinedData,
  'member.ready': WebhookMemberReadyData,
  'training.completed': WebhookTrainingCompletedData,
} as const satisfies Record<WebhookEventType, new () => object>;

function envelope<T extends WebhookEventType>(type: T) {
  const name = type
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  class Envelope {
    @ApiProperty({ enum: [type], description: 'The event.' }) type!: T;
    @ApiProperty({ format: 'date-time', description: 'When it happened.' }) timestamp!: string;
    @ApiProperty({ format: 'uuid' }) organisationId!: string;
    @ApiProperty({ type: DATA_CLASSES[type] }) data!: WebhookEventData[T];
  }
  Object.defineProperty(Envelope, 'name', { value: `Webhook${name}Event` });
  return Envelope;
}

/** One schema per event (`WebhookPackPublishedEvent`, …), for the OpenAPI components. */
export const WEBHOOK_PAYLOAD_SCHEMAS = WEBHOOK_EVENT_TYPES.map((type) => envelope(type));

/** The body of a delivery. */
export interface WebhookBody<T extends WebhookEventType = WebhookEventType> {
  readonly type: T;
  readonly timestamp: string;
  readonly organisationId: string;
  readonly data: WebhookEventData[T];
}
