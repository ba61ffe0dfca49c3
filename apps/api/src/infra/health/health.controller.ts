import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppError } from '../http/app-error';
import { QueueName } from '../queue/queue-name';
import { Public } from '../http/access.decorators';
import { HealthDto, type ReadinessChecksDto, ServiceReadinessDto } from './health.dto';

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

/**
 * PostgreSQL answers, every migration is applied, Redis answers: each part `ok` or `unavailable`,
 * with the reasons (for the log only). Readiness answers it, and the metrics (`heimo_ready`).
 */
export async function readinessChecks(
  dataSource: DataSource,
  queue: Queue,
): Promise<{ checks: ReadinessChecksDto; reasons: string[] }> {
  const checks: ReadinessChecksDto = { database: 'ok', migrations: 'ok', queue: 'ok' };
  const reasons: string[] = [];
  const unavailable = (part: keyof ReadinessChecksDto, reason: string) => {
    checks[part] = 'unavailable';
    reasons.push(`${part}: ${reason}`);
  };
  try {
    await withTimeout(dataSource.query('SELECT 1'), 'PostgreSQL');
    try {
      if (await withTimeout(dataSource.showMigrations(), 'PostgreSQL'))
        unavailable('migrations', 'some migrations are not applied');
    } catch (error) {
      unavailable('migrations', (error as Error).message);
    }
  } catch (error) {
    unavailable('database', (error as Error).message);
    unavailable('migrations', 'unknown without the database');
  }
  try {
    const client = await withTimeout(queue.client, 'Redis');
    await withTimeout((client as unknown as { ping(): Promise<string> }).ping(), 'Redis');
  } catch (error) {
    unavailable('queue', (error as Error).message);
  }
  return { checks, reasons };
}

/**
 * Liveness and readiness. Readiness is public (load balancers and orchestrators ask without signing
 * in), so it says per part only `ok` or `unavailable`; why a part is unavailable (a driver's error
 * text names hosts, ports and users) goes to the log alone.
 */
@ApiTags('health')
@Public()
@Controller('healthz')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

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
    description:
      'A part is not ready (code `health.not_ready`): `checks` says `unavailable` for it and `detail` names it; the reason is logged, never answered.',
  })
  async ready(): Promise<ServiceReadinessDto> {
    const { checks, reasons } = await readinessChecks(this.dataSource, this.queue);
    if (reasons.length) {
      this.logger.warn(`Not ready: ${reasons.join('; ')}`);
      const parts = Object.keys(checks).filter((part) => checks[part as keyof ReadinessChecksDto] !== 'ok');
      throw new AppError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'health.not_ready',
        'Not ready',
        `Unavailable: ${parts.join(', ')}.`,
        [],
        {},
        { checks },
      );
    }
    return { status: 'ready', checks };
  }
}
