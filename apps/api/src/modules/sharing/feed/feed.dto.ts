import { NETWORK_IDS, type NetworkId, UNCREDITED_REASONS, type UncreditedReason } from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale } from '../../members/entities/member.entity';
import { MEDIA_KINDS, type MediaKind } from '../../media/entities/media-asset.entity';
import { ReadinessDto } from '../../training/dto/training.dto';

/** A media asset as an advocate's client shows and shares it. */
export class MediaRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: '/media/6f1c1a43-0c4e-4a4e-9d55-3c0f3a7b5e11',
    description: 'Address of the bytes, relative to the app’s own origin.',
  })
  url!: string;

  @ApiProperty({
    example: 'A red tulip field under a blue sky',
    description:
      'What the picture shows, written by a curator; empty for media described before descriptions ' +
      'existed (clients then use the pack’s title).',
  })
  altText!: string;

  @ApiProperty({ enum: MEDIA_KINDS, enumName: 'MediaKind', example: 'image' })
  kind!: MediaKind;

  @ApiProperty({ example: 'image/png' })
  mimeType!: string;

  @ApiProperty({ type: Number, nullable: true, example: 1200, description: 'Pixels; null for video.' })
  width!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 627, description: 'Pixels; null for video.' })
  height!: number | null;
}

export class ShareCreditOutlookDto {
  @ApiProperty({ description: 'The next share would be credited (share points and reach).' })
  willCredit!: boolean;

  @ApiProperty({
    enum: UNCREDITED_REASONS,
    enumName: 'UncreditedReason',
    nullable: true,
    description:
      '`repeat`: the member has a credited share of this pack on this network (a new share is recorded, its ' +
      'clicks count under the same click-points cap, but it adds no share points and no reach); `daily_cap`: ' +
      'the member reached the organisation’s credited shares for today.',
  })
  reason!: UncreditedReason | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'With `daily_cap`: when crediting starts again (the next day in the organisation’s time zone).',
  })
  creditResumesAt!: string | null;
}

export class FeedVariantDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId', example: 'linkedin' })
  network!: NetworkId;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale', example: 'en' })
  locale!: Locale;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'For networks with a title (Pinterest, e-mail).',
  })
  title!: string | null;

  @ApiProperty({
    example: 'Our new office opens in Tampere [link] #news #employee',
    description:
      'The caption rendered for this member, with `[link]` where their tracked link will go. Edit it (where the ' +
      'pack allows) and send it back as `caption`; check it live with `validateEditedCaption` of @heimo/content.',
  })
  caption!: string;

  @ApiProperty({ type: [MediaRefDto], description: 'The variant’s media, else the pack’s.' })
  media!: MediaRefDto[];

  @ApiProperty({ description: 'The member has shared this pack on this network.' })
  shared!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSharedAt!: string | null;

  @ApiProperty({
    type: ShareCreditOutlookDto,
    description: 'Whether sharing this pack on this network now would earn share points and reach.',
  })
  credit!: ShareCreditOutlookDto;
}

export class FeedItemDto {
  @ApiProperty({ format: 'uuid' })
  packId!: string;

  @ApiProperty({ example: 'new-office-tampere' })
  slug!: string;

  @ApiProperty({ example: 'Our new office opens in Tampere' })
  title!: string;

  @ApiProperty({ example: 'Two floors by the rapids, open to visitors on Saturday.' })
  summary!: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://example.com/news/tampere' })
  destinationUrl!: string | null;

  @ApiProperty({ type: [String], example: ['news', 'tampere'], description: 'Without the `#`.' })
  hashtags!: string[];

  @ApiProperty({ type: [MediaRefDto] })
  media!: MediaRefDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  publishedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expireAt!: string | null;

  @ApiProperty({ description: 'The member may send their own caption when sharing.' })
  allowCaptionEdit!: boolean;

  @ApiProperty({
    enum: LOCALES,
    enumName: 'Locale',
    description: 'The locale of the variants: the member’s, else the organisation’s default.',
  })
  locale!: Locale;

  @ApiProperty({
    type: [FeedVariantDto],
    description: 'One per enabled network with a variant in `locale`, in the curator’s order.',
  })
  variants!: FeedVariantDto[];
}

export class FeedPageDto {
  @ApiProperty({ type: ReadinessDto, description: 'Whether the member may share now, and what blocks them.' })
  readiness!: ReadinessDto;

  @ApiProperty({ type: [FeedItemDto], description: 'Newest first (published time, then id).' })
  items!: FeedItemDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Opaque; pass it as `cursor` for the next page.',
  })
  nextCursor!: string | null;
}
