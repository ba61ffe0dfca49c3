import { MAX_ALT_TEXT_LENGTH } from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { MEDIA_KINDS, type MediaKind } from '../entities/media-asset.entity';
import { SUPPORTED_CONTENT_TYPES } from '../media-sniffer';

/** The multipart form of an upload: one file part named `file`, and no other field. */
export class UploadMediaDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'The image (JPEG, PNG, WebP, GIF) or video (MP4, QuickTime, WebM). Its type is read from its bytes; the name and declared type are ignored.',
  })
  // The file part is read by the upload interceptor, not from the body; a text field of that name is ignored.
  @IsOptional()
  file?: unknown;
}

export class MediaAssetDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MEDIA_KINDS, enumName: 'MediaKind', example: 'image' })
  kind!: MediaKind;

  @ApiProperty({
    enum: SUPPORTED_CONTENT_TYPES,
    enumName: 'MediaContentType',
    example: 'image/png',
    description: 'Read from the bytes, not from the file name or the declared type.',
  })
  contentType!: string;

  @ApiProperty({ example: 48213, description: 'Size of the file in bytes.' })
  bytes!: number;

  @ApiProperty({ type: Number, nullable: true, example: 1200, description: 'Pixels; null for video.' })
  width!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 627, description: 'Pixels; null for video.' })
  height!: number | null;

  @ApiProperty({ example: 'launch-banner.png', description: 'The uploader’s file name, for display only.' })
  originalName!: string;

  @ApiProperty({
    example: 'A red tulip field under a blue sky',
    maxLength: MAX_ALT_TEXT_LENGTH,
    description:
      'What the picture shows, for people who cannot see it; empty until a curator describes it. ' +
      'A pack cannot be submitted for review while one of its images has none.',
  })
  altText!: string;

  @ApiProperty({
    example: '/media/6f1c1a43-0c4e-4a4e-9d55-3c0f3a7b5e11',
    description:
      'Address of the bytes, relative to the app’s own origin (the web client shows it from wherever it is ' +
      'opened). Share intents and e-mails carry the absolute address on `PUBLIC_URL`.',
  })
  url!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a feed import.' })
  createdById!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** A new description of a picture (its alternative text). */
export class DescribeMediaDto {
  @ApiProperty({
    example: 'A red tulip field under a blue sky',
    maxLength: MAX_ALT_TEXT_LENGTH,
    description:
      `What the picture shows, for people who cannot see it; at most ${MAX_ALT_TEXT_LENGTH} characters ` +
      'after white space is collapsed and invisible characters removed. Empty: not described.',
  })
  @IsString()
  altText!: string;
}
