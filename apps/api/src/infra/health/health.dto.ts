import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';
}

export class ReadinessChecksDto {
  @ApiProperty({ enum: ['ok', 'unreachable'] })
  database!: 'ok' | 'unreachable';

  @ApiProperty({ enum: ['ok', 'pending', 'unknown'] })
  migrations!: 'ok' | 'pending' | 'unknown';

  @ApiProperty({ enum: ['ok', 'unreachable'] })
  queue!: 'ok' | 'unreachable';
}

export class ServiceReadinessDto {
  @ApiProperty({ example: 'ready' })
  status!: 'ready';

  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}
