import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FanProgrammeController } from './fan-programme.controller';
import { FanProgrammeService } from './fan-programme.service';
import { OrganisationSettingsController } from './organisation-settings.controller';
import { OrganisationSettingsService } from './organisation-settings.service';
import { OrganisationsRepository } from './organisations.repository';
import { SharingRulesController } from './sharing-rules.controller';
import { SharingRulesService } from './sharing-rules.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

@Module({
  imports: [AuditModule],
  controllers: [
    OrganisationSettingsController,
    SharingRulesController,
    FanProgrammeController,
    TeamsController,
  ],
  providers: [
    OrganisationSettingsService,
    OrganisationsRepository,
    SharingRulesService,
    FanProgrammeService,
    TeamsService,
    TeamsRepository,
  ],
  exports: [OrganisationSettingsService, OrganisationsRepository, FanProgrammeService, TeamsService],
})
export class OrganisationsModule {}
