import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';
}

/** What readiness says of a part, publicly: nothing more than whether it is usable. */
export type ReadinessState = 'ok' | 'unavailable';

const STATES: readonly ReadinessState[] = ['ok', 'unavailable'];

export class ReadinessChecksDto {
  @ApiProperty({ enum: STATES, description: 'PostgreSQL answers.' })
  database!: ReadinessState;

  @ApiProperty({
    enum: STATES,
    description: 'Every migration is applied (unavailable without the database).',
  })
  migrations!: ReadinessState;

  @ApiProperty({ enum: STATES, description: 'Redis (the job queues) answers.' })
  queue!: ReadinessState;
}

export class ServiceReadinessDto {
  @ApiProperty({ example: 'ready' })
  status!: 'ready';

  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}
