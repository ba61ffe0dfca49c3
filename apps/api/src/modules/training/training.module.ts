import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ComplianceService } from './compliance.service';
import { ReadinessController } from './readiness.controller';
import { ReadinessService } from './readiness.service';
import { TrainingModulesController } from './training-modules.controller';
import { TrainingModulesRepository } from './training-modules.repository';
import { TrainingModulesService } from './training-modules.service';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

/** The training capability (its entity is also called TrainingModule, hence the name). */
@Module({
  imports: [AuditModule, OrganisationsModule],
  controllers: [TrainingModulesController, TrainingController, ReadinessController],
  providers: [
    TrainingModulesService,
    TrainingModulesRepository,
    TrainingService,
    TrainingRepository,
    ReadinessService,
    ComplianceService,
  ],
  exports: [ReadinessService, TrainingService],
})
export class TrainingApiModule {}
