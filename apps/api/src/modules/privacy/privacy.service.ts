import { buildTrackedLink, scrubEmail } from '@heimo/content';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { Caller } from '../../infra/http/caller';
import type { PersonDto } from '../people/dto/person.dto';
import { MemberNotFoundError } from '../members/members.errors';
import { CannotEraseSelfError } from '../people/people.errors';
import { PeopleService } from '../people/people.service';
import type { MyShareDto } from '../sharing/dto/my-share.dto';
import { ProfilesService } from '../profiles/profiles.service';
import { TrainingService } from '../training/training.service';
import type { ExportedEmailDto, PersonalDataExportDto } from './dto/export.dto';
import { MailTransport } from '../notifications/mail-transport';
import { PreferencesService } from '../notifications/preferences.service';
import { PrivacyRepository } from './privacy.repository';

import { PushService } from '../push/push.service';
import { toSuggestionDto } from '../suggestions/suggestion.mapper';
import { SuggestionsRepository } from '../suggestions/suggestions.repository';
import { ERASED_NAME, erasedEmail } from '../members/erased-member';

export { ERASED_NAME, erasedEmail };

@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly profiles: ProfilesService,
    private readonly training: TrainingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly preferences: PreferencesService,
    private readonly mail: MailTransport,
    private readonly privacy: PrivacyRepository,
    private readonly suggestions: SuggestionsRepository,
    private readonly push: PushService,
  ) {}

  /**
   * Everything held about the caller (GDPR art. 15/20): their row, their sign-ins, their audit trail,
   * their social profiles with audience history, their training attempts and acceptances, and
   * their shares with their texts and click counters, their e-mail preferences and the e-mails sent to them,
   * their suggestions, and their push devices and quiet hours.
   */
  async export(caller: Caller): Promise<PersonalDataExportDto> {
    const { organisationId, memberId } = caller;
    const member = await this.privacy.memberWithOrganisation(organisationId, memberId);
    if (!member?.organisation) throw new MemberNotFoundError();
    const locales = [member.locale, member.organisation.defaultLocale];
    const [
      sessions,
      events,
      profiles,
      training,
      shares,
      emails,
      preferences,
      suggestions,
      pushDevices,
      pushSettings,
    ] = await Promise.all([
      this.privacy.sessionsOf(organisationId, memberId),
      this.privacy.auditEventsBy(organisationId, memberId),
      this.profiles.recordsOf(organisationId, memberId),
      this.training.recordsOf(organisationId, memberId, locales),
      this.sharesOf(organisationId, memberId),
      this.privacy.emailsTo(organisationId, memberId),
      this.preferences.get(organisationId, memberId),
      this.suggestions.allOf(organisationId, memberId).then((rows) => this.suggestions.withDetails(rows)),
      this.push.list(caller),
      this.push.settings(caller),
    ]);
    await this.audit.record({
      organisationId,
      actorId: memberId,
      action: 'privacy.exported',
      target: { type: 'member', id: memberId },
    });
    return {
      exportedAt: new Date().toISOString(),
      member: {
        id: member.id,
        email: member.email,
        name: member.name,
        roles: member.roles,
        kind: member.kind,
        status: member.status,
        teamId: member.teamId,
        teamName: member.team?.name ?? null,
        locale: member.locale,
        leaderboardOptOut: member.leaderboardOptOut,
        hasPassword: member.passwordHash !== null,
        organisation: {
          id: member.organisation.id,
          name: member.organisation.name,
          slug: member.organisation.slug,
        },
        createdAt: member.createdAt.toISOString(),
        updatedAt: member.updatedAt.toISOString(),
      },
      sessions: sessions.map((session) => ({
        id: session.id,
        createdAt: session.createdAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        revokedAt: session.revokedAt?.toISOString() ?? null,
        revokedReason: session.revokedReason,
        browser: session.browser,
        system: session.system,
      })),
      auditEvents: events.map((event) => ({
        id: event.id,
        action: event.action,
        actorId: event.actorMemberId,
        actorName: member.name,
        actor: event.actorMemberId
          ? { id: event.actorMemberId, name: member.name, email: member.email, erased: false }
          : null,
        // Their own trail: the subject is named when it is themselves; the rest stays ids.
        subject:
          event.targetType && event.targetId
            ? {
                type: event.targetType,
                id: event.targetId,
                name: event.targetId === member.id ? member.name : null,
                email: event.targetId === member.id ? member.email : null,
                erased: false,
              }
            : null,
        references: [],
        targetType: event.targetType,
        targetId: event.targetId,
        details: event.details,
        requestId: event.requestId,
        createdAt: event.createdAt.toISOString(),
      })),
      socialProfiles: profiles,
      trainingCompletions: training,
      shares,
      notificationPreferences: preferences,
      emails: emails.map((email) => ({
        ...email,
        createdAt: email.createdAt.toISOString(),
        sentAt: email.sentAt?.toISOString() ?? null,
      })) as ExportedEmailDto[],
      suggestions: suggestions.map(toSuggestionDto),
      pushDevices,
      pushSettings,
    };
  }

  private async sharesOf(organisationId: string, memberId: string): Promise<MyShareDto[]> {
    const rows = await this.privacy.sharesOf(organisationId, memberId);
    return rows.map((row) => ({
      ...row,
      trackedUrl: buildTrackedLink(this.config.publicUrl, row.code),
      createdAt: row.createdAt.toISOString(),
    }));
  }

  /**
   * Anonymises a member (GDPR art. 17) in one transaction: personal fields are overwritten, the
   * password and pending invitation go, every session ends, their social profiles (with audience
   * history) and training attempts and acceptances are deleted, and the texts of their shares (their
   * own words) are blanked. The invitation e-mails they sent name `Erased member` as the inviter
   * (logged subject, unsent payload, outbox copy). The row and its id stay, so shares, clicks and
   * rollups keep adding up.
   */
  async erase(organisationId: string, caller: Caller, memberId: string): Promise<PersonDto> {
    if (memberId === caller.memberId) throw new CannotEraseSelfError();
    let outboxFiles: string[] = [];
    let sentOutboxFiles: string[] = [];
    let scrub = (parts: { subject: string; html: string; text: string }) => parts;
    const erased = await this.dataSource.transaction(async (manager) => {
      const member = await this.people.lockForAdminChange(manager, organisationId, memberId);
      const wasActiveAdmin = member.status === 'active' && member.roles.includes('admin');
      const words = [member.name, member.email].filter(Boolean);
      scrub = (parts) => scrubEmail(parts, words, ERASED_NAME);
      // The invitations they sent name them in the subject, the text and the outbox copy.
      sentOutboxFiles = await this.scrubInvitationsSent(
        manager,
        organisationId,
        memberId,
        member.name,
        scrub,
      );
      member.email = erasedEmail(member.id);
      member.name = ERASED_NAME;
      member.passwordHash = null;
      member.status = 'deactivated';
      member.leaderboardOptOut = true;
      // Nobody keeps an erased member's record elsewhere any more.
      member.managedBy = null;
      await this.people.assertKeepsAnAdmin(manager, organisationId, member, wasActiveAdmin);
      await this.privacy.saveMember(manager, member);
      await this.privacy.deleteInvitations(manager, organisationId, memberId);
      await this.auth.revokeAllSessions(organisationId, memberId, 'erased', manager);
      await this.auth.eraseTwoStep(manager, organisationId, memberId);
      await this.profiles.eraseMember(manager, organisationId, memberId);
      await this.training.eraseMember(manager, organisationId, memberId);
      await this.suggestions.eraseMember(manager, organisationId, memberId);
      await this.privacy.blankShareTexts(manager, organisationId, memberId);
      // The e-mail log keeps that a message went out, not to whom or with what; what has not gone
      // out yet never will, and the outbox copies go once this commits.
      outboxFiles = await this.privacy.eraseEmails(manager, organisationId, memberId, erasedEmail(memberId));
      await this.privacy.deletePreferences(manager, memberId);
      await this.privacy.deleteProvisioning(manager, organisationId, memberId);
      await this.audit.record(
        {
          organisationId,
          actorId: caller.memberId,
          action: 'member.erased',
          target: { type: 'member', id: memberId },
        },
        manager,
      );
      return this.people.get(organisationId, memberId, manager);
    });
    for (const file of outboxFiles) await this.mail.removeOutbox(file);
    for (const file of sentOutboxFiles) await this.mail.rewriteOutbox(file, scrub);
    return erased;
  }

  /**
   * The invitation e-mails the member sent stop naming them: the logged subject, the inviter's
   * name in what is still to be sent. Returns the outbox files to rewrite once this commits.
   */
  private async scrubInvitationsSent(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    name: string,
    scrub: (parts: { subject: string; html: string; text: string }) => { subject: string },
  ): Promise<string[]> {
    const rows = await this.privacy.invitationEmailsSentBy(manager, organisationId, memberId, name);
    for (const row of rows) {
      const subject =
        row.subject === null ? null : scrub({ subject: row.subject, html: '', text: '' }).subject;
      const data = row.payload.data && { ...row.payload.data, inviterName: ERASED_NAME };
      await this.privacy.rewriteEmail(
        manager,
        row.id,
        subject,
        data ? { ...row.payload, data } : row.payload,
      );
    }
    return rows.flatMap((row) => (row.outboxFile ? [row.outboxFile] : []));
  }
}
