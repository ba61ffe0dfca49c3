import { ApiProperty } from '@nestjs/swagger';

export const SHARE_VERIFICATION_STATUSES = ['pending', 'verified', 'unverified'] as const;
export type ShareVerificationStatus = (typeof SHARE_VERIFICATION_STATUSES)[number];

/** Whether the post a share made on a connected network was found. */
export class ShareVerificationDto {
  @ApiProperty({
    enum: SHARE_VERIFICATION_STATUSES,
    enumName: 'ShareVerificationStatus',
    description:
      '`pending` while Heimo still looks for the post that carries the tracked link (up to 48 hours), ' +
      '`verified` once found, `unverified` when it was not found in time.',
  })
  status!: ShareVerificationStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://bsky.app/profile/aino.bsky.social/post/3kabc',
    description: 'The post on the network; null until verified.',
  })
  postUrl!: string | null;

  @ApiProperty({ description: 'True once the post was deleted on the network (its last figures are kept).' })
  postDeleted!: boolean;
}

/** A verified post's engagement at its latest collection (1 hour, 1 day and 7 days after it was found). */
export class ShareEngagementDto {
  @ApiProperty({ example: 7 })
  likes!: number;

  @ApiProperty({ example: 2, description: 'Reposts (Bluesky) or boosts (Mastodon).' })
  reposts!: number;

  @ApiProperty({ example: 1 })
  replies!: number;

  @ApiProperty({ example: 1 })
  quotes!: number;

  @ApiProperty({ example: 11, description: 'likes + reposts + replies + quotes.' })
  total!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'When the figures were collected; a deleted post keeps those of its last collection.',
  })
  collectedAt!: string;
}
