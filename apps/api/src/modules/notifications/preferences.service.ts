import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../infra/http/app-error';
import { HttpStatus } from '@nestjs/common';
import type { Caller } from '../../infra/http/caller';
import type {
  NotificationPreferencesDto,
  UnsubscribePreviewDto,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { DEFAULT_PREFERENCES, type NotificationPreference } from './entities/notification-preference.entity';
import { PreferencesRepository } from './preferences.repository';
import { UnsubscribeTokens, type UnsubscribeTopic } from './unsubscribe-token';

export class UnsubscribeTokenError extends AppError {
  constructor(reason: 'invalid' | 'expired') {
    super(
      HttpStatus.BAD_REQUEST,
      `unsubscribe.${reason}_token`,
      'Invalid unsubscribe link',
      reason === 'expired'
        ? 'This unsubscribe link has expired. Sign in and change your e-mail preferences on your profile.'
        : 'This unsubscribe link is not valid. Copy the whole link from the e-mail, or sign in and change your preferences.',
      [{ field: 'token', code: `unsubscribe.${reason}_token`, message: 'The token is not valid.' }],
    );
  }
}

const OFF: Readonly<Record<UnsubscribeTopic, Partial<NotificationPreferencesDto>>> = {
  pack_alerts: { packAlerts: 'off' },
  training_reminders: { trainingReminders: false },
  weekly_summary: { weeklySummary: false },
  review_alerts: { reviewAlerts: false },
  all: { packAlerts: 'off', trainingReminders: false, weeklySummary: false, reviewAlerts: false },
};

/** What a member receives by e-mail: their choice on the profile page, or an unsubscribe link's. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async get(
    organisationId: string,
    memberId: string,
    manager?: EntityManager,
  ): Promise<NotificationPreferencesDto> {
    return toDto(await this.preferences.find(organisationId, memberId, manager));
  }

  update(caller: Caller, change: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.write(caller.organisationId, caller.memberId, change);
  }

  /** What the link would turn off, without changing anything (link scanners open links too). */
  async preview(token: string): Promise<UnsubscribePreviewDto> {
    const { memberId, topic, member } = await this.checked(token);
    return {
      topic,
      organisationName: member.organisationName,
      preferences: await this.get(member.organisationId, memberId),
    };
  }

  /** One-click unsubscribe (RFC 8058): turns the link's topic off, without signing in. */
  async unsubscribe(token: string): Promise<UnsubscribePreviewDto> {
    const { memberId, topic, member } = await this.checked(token);
    const preferences = await this.write(member.organisationId, memberId, OFF[topic]);
    return { topic, organisationName: member.organisationName, preferences };
  }

  /** The token's member and topic; a member erased or gone makes the link invalid. */
  private async checked(token: string): Promise<{
    memberId: string;
    topic: UnsubscribeTopic;
    member: { organisationId: string; organisationName: string };
  }> {
    const check = this.tokens.check(token);
    if (!check.ok) throw new UnsubscribeTokenError(check.reason);
    const member = await this.preferences.unsubscribingMember(check.memberId);
    if (!member) throw new UnsubscribeTokenError('invalid');
    return { memberId: check.memberId, topic: check.topic, member };
  }

  /** Fields left out keep their value, even when another change lands at once. */
  private async write(
    organisationId: string,
    memberId: string,
    change: Partial<NotificationPreferencesDto>,
  ): Promise<NotificationPreferencesDto> {
    return toDto(await this.preferences.upsert(organisationId, memberId, change));
  }
}

function toDto(row: NotificationPreference | null): NotificationPreferencesDto {
  return {
    packAlerts: row?.packAlerts ?? DEFAULT_PREFERENCES.packAlerts,
    trainingReminders: row?.trainingReminders ?? DEFAULT_PREFERENCES.trainingReminders,
    weeklySummary: row?.weeklySummary ?? DEFAULT_PREFERENCES.weeklySummary,
    reviewAlerts: row?.reviewAlerts ?? DEFAULT_PREFERENCES.reviewAlerts,
  };
}
