import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { randomBytes } from 'node:crypto';
import type { Member } from '../members/entities/member.entity';
import type { NewOrganisationDto } from './dto/setup.dto';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService, isUniqueViolation } from './invitations.service';
import { isSlug, MAX_SLUG, type NewOrganisation, slugFromName } from './provisioning-input';

export type ProvisioningResult =
  | {
      readonly created: true;
      readonly organisation: Organisation;
      readonly invitationUrl: string;
      readonly expiresAt: string;
    }
  | { readonly created: false; readonly organisation: Organisation };

/**
 * Organisations made by the operator (`npm run org:create`): the organisation with default settings
 * and its first admin invited, in one transaction. The invitation e-mail is written to the outbox
 * in that transaction and queued once it commits, as every invitation is: the workers send it.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly members: InvitationsRepository,
  ) {}

  /**
   * The organisation (default settings, a slug from its name) and its first admin, active with the
   * given password, with `organisation.created` by that admin: the first run's `/setup` and the web
   * sign-up create organisations through here. The slug gets a random suffix when the name's is
   * taken (`anySlug`), or null is answered.
   */
  async insertWithAdmin(
    manager: EntityManager,
    input: Omit<NewOrganisationDto, 'password'>,
    admin: { readonly email: string; readonly passwordHash: string },
    via: 'setup' | 'signup',
    anySlug: boolean,
  ): Promise<{ organisation: Organisation; admin: Member } | null> {
    const base = slugFromName(input.organisationName);
    const named = isSlug(base) ? base : 'organisation';
    let organisation: Organisation | null = null;
    for (let attempt = 0; !organisation && attempt < (anySlug ? 6 : 1); attempt += 1) {
      const suffix = attempt === 0 ? '' : `-${randomBytes(3).toString('hex')}`;
      organisation = await this.insertOrganisation(manager, {
        name: input.organisationName,
        slug: `${named.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '')}${suffix}`,
        timezone: input.timezone,
        locale: input.locale,
      });
    }
    if (!organisation) return null;
    const member = await this.members.insertMember(manager, {
      organisationId: organisation.id,
      email: admin.email,
      name: input.name,
      roles: ['admin'],
      kind: 'employee',
      status: 'active',
      teamId: null,
      locale: input.locale,
      passwordHash: admin.passwordHash,
    });
    await this.recordCreated(manager, organisation, member.id, via);
    return { organisation, admin: member };
  }

  /**
   * Inserts the organisation with default settings, unless the slug is taken (null then). Both the
   * command and the first run's `/setup` create organisations through here, then {@link recordCreated}.
   */
  insertOrganisation(
    manager: EntityManager,
    input: Pick<NewOrganisation, 'name' | 'slug' | 'timezone' | 'locale'>,
  ): Promise<Organisation | null> {
    return this.organisations.insertIfSlugFree(manager, {
      name: input.name,
      slug: input.slug,
      timezone: input.timezone,
      defaultLocale: input.locale,
      settings: {},
    });
  }

  /** The audit event `organisation.created`, by its first admin (setup) or nobody (the operator's command). */
  recordCreated(
    manager: EntityManager,
    organisation: Organisation,
    actorId: string | null,
    via: 'command' | 'setup' | 'signup',
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: organisation.id,
        actorId,
        action: 'organisation.created',
        target: { type: 'organisation', id: organisation.id },
        details: { via },
      },
      manager,
    );
  }

  /** Creates the organisation, or changes nothing when its slug is taken (`created: false`). */
  async createOrganisation(input: NewOrganisation): Promise<ProvisioningResult> {
    const outcome = await this.dataSource
      .transaction(async (manager) => {
        const organisation = await this.insertOrganisation(manager, input);
        if (!organisation) return null;
        await this.recordCreated(manager, organisation, null, 'command');
        const { invited, emailId } = await this.invitations.inviteWithin(manager, organisation.id, null, {
          email: input.admin,
          roles: ['admin'],
          locale: input.locale,
        });
        return { organisation, invited, emailId };
      })
      .catch((error: unknown) => {
        // Created by another process between our insert's check and its commit: it is there now.
        if (isUniqueViolation(error)) return null;
        throw error;
      });
    if (!outcome) {
      const organisation = await this.organisations.findBySlug(input.slug);
      if (!organisation) throw new Error(`organisation "${input.slug}" neither created nor found`);
      return { created: false, organisation };
    }
    await this.notifications.dispatch([outcome.emailId]);
    return {
      created: true,
      organisation: outcome.organisation,
      invitationUrl: outcome.invited.invitationUrl,
      expiresAt: outcome.invited.expiresAt,
    };
  }

  list() {
    return this.organisations.listWithMemberCounts();
  }
}
