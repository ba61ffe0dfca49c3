import {
  NETWORK_IDS,
  type NetworkId,
  type ShareAction,
  UNCREDITED_REASONS,
  type UncreditedReason,
} from '@heimo/domain';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { LOCALES, type Locale } from '../../members/entities/member.entity';

/** Longest edited caption the API reads; every network's own limit is far below it. */
export const MAX_EDITED_CAPTION_LENGTH = 5000;

/** `Idempotency-Key`: 1 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

const MANUAL_SHARE_STEPS = ['copy_caption', 'download_media', 'open_app', 'create_post', 'paste_caption'];

export class CreateShareDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  packId!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId', example: 'linkedin' })
  @IsIn(NETWORK_IDS)
  network!: NetworkId;

  @ApiPropertyOptional({
    maxLength: MAX_EDITED_CAPTION_LENGTH,
    example: 'Proud of this one [link] #employee',
    description:
      'The member’s own caption, only where the pack allows editing: plain text with `[link]` where the ' +
      'tracked link goes (appended when the network needs it and it is missing). Left out: the variant’s caption.',
  })
  // Absent means "the variant's caption"; null is a wrong type, not absence.
  @ValidateIf((body: CreateShareDto) => body.caption !== undefined)
  @IsString()
  @MaxLength(MAX_EDITED_CAPTION_LENGTH)
  caption?: string;
}

export class ShareIntentActionDto {
  @ApiProperty({ enum: ['intent'] })
  kind!: 'intent';

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  networkId!: NetworkId;

  @ApiProperty({ example: 'https://x.com/intent/post?text=…', description: 'Open it in a new tab.' })
  url!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Copy this first where the network will not prefill the caption (LinkedIn, Facebook, XING).',
  })
  clipboardText!: string | null;
}

export class ShareManualActionDto {
  @ApiProperty({ enum: ['manual'] })
  kind!: 'manual';

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  networkId!: NetworkId;

  @ApiProperty({ description: 'Always copied: the member pastes it themselves.' })
  clipboardText!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/media/6f1c1a43-0c4e-4a4e-9d55-3c0f3a7b5e11',
    description: 'The image or video to download and post, relative to the app’s own origin.',
  })
  mediaUrl!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Where to go after copying, if anywhere.' })
  openUrl!: string | null;

  @ApiProperty({ enum: MANUAL_SHARE_STEPS, enumName: 'ManualShareStep', isArray: true })
  steps!: string[];

  @ApiProperty({ description: 'The steps in plain English; clients translate `steps` where they can.' })
  instructions!: string;
}

@ApiExtraModels(ShareIntentActionDto, ShareManualActionDto)
export class ShareResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'aZ3kP9xQ2m' })
  code!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty({ description: 'The final caption, with the tracked link in it.' })
  text!: string;

  @ApiProperty({ example: 'https://heimo.example.com/r/aZ3kP9xQ2m' })
  trackedUrl!: string;

  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(ShareIntentActionDto) }, { $ref: getSchemaPath(ShareManualActionDto) }],
    discriminator: {
      propertyName: 'kind',
      mapping: {
        intent: getSchemaPath(ShareIntentActionDto),
        manual: getSchemaPath(ShareManualActionDto),
      },
    },
    description: 'What the client does: open the intent (copying first where told), or the manual steps.',
  })
  action!: ShareAction;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    description:
      'The share earned share points and reach: the member’s first credited share of the pack on the network, ' +
      'within the organisation’s daily cap. Its link works and its clicks count either way.',
  })
  credited!: boolean;

  @ApiProperty({
    enum: UNCREDITED_REASONS,
    enumName: 'UncreditedReason',
    nullable: true,
    description:
      'Why not: `repeat` (an earlier share of the pack on the network was credited) or `daily_cap`.',
  })
  uncreditedReason!: UncreditedReason | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'With `daily_cap`: when crediting starts again (the next day in the organisation’s time zone).',
  })
  creditResumesAt!: string | null;
}
