import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AudienceConfirmationsController } from './audience-confirmations.controller';
import { ProfilesController } from './profiles.controller';
import { ProfilesRepository } from './profiles.repository';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [AuditModule],
  controllers: [ProfilesController, AudienceConfirmationsController],
  providers: [ProfilesService, ProfilesRepository],
  exports: [ProfilesService],
})
export class ProfilesModule {}
