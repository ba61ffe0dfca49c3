import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { Queue } from 'bullmq';
import { QueueName } from '../../infra/queue/queue-name';
import { SecurityModule } from '../../infra/security/security.module';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensRepository } from './api-tokens/api-tokens.repository';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MaintenanceProcessor } from './jobs/maintenance.processor';
import { PURGE_SESSIONS_JOB } from './jobs/purge-sessions.job';
import { LocalStrategy } from './local.strategy';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { PersonTwoStepController, TwoStepController } from './two-step/two-step.controller';
import { TwoStepRepository } from './two-step/two-step.repository';
import { TwoStepService } from './two-step/two-step.service';

@Injectable()
class SessionPurgeSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // One scheduler entry however many replicas start: BullMQ keys it by id.
    await this.queue.upsertJobScheduler(
      PURGE_SESSIONS_JOB,
      { pattern: '17 3 * * *' },
      { name: PURGE_SESSIONS_JOB, data: { graceDays: 30 } },
    );
  }
}

@Module({})
export class AuthModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: AuthModule,
      // Global: invitations and the fan programme start sessions too; the module is registered once.
      global: true,
      imports: [
        PassportModule,
        MembersModule,
        AuditModule,
        SecurityModule,
        BullModule.registerQueue({ name: QueueName.Maintenance }),
      ],
      controllers: [
        AuthController,
        SessionsController,
        TwoStepController,
        PersonTwoStepController,
        ApiTokensController,
      ],
      providers: [
        AuthService,
        ApiTokensService,
        ApiTokensRepository,
        SessionsRepository,
        TwoStepRepository,
        TwoStepService,
        LocalStrategy,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: SessionPurgeSchedule, useClass: SessionPurgeSchedule },
        ...(options.workers ? [MaintenanceProcessor] : []),
      ],
      exports: [AuthService, ApiTokensService],
    };
  }
}
