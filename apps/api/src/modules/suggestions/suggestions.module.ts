import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LinkPreviewsModule } from '../link-previews/link-previews.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsRepository } from './suggestions.repository';
import { SuggestionsService } from './suggestions.service';

/**
 * Links members suggest and the curators' queue. `PacksService` and `NotificationsService` come from
 * their global modules.
 */
@Module({
  imports: [AuditModule, LinkPreviewsModule, OrganisationsModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsService, SuggestionsRepository],
  exports: [SuggestionsRepository],
})
export class SuggestionsModule {}
