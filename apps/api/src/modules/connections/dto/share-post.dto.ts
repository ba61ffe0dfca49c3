import { POST_JOB_STATUSES, type PostJobStatus } from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class SchedulePostDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When to post (ISO 8601 with a time zone), at most 30 days ahead and not in the past. Left out: now.',
    example: '2026-12-24T09:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

/** A share's post job ("post for me"). */
export class SharePostDto {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ example: 'bluesky' })
  network!: string;

  @ApiProperty({
    enum: POST_JOB_STATUSES,
    enumName: 'SharePostStatus',
    description:
      '`scheduled` (waiting for `scheduledAt`), `posting` (being sent, or waiting to try again: `errorCode` ' +
      'says why), `posted`, `failed` (`errorCode`), `cancelled`.',
  })
  status!: PostJobStatus;

  @ApiProperty({ format: 'date-time' })
  scheduledAt!: string;

  @ApiProperty({ description: 'Attempts made so far.' })
  attempts!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why the last attempt failed: `unauthorized` (connect again), `rate_limited` / `unavailable` (retried ' +
      'automatically while `posting`), `rejected`, `not_found`, `no_connection`, `broken`, `no_adapter`, ' +
      '`disabled` (the organisation turned "post for me" off), `member_deactivated`, `queue_unavailable`, `internal`.',
  })
  errorCode!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  failedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The network’s id for the post.' })
  postId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The post’s public page.' })
  postUrl!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  postedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt!: string | null;
}
