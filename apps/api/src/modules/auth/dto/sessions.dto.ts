import { ApiProperty } from '@nestjs/swagger';

/** One open sign-in of the member, as their profile lists it. */
export class SessionSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Firefox 128',
    description: 'Null when not recognised.',
  })
  browser!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Windows', description: 'Null when not recognised.' })
  system!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When they signed in.' })
  createdAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Last request or refresh, to the minute (it is not written on every request).',
  })
  lastUsedAt!: string;

  @ApiProperty({ description: 'The session this request was made with.' })
  current!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: SessionSummaryDto, isArray: true, description: 'Most recently used first.' })
  items!: SessionSummaryDto[];
}

export class EndedSessionsDto {
  @ApiProperty({ example: 2, description: 'How many sessions ended.' })
  ended!: number;
}
