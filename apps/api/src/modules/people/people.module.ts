import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { JoinController } from './join.controller';
import { JoinService } from './join.service';
import { PeopleController } from './people.controller';
import { MyPasswordController, PasswordResetController } from './passwords.controller';
import { PasswordsService } from './passwords.service';
import { PasswordResetsRepository } from './password-resets.repository';
import { InvitationsRepository } from './invitations.repository';
import { FanSignupsRepository } from './fan-signups.repository';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import { ProvisioningService } from './provisioning.service';
import { OrganisationSignupController, OrganisationSignupOpenGuard } from './organisation-signup.controller';
import { OrganisationSignupService } from './organisation-signup.service';
import { SetupController } from './setup.controller';
import { SetupService } from './setup.service';

@Module({
  imports: [AuditModule, MembersModule, OrganisationsModule],
  controllers: [
    PeopleController,
    InvitationsController,
    JoinController,
    PasswordResetController,
    MyPasswordController,
    SetupController,
    OrganisationSignupController,
  ],
  providers: [
    PeopleService,
    PeopleRepository,
    InvitationsService,
    InvitationsRepository,
    JoinService,
    ProvisioningService,
    OrganisationSignupService,
    OrganisationSignupOpenGuard,
    PasswordsService,
    PasswordResetsRepository,
    FanSignupsRepository,
    SetupService,
  ],
  exports: [PeopleService, ProvisioningService, SetupService],
})
export class PeopleModule {}
