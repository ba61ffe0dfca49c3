import { NETWORK_IDS, type NetworkId } from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../../infra/http/page.dto';
import { ShareEngagementDto, ShareVerificationDto } from '../../connections/dto/share-outcome.dto';
import { SharePostDto } from '../../connections/dto/share-post.dto';

export class MyShareDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  packId!: string;

  @ApiProperty({ example: 'Our new office opens in Tampere' })
  packTitle!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId', example: 'linkedin' })
  network!: NetworkId;

  @ApiProperty({ example: 'aZ3kP9xQ2m' })
  code!: string;

  @ApiProperty({ example: 'https://heimo.example.com/r/aZ3kP9xQ2m' })
  trackedUrl!: string;

  @ApiProperty({ description: 'The text that was shared.' })
  text!: string;

  @ApiProperty({ description: 'Audience size on the network when shared (the share’s reach).', example: 480 })
  audienceSize!: number;

  @ApiProperty({ description: 'Human clicks (previews and bots excluded).', example: 12 })
  clicks!: number;

  @ApiProperty({ description: 'Distinct visitors per 24 hours.', example: 9 })
  uniqueClicks!: number;

  @ApiProperty({
    description: 'Visits by link-preview fetchers, crawlers, scanners and prefetches.',
    example: 4,
  })
  previews!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: ShareVerificationDto,
    nullable: true,
    description:
      'Whether the post this share made on a connected account (Bluesky, Mastodon) was found; null for a ' +
      'share on a network the member had not connected.',
  })
  verification!: ShareVerificationDto | null;

  @ApiProperty({
    type: ShareEngagementDto,
    nullable: true,
    description:
      'The verified post’s likes, reposts (boosts), replies and quotes at the latest collection (a deleted post ' +
      'keeps its last figures); null before the first collection and for shares not verified.',
  })
  engagement!: ShareEngagementDto | null;
}

/** A share as `GET /api/me/shares` lists it: with its "post for me" job. */
export class MyShareItemDto extends MyShareDto {
  @ApiProperty({
    type: SharePostDto,
    nullable: true,
    description:
      'The share’s “post for me” job (scheduled, posting, posted, failed or cancelled); null when Heimo was ' +
      'never asked to post it.',
  })
  post!: SharePostDto | null;
}

export class MySharePageDto extends PageDto(MyShareItemDto) {}
