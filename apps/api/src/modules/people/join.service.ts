import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuditService } from '../audit/audit.service';
import { WebhookEvents } from '../webhooks/webhook-events';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import type { Locale } from '../members/entities/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import type { JoinInfoDto } from '../organisations/dto/fan-programme.dto';
import { FanProgrammeService } from '../organisations/fan-programme.service';
import type { JoinDto } from './dto/invitation.dto';
import { FanSignupsRepository } from './fan-signups.repository';
import { InvitationsRepository } from './invitations.repository';
import { isUniqueViolation } from './invitations.service';
import { assertAcceptablePassword } from './password-policy';
import { PasswordsService } from './passwords.service';
import {
  EmailTakenError,
  FanSignupExpiredError,
  FanSignupInvalidError,
  FanSignupUsedError,
} from './people.errors';

/** How long a fan's confirmation link works; an unconfirmed sign-up counts as absent after it. */
export const FAN_SIGNUP_TTL_HOURS = 48;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * The public side of the fan programme: anyone with an open link signs up, and becomes a fan
 * advocate by following the confirmation link e-mailed to the address. The sign-up answers the same
 * whether or not the address belongs to a member (that member is e-mailed a reset link instead).
 */
@Injectable()
export class JoinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fanProgramme: FanProgrammeService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsRepository,
    private readonly signups: FanSignupsRepository,
    private readonly passwords: PasswordsService,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhookEvents,
  ) {}

  async info(code: string): Promise<JoinInfoDto> {
    const programme = await this.fanProgramme.findOpen(code);
    return {
      organisationName: programme.organisationName,
      defaultLocale: programme.defaultLocale,
      open: true,
    };
  }

  /**
   * Records the sign-up and e-mails its confirmation link, or, when a member already uses the
   * address, e-mails them a reset link. Both branches hash the password and queue one e-mail in one
   * transaction, so neither the answer nor its time tells them apart.
   */
  async join(code: string, input: JoinDto): Promise<void> {
    const programme = await this.fanProgramme.findOpen(code);
    assertAcceptablePassword(input.password);
    const passwordHash = await hashPassword(input.password);
    const emailId = await this.dataSource.transaction(async (manager) => {
      // Checked again inside: the admin may have closed the link while the password was hashed.
      const { organisationId } = await this.fanProgramme.findOpen(code, manager);
      const member = await this.signups.findMemberByEmail(manager, organisationId, input.email);
      if (member) return member.status === 'active' ? this.passwords.alreadyMember(manager, member) : null;
      const locale = input.locale ?? programme.defaultLocale;
      return this.signUp(
        manager,
        organisationId,
        programme.organisationName,
        { ...input, locale },
        passwordHash,
      );
    });
    await this.notifications.dispatch([emailId]);
  }

  private async signUp(
    manager: EntityManager,
    organisationId: string,
    organisationName: string,
    input: JoinDto & { locale: Locale },
    passwordHash: string,
  ): Promise<string | null> {
    const token = randomBytes(32).toString('base64url');
    const { locale } = input;
    await this.signups.insert(manager, {
      organisationId,
      email: input.email,
      name: input.name,
      locale,
      passwordHash,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + FAN_SIGNUP_TTL_HOURS * 3600 * 1000),
    });
    return this.notifications.enqueue(manager, {
      organisationId,
      memberId: null,
      kind: 'fan_signup_verify',
      dedupeKey: `fan_signup_verify:${sha256(token)}`,
      recipient: input.email,
      locale,
      data: {
        name: input.name,
        organisationName,
        verifyUrl: `${this.config.publicUrl}/confirm-join?token=${token}`,
      },
      secretKeys: ['verifyUrl'],
    });
  }

  /** Follows a confirmation link: creates the active fan advocate and signs them in. */
  async confirm(token: string, userAgent?: string): Promise<IssuedTokens> {
    try {
      const member = await this.dataSource.transaction(async (manager) => {
        const signup = await this.signups.findByTokenHash(sha256(token), true, manager);
        if (!signup) throw new FanSignupInvalidError();
        if (signup.usedAt) throw new FanSignupUsedError();
        if (signup.expiresAt <= new Date()) throw new FanSignupExpiredError();
        await this.signups.markUsed(manager, signup.id, new Date());
        const saved = await this.invitations.insertMember(manager, {
          organisationId: signup.organisationId,
          email: signup.email,
          name: signup.name,
          roles: ['advocate'],
          kind: 'fan',
          status: 'active',
          teamId: null,
          locale: signup.locale,
          passwordHash: signup.passwordHash,
        });
        await this.audit.record(
          {
            organisationId: signup.organisationId,
            actorId: saved.id,
            action: 'member.joined',
            target: { type: 'member', id: saved.id },
          },
          manager,
        );
        await this.webhooks.emit(manager, signup.organisationId, 'member.joined', {
          memberId: saved.id,
          kind: saved.kind,
          via: 'fan_signup',
          joinedAt: new Date().toISOString(),
        });
        return saved;
      });
      return await this.auth.startSession(member, userAgent);
    } catch (error) {
      // The address became a member's after the sign-up (an invitation, an earlier confirmation).
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }
}
