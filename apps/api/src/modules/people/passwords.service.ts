import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Caller } from '../../infra/http/caller';
import { AuditService } from '../audit/audit.service';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import { SsoRequiredError } from '../auth/auth.errors';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { LoginAttempts } from '../auth/rate-limit/login-attempts.service';
import { ResetRequests } from '../auth/rate-limit/reset-requests.service';
import type { Member } from '../members/entities/member.entity';
import { MemberNotFoundError } from '../members/members.errors';
import { NotificationsService } from '../notifications/notifications.service';
import { assertAcceptablePassword } from './password-policy';
import { PasswordResetsRepository } from './password-resets.repository';
import {
  MemberNotActiveError,
  MemberUsesSingleSignOnError,
  PasswordResetExpiredError,
  PasswordResetInvalidError,
  PasswordResetUsedError,
  WrongCurrentPasswordError,
} from './people.errors';

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MINUTES = 60;
/** At most this many accounts (organisations) share one address; each gets its own link. */
const MAX_ACCOUNTS_PER_EMAIL = 5;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * Changing and resetting passwords. A change needs the current password and ends the member's other
 * sessions; a reset link (asked for by the member, or sent by an admin) works once, for an hour, and
 * ends every session. Each is audited and followed by a notice e-mail to the member.
 */
@Injectable()
export class PasswordsService {
  private readonly logger = new Logger(PasswordsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly attempts: LoginAttempts,
    private readonly resetRequests: ResetRequests,
    private readonly resets: PasswordResetsRepository,
  ) {}

