import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { ValidationError } from '../../infra/http/app-error';
import { AuditService } from '../audit/audit.service';
import { WebhookEvents } from '../webhooks/webhook-events';
import { SsoRequiredError } from '../auth/auth.errors';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import type { Caller } from '../../infra/http/caller';
import { hashPassword } from '../auth/password-hasher';
import type { Locale, Member } from '../members/entities/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { TeamsService } from '../organisations/teams.service';
import type {
  AcceptInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  InviteDto,
} from './dto/invitation.dto';
import type { Invitation } from './entities/invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { assertAcceptablePassword } from './password-policy';
import { assertRolesFitKind, canonicalRoles, PeopleService } from './people.service';
import {
  EmailTakenError,
  ManagedMemberError,
  InvitationExpiredError,
  InvitationNotFoundError,
  InvitationUsedError,
  UnknownTeamError,
} from './people.errors';

export const INVITATION_TTL_DAYS = 7;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly teams: TeamsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly invitations: InvitationsRepository,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * Adds an `invited` member with a single-use link valid for seven days. Inviting an address that
   * is still invited (or whose invitation was withdrawn) updates the invitee and replaces the link;
   * an address in use answers 409.
   */
  async invite(organisationId: string, caller: Caller, input: InviteDto): Promise<InvitationDto> {
    try {
      const { invited, emailId } = await this.dataSource.transaction((manager) =>
        this.inviteWithin(manager, organisationId, caller.memberId, input),
      );
      await this.notifications.dispatch([emailId]);
      return invited;
    } catch (error) {
      // Two admins inviting one address at once: the unique index decides.
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  /**
   * The invitation inside the caller's transaction: the member, the link and its e-mail row. The
   * caller queues the e-mail (`NotificationsService.dispatch`) once the transaction has committed.
   * `inviterId` is null when nobody signed in invites (an operator's `org:create`).
   */
  async inviteWithin(
    manager: EntityManager,
    organisationId: string,
    inviterId: string | null,
    input: InviteDto,
  ): Promise<{ invited: InvitationDto; emailId: string | null }> {
    const roles = canonicalRoles(input.roles ?? ['advocate']);
    const kind = input.kind ?? 'employee';
    assertRolesFitKind(roles, kind);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
    if (input.teamId && !(await this.teams.find(organisationId, input.teamId, manager))) {
      throw new UnknownTeamError();
    }
    const existing = await this.invitations.lockMemberByEmail(manager, organisationId, input.email);
    // Re-inviting would set the name and status the identity provider keeps.
    if (existing?.managedBy) throw new ManagedMemberError(existing.managedBy);
    // Still invited, or an invitation withdrawn before it was accepted: invite (again).
    const reinvitable = !existing || existing.status === 'invited' || !existing.passwordHash;
    if (!reinvitable) throw new EmailTakenError();
    const member = existing ?? this.invitations.newMember(manager, organisationId, input.email);
    member.status = 'invited';
    member.name = input.name ?? existing?.name ?? '';
    member.roles = roles;
    member.kind = kind;
    member.teamId = input.teamId !== undefined ? input.teamId : (existing?.teamId ?? null);
    member.locale = input.locale ?? existing?.locale ?? (await this.defaultLocale(manager, organisationId));
    member.passwordHash = null;
    const saved = await this.invitations.saveMember(manager, member);
    await this.invitations.replaceInvitation(manager, {
      organisationId,
      memberId: saved.id,
      tokenHash: sha256(token),
      invitedByMemberId: inviterId,
      expiresAt,
    });
    await this.audit.record(
      {
        organisationId,
        actorId: inviterId,
        action: 'member.invited',
        target: { type: 'member', id: saved.id },
        details: { roles, kind, teamId: saved.teamId, again: Boolean(existing) },
      },
      manager,
    );
    const invitationUrl = `${this.config.publicUrl}/invite/${token}`;
    const inviterName = inviterId
      ? await this.invitations.memberName(manager, organisationId, inviterId)
      : null;
    // An earlier invitation e-mail not sent yet would carry a dead link: it is not sent.
    await this.notifications.withdrawInvitationEmails(manager, organisationId, saved.id);
    // One e-mail per invitation (the token is new each time); the link leaves the row once sent.
    const emailId = await this.notifications.enqueue(manager, {
      organisationId,
      memberId: saved.id,
      kind: 'invitation',
      dedupeKey: `invitation:${sha256(token)}`,
      recipient: saved.email,
      locale: saved.locale,
      data: {
        name: saved.name,
        inviterName: inviterName ?? '',
        // Not shown: lets an erasure of the inviter find the invitations they sent.
        ...(inviterId ? { inviterId } : {}),
        invitationUrl,
        expiresAt: new Intl.DateTimeFormat(saved.locale === 'fi' ? 'fi-FI' : 'en-GB', {
          dateStyle: 'long',
          timeZone: 'UTC',
        }).format(expiresAt),
      },
      secretKeys: ['invitationUrl'],
    });
    return {
      invited: {
        member: await this.people.get(organisationId, saved.id, manager),
        invitationUrl,
        expiresAt: expiresAt.toISOString(),
      },
      emailId,
    };
  }

  /** What the invitation page shows before the invitee sets a password. */
  async preview(token: string): Promise<InvitationPreviewDto> {
    const { invitation, member } = await this.findUsable(token, this.dataSource.manager);
    const organisation = await this.invitations.organisation(invitation.organisationId);
    return {
      organisationName: organisation.name,
      email: member.email,
      name: member.name,
      expiresAt: invitation.expiresAt.toISOString(),
      singleSignOnUrl: await this.singleSignOnUrl(member),
    };
  }

  /**
   * Where an invitee whose address must sign in through the organisation's provider (a verified
   * domain that requires single sign-on, not a break-glass admin) starts; undefined for the others.
   * Signing in there links the provider's identity to the invited member and accepts the invitation.
   */
  private async singleSignOnUrl(member: Member): Promise<string | null> {
    if ((await this.auth.passwordAllowed(member.email, [member])).length) return null;
    return `/api/auth/sso/start?${new URLSearchParams({ email: member.email, returnTo: '/' }).toString()}`;
  }

  /** Activates the invitee with their password and signs them in. The token works once. */
  async accept(input: AcceptInvitationDto, userAgent?: string): Promise<IssuedTokens> {
    const usable = await this.findUsable(input.token, this.dataSource.manager).catch(
      (error: unknown) => error,
    );
    // No password for an address that must sign in through its provider, whatever the password.
    if (!(usable instanceof Error)) {
      const startUrl = await this.singleSignOnUrl((usable as { member: Member }).member);
      if (startUrl) throw new SsoRequiredError(startUrl);
    }
    assertAcceptablePassword(input.password);
    if (usable instanceof Error) throw usable;
    const { member } = usable as { member: Member };
    const name = input.name ?? member.name;
    if (!name) {
      throw new ValidationError([
        {
          field: 'name',
          code: 'validation.isNotEmpty',
          message: 'name is required: the invitation has none',
        },
      ]);
    }
    // Hashing is the slow part; it happens outside the transaction, which checks the token again.
    const passwordHash = await hashPassword(input.password);
    const activated = await this.dataSource.transaction(async (manager) => {
      const { invitation, member: invitee } = await this.findUsable(input.token, manager, true);
      // Single sign-on became required while the password was hashed.
      if (!(await this.auth.passwordAllowed(invitee.email, [invitee])).length)
        throw new SsoRequiredError((await this.singleSignOnUrl(invitee)) ?? '/api/auth/sso/start');
      invitee.status = 'active';
      invitee.name = name;
      invitee.passwordHash = passwordHash;
      const saved = await this.invitations.saveMember(manager, invitee);
      await this.invitations.markAccepted(manager, invitation.id, new Date());
      await this.audit.record(
        {
          organisationId: saved.organisationId,
          actorId: saved.id,
          action: 'invitation.accepted',
          target: { type: 'member', id: saved.id },
          details: { invitedBy: invitation.invitedByMemberId },
        },
        manager,
      );
      await this.webhooks.emit(manager, saved.organisationId, 'member.joined', {
        memberId: saved.id,
        kind: saved.kind,
        via: 'invitation',
        joinedAt: new Date().toISOString(),
      });
      return saved;
    });
    return this.auth.startSession(activated, userAgent);
  }

  private async findUsable(
    token: string,
    manager: EntityManager,
    lock = false,
  ): Promise<{ invitation: Invitation; member: Member }> {
    const invitation = await this.invitations.findByTokenHash(sha256(token), lock, manager);
    if (!invitation) throw new InvitationNotFoundError();
    if (invitation.acceptedAt) throw new InvitationUsedError();
    const member = await this.invitations.findMember(invitation.organisationId, invitation.memberId, manager);
    // Deactivated or erased since: the link no longer leads anywhere.
    if (!member || member.status !== 'invited') throw new InvitationNotFoundError();
    if (invitation.expiresAt <= new Date()) throw new InvitationExpiredError();
    return { invitation, member };
  }

  private async defaultLocale(manager: EntityManager, organisationId: string): Promise<Locale> {
    const organisation = await this.invitations.organisation(organisationId, manager);
    return organisation.defaultLocale as Locale;
  }
}
