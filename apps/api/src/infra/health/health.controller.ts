import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppError } from '../http/app-error';
import { QueueName } from '../queue/queue-name';
import { Public } from '../http/access.decorators';
import { HealthDto, ServiceReadinessDto } from './health.dto';

const CHECK_TIMEOUT_MS = 2_000;

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('healthz')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The process is alive' })
  @ApiOkResponse({ type: HealthDto })
  alive(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and the queue are reachable and every migration is applied' })
  @ApiOkResponse({ type: ServiceReadinessDto })
  @ApiServiceUnavailableResponse({
    description: 'A part is not ready; `detail` names it (code `health.not_ready`).',
  })
  async ready(): Promise<ServiceReadinessDto> {
    const checks: ServiceReadinessDto['checks'] = { database: 'ok', migrations: 'ok', queue: 'ok' };
    const failures: string[] = [];
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 'PostgreSQL');
      try {
        if (await withTimeout(this.dataSource.showMigrations(), 'PostgreSQL')) {
          checks.migrations = 'pending';
          failures.push('migrations: some migrations are not applied');
        }
      } catch (error) {
        checks.migrations = 'unknown';
        failures.push(`migrations: ${(error as Error).message}`);
      }
    } catch (error) {
      checks.database = 'unreachable';
      checks.migrations = 'unknown';
      failures.push(`database: ${(error as Error).message}`);
    }
    try {
      const client = await withTimeout(this.queue.client, 'Redis');
      await withTimeout((client as unknown as { ping(): Promise<string> }).ping(), 'Redis');
    } catch (error) {
      checks.queue = 'unreachable';
      failures.push(`queue: ${(error as Error).message}`);
    }
    if (failures.length) {
      throw new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'health.not_ready',
        'Not ready',
        failures.join('; '),
        [],
        {},
        { checks },
      );
    }
    return { status: 'ready', checks };
  }
}