  /**
   * Sends a reset link to each active account with this address, and nothing otherwise. Only the
   * per-address count is awaited: the look-up and the e-mails run after the answer, so the answer
   * (and how long it takes) is the same whether or not the address has an account.
   */
  async forgot(email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.resetRequests.count(address);
    void this.sendResetLinks(address).catch((error: unknown) =>
      this.logger.error(
        `password reset links not sent: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  private async sendResetLinks(address: string): Promise<void> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const found = await this.resets.activeMembersByEmail(manager, address, MAX_ACCOUNTS_PER_EMAIL);
      // Where single sign-on is required, the provider holds the password: no link (the sign-in page
      // sends the address to its provider).
      const members = await this.auth.passwordAllowed(address, found);
      const queued: (string | null)[] = [];
      for (const member of members) queued.push(await this.issue(manager, member, null));
      return queued;
    });
    await this.notifications.dispatch(ids);
  }

  /** An admin sends a member of their organisation a reset link (from People). */
  async sendReset(caller: Caller, memberId: string): Promise<{ expiresAt: string }> {
    const { id, expiresAt } = await this.dataSource.transaction(async (manager) => {
      const member = await this.resets.findMember(caller.organisationId, memberId, manager);
      if (!member) throw new MemberNotFoundError();
      if (member.status !== 'active') throw new MemberNotActiveError();
      if (!(await this.auth.passwordAllowed(member.email, [member])).length)
        throw new MemberUsesSingleSignOnError();
      const expiresAt = this.expiry();
      return { id: await this.issue(manager, member, caller.memberId, expiresAt), expiresAt };
    });
    await this.notifications.dispatch([id]);
    return { expiresAt: expiresAt.toISOString() };
  }

  /** Sets the new password from a reset link, ends every session, and signs the member in. */
  async reset(token: string, password: string): Promise<IssuedTokens> {
    assertAcceptablePassword(password);
    await this.usable(token, this.dataSource.manager);
    // Hashing is the slow part; the transaction checks the link again under a lock.
    const passwordHash = await hashPassword(password);
    const { member, emailId } = await this.dataSource.transaction(async (manager) => {
      const reset = await this.usable(token, manager, true);
      const member = await this.resets.findMember(reset.organisationId, reset.memberId, manager, true);
      if (!member || member.status !== 'active') throw new PasswordResetInvalidError();
      // A link sent before single sign-on became required no longer sets a password: it leads to
      // the provider instead.
      if (!(await this.auth.passwordAllowed(member.email, [member])).length)
        throw new SsoRequiredError(
          `/api/auth/sso/start?${new URLSearchParams({ email: member.email.toLowerCase() }).toString()}`,
        );
      await this.resets.setPasswordHash(manager, member.id, passwordHash);
      await this.resets.useAll(manager, member.id, new Date());
      await this.auth.revokeAllSessions(member.organisationId, member.id, 'password_reset', manager);
      await this.audit.record(
        {
          organisationId: member.organisationId,
          actorId: member.id,
          action: 'member.password_changed',
          target: { type: 'member', id: member.id },
          details: { via: 'reset', sentBy: reset.requestedByMemberId },
        },
        manager,
      );
      const emailId = await this.notice(manager, member, true);
      return { member, emailId };
    });
    await this.notifications.dispatch([emailId]);
    await this.attempts.clear(member.email);
    return this.auth.signIn(member);
  }

  /**
   * Changes the caller's password. The current one is checked like a sign-in (it counts towards the
   * account's lockout); the caller's other sessions end, this one stays.
   */
  async change(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    assertAcceptablePassword(newPassword, 'newPassword');
    const member = await this.resets.findMember(caller.organisationId, caller.memberId);
    if (!member) throw new MemberNotFoundError();
    await this.attempts.count(member.email);
    if (!member.passwordHash || !(await verifyPassword(currentPassword, member.passwordHash))) {
      throw new WrongCurrentPasswordError();
    }
    await this.attempts.clear(member.email);
    const passwordHash = await hashPassword(newPassword);
    const emailId = await this.dataSource.transaction(async (manager) => {
      await this.resets.setPasswordHash(manager, member.id, passwordHash);
      await this.resets.useAll(manager, member.id, new Date());
      await this.auth.revokeOtherSessions(manager, caller, 'password_changed');
      await this.audit.record(
        {
          organisationId: member.organisationId,
          actorId: member.id,
          action: 'member.password_changed',
          target: { type: 'member', id: member.id },
          details: { via: 'change' },
        },
        manager,
      );
      return this.notice(manager, member, false);
    });
    await this.notifications.dispatch([emailId]);
  }

  /**
   * Someone tried to join the fan programme with the address of this member: a reset link, in an
   * e-mail saying they already have an account. Queued in the caller's transaction; the delivery id.
   */
  async alreadyMember(manager: EntityManager, member: Member): Promise<string | null> {
    const token = randomBytes(32).toString('base64url');
    await this.resets.insert(manager, {
      organisationId: member.organisationId,
      memberId: member.id,
      tokenHash: sha256(token),
      requestedByMemberId: null,
      expiresAt: this.expiry(),
    });
    await this.audit.record(
      {
        organisationId: member.organisationId,
        actorId: null,
        action: 'member.password_reset_sent',
        target: { type: 'member', id: member.id },
        details: { by: 'join' },
      },
      manager,
    );
    return this.notifications.enqueue(manager, {
      organisationId: member.organisationId,
      memberId: member.id,
      kind: 'fan_signup_existing',
      dedupeKey: `fan_signup_existing:${sha256(token)}`,
      recipient: member.email,
      locale: member.locale,
      data: { name: member.name, resetUrl: `${this.config.publicUrl}/reset-password/${token}` },
      secretKeys: ['resetUrl'],
    });
  }

  private async usable(token: string, manager: EntityManager, lock = false) {
    const reset = await this.resets.findByTokenHash(sha256(token), lock, manager);
    if (!reset) throw new PasswordResetInvalidError();
    if (reset.usedAt) throw new PasswordResetUsedError();
    if (reset.expiresAt <= new Date()) throw new PasswordResetExpiredError();
    return reset;
  }

  /** A new link for the member, its e-mail queued in this transaction; the delivery id. */
  private async issue(
    manager: EntityManager,
    member: Member,
    adminId: string | null,
    expiresAt = this.expiry(),
  ): Promise<string | null> {
    const token = randomBytes(32).toString('base64url');
    await this.resets.insert(manager, {
      organisationId: member.organisationId,
      memberId: member.id,
      tokenHash: sha256(token),
      requestedByMemberId: adminId,
      expiresAt,
    });
    await this.audit.record(
      {
        organisationId: member.organisationId,
        actorId: adminId,
        action: 'member.password_reset_sent',
        target: { type: 'member', id: member.id },
        details: { by: adminId ? 'admin' : 'self' },
      },
      manager,
    );
    const adminName = adminId ? await this.resets.memberName(manager, member.organisationId, adminId) : '';
    return this.notifications.enqueue(manager, {
      organisationId: member.organisationId,
      memberId: member.id,
      kind: 'password_reset',
      dedupeKey: `password_reset:${sha256(token)}`,
      recipient: member.email,
      locale: member.locale,
      data: { name: member.name, adminName, resetUrl: `${this.config.publicUrl}/reset-password/${token}` },
      secretKeys: ['resetUrl'],
    });
  }

  private notice(manager: EntityManager, member: Member, reset: boolean): Promise<string | null> {
    return this.notifications.enqueue(manager, {
      organisationId: member.organisationId,
      memberId: member.id,
      kind: 'password_changed',
      dedupeKey: `password_changed:${member.id}:${randomBytes(9).toString('base64url')}`,
      recipient: member.email,
      locale: member.locale,
      data: { name: member.name, reset, forgotUrl: `${this.config.publicUrl}/forgot-password` },
    });
  }

  private expiry(): Date {
    return new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000);
  }
}
