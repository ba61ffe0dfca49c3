import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { ScimController } from './scim.controller';
import { ScimGroupLinksController } from './scim-group-links.controller';
import { ScimGroupLinksService } from './scim-group-links.service';
import { ScimGroupsService } from './scim-groups.service';
import { ScimTeams } from './scim-teams';
import { ScimTokensController } from './scim-tokens.controller';
import { ScimUsersService } from './scim-users.service';

/** SCIM 2.0 provisioning at /scim/v2 and its tokens at /api/scim-tokens (see README.md). */
@Module({
  imports: [AuditModule, PeopleModule, OrganisationsModule],
  controllers: [ScimController, ScimTokensController, ScimGroupLinksController],
  providers: [ScimUsersService, ScimGroupsService, ScimGroupLinksService, ScimTeams],
})
export class ScimModule {}
