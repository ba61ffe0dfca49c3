import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FanProgrammeController } from './fan-programme.controller';
import { FanProgrammeService } from './fan-programme.service';
import { OrganisationSettingsController } from './organisation-settings.controller';
import { OrganisationSettingsService } from './organisation-settings.service';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

@Module({
  imports: [AuditModule],
  controllers: [OrganisationSettingsController, FanProgrammeController, TeamsController],
  providers: [OrganisationSettingsService, FanProgrammeService, TeamsService],
  exports: [OrganisationSettingsService, FanProgrammeService, TeamsService],
})
export class OrganisationsModule {}
