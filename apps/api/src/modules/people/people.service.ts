import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction } from '@heimo/domain';
import type { Page } from '../../infra/database/keyset';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { Caller } from '../../infra/http/caller';
import { Member, ROLES, type MemberKind, type Role } from '../members/entities/member.entity';
import { MemberNotFoundError } from '../members/members.errors';
import { TeamsService } from '../organisations/teams.service';
import type { ListPeopleQueryDto, PersonDto, UpdatePersonDto } from './dto/person.dto';
import type { Invitation } from './entities/invitation.entity';
import { PeopleRepository } from './people.repository';
import {
  CannotDeactivateSelfError,
  CannotRemoveOwnAdminError,
  FanRolesError,
  InvalidStatusChangeError,
  LastAdminError,
  ManagedMemberError,
  StaleMemberError,
  UnknownTeamError,
} from './people.errors';

/** Roles in their canonical order, so `['admin','advocate']` and `['advocate','admin']` are one value. */
export function canonicalRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

/** Fans are people outside the company: they may share, never curate, lead or administer. */
export function assertRolesFitKind(roles: readonly Role[], kind: MemberKind): void {
  if (kind === 'fan' && roles.some((role) => role !== 'advocate')) throw new FanRolesError();
}

const memberNotFound = () => new MemberNotFoundError();

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly people: PeopleRepository,
  ) {}

  /** By name, then id; filters combine. */
  async list(organisationId: string, query: ListPeopleQueryDto): Promise<Page<PersonDto>> {
    const page = await this.people.list(organisationId, query, query);
    const invitations = await this.invitationsOf(organisationId, page.items, this.dataSource.manager);
    return { ...page, items: page.items.map((member) => toPersonDto(member, invitations.get(member.id))) };
  }

  async get(organisationId: string, memberId: string, manager?: EntityManager): Promise<PersonDto> {
    const em = manager ?? this.dataSource.manager;
    const member = await findScopedOr404(em, Member, organisationId, memberId, memberNotFound, {
      relations: { team: true },
    });
    const invitations = await this.invitationsOf(organisationId, [member], em);
    return toPersonDto(member, invitations.get(member.id));
  }

  /**
   * Roles, team, status and kind, against the version the admin saw. Deactivating ends the member's
   * sessions in the same transaction. An admin cannot demote or deactivate themselves.
   */
  async update(
    organisationId: string,
    caller: Caller,
    memberId: string,
    change: UpdatePersonDto,
  ): Promise<PersonDto> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.lockForAdminChange(manager, organisationId, memberId);
      if (member.version !== change.version) {
        throw new StaleMemberError(await this.get(organisationId, memberId, manager));
      }
      const self = member.id === caller.memberId;
      const roles = change.roles ? canonicalRoles(change.roles) : member.roles;
      const kind = change.kind ?? member.kind;
      if (self && !roles.includes('admin')) throw new CannotRemoveOwnAdminError();
      if (self && change.status === 'deactivated') throw new CannotDeactivateSelfError();
      if (change.status && change.status !== member.status && member.managedBy)
        throw new ManagedMemberError(member.managedBy);
      assertRolesFitKind(roles, kind);
      if (change.status === 'active' && member.status === 'invited') {
        throw new InvalidStatusChangeError('An invited member becomes active by accepting the invitation.');
      }
      if (change.status === 'active' && member.status === 'deactivated' && !member.passwordHash) {
        throw new InvalidStatusChangeError(
          'This member never set a password (a withdrawn invitation, or erased); invite them instead.',
        );
      }
      if (change.teamId && !(await this.teams.find(organisationId, change.teamId, manager))) {
        throw new UnknownTeamError();
      }

      const wasActiveAdmin = isActiveAdmin(member);
      const events: { action: AuditAction; details: Record<string, unknown> }[] = [];
      if (change.roles && !sameRoles(roles, member.roles)) {
        events.push({ action: 'member.roles_changed', details: { from: member.roles, to: roles } });
        member.roles = roles;
      }
      if (change.kind && change.kind !== member.kind) {
        events.push({ action: 'member.kind_changed', details: { from: member.kind, to: change.kind } });
        member.kind = change.kind;
      }
      if (change.teamId !== undefined && change.teamId !== member.teamId) {
        events.push({ action: 'member.team_changed', details: { from: member.teamId, to: change.teamId } });
        member.teamId = change.teamId;
      }
      if (change.status && change.status !== member.status) {
        events.push({ action: 'member.status_changed', details: { from: member.status, to: change.status } });
        member.status = change.status;
      }
      if (!events.length) return this.get(organisationId, memberId, manager);
      await this.assertKeepsAnAdmin(manager, organisationId, member, wasActiveAdmin);

      await this.people.save(manager, member);
      if (member.status === 'deactivated') {
        await this.auth.revokeAllSessions(organisationId, member.id, 'deactivated', manager);
      }
      for (const event of events) {
        await this.audit.record(
          {
            organisationId,
            actorId: caller.memberId,
            action: event.action,
            target: { type: 'member', id: member.id },
            details: event.details,
          },
          manager,
        );
      }
      return this.get(organisationId, memberId, manager);
    });
  }

  /**
   * The member, locked until the transaction ends, after the organisation's admin lock: two admins
   * demoting, deactivating or erasing each other at once are served one after the other, so the
   * second sees the first's change and cannot leave the organisation without an admin.
   */
  async lockForAdminChange(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
  ): Promise<Member> {
    await this.people.lockAdmins(manager, organisationId);
    return this.lock(manager, organisationId, memberId);
  }

  /** The organisation's admin lock alone (see lockForAdminChange), for changes to several members. */
  lockAdmins(manager: EntityManager, organisationId: string): Promise<void> {
    return this.people.lockAdmins(manager, organisationId);
  }

  /** Refuses a change that would leave the organisation without an active admin (call under the lock). */
  async assertKeepsAnAdmin(
    manager: EntityManager,
    organisationId: string,
    member: Member,
    wasActiveAdmin: boolean,
  ): Promise<void> {
    if (!wasActiveAdmin || isActiveAdmin(member)) return;
    if ((await this.people.otherActiveAdmins(manager, organisationId, member.id)) === 0) {
      throw new LastAdminError();
    }
  }

  /** An admin ends every open session of one of the organisation's members at once; how many ended. */
  async endSessions(organisationId: string, caller: Caller, memberId: string): Promise<number> {
    await findScopedOr404(this.dataSource.manager, Member, organisationId, memberId, memberNotFound, {
      select: { id: true, organisationId: true },
    });
    return this.auth.endAllSessionsOf(caller, memberId);
  }

  /** The member, locked until the transaction ends. */
  lock(manager: EntityManager, organisationId: string, memberId: string): Promise<Member> {
    return lockScopedOr404(manager, Member, organisationId, memberId, memberNotFound);
  }

  private async invitationsOf(
    organisationId: string,
    members: readonly Member[],
    manager: EntityManager,
  ): Promise<Map<string, Invitation>> {
    const invited = members.filter((member) => member.status === 'invited').map((member) => member.id);
    return this.people.invitationsOf(manager, organisationId, invited);
  }
}

function isActiveAdmin(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('admin');
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

export function toPersonDto(member: Member, invitation?: Invitation): PersonDto {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    roles: canonicalRoles(member.roles),
    kind: member.kind,
    status: member.status,
    teamId: member.teamId,
    teamName: member.team?.name ?? null,
    locale: member.locale,
    managedBy: member.managedBy,
    invitation:
      member.status === 'invited' && invitation && !invitation.acceptedAt
        ? { expiresAt: invitation.expiresAt.toISOString(), expired: invitation.expiresAt <= new Date() }
        : null,
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
    version: member.version,
  };
}
