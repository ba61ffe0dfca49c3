import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PeopleModule } from '../people/people.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { TrainingApiModule } from '../training/training.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyRepository } from './privacy.repository';
import { PrivacyService } from './privacy.service';

@Module({
  imports: [AuditModule, PeopleModule, ProfilesModule, TrainingApiModule, SuggestionsModule],
  controllers: [PrivacyController],
  providers: [PrivacyService, PrivacyRepository],
})
export class PrivacyModule {}
