import { ApiProperty } from '@nestjs/swagger';
import {
  LOCALES,
  MEMBER_KINDS,
  MEMBER_STATUSES,
  ROLES,
  type Locale,
  type MemberKind,
  type MemberStatus,
  type Role,
} from '../../members/entities/member.entity';
import { AuditEventDto } from '../../audit/dto/audit-event.dto';
import { OrganisationSummaryDto } from '../../members/dto/me.dto';
import { ProfileRecordDto } from '../../profiles/dto/profile.dto';
import { MyShareDto } from '../../sharing/dto/my-share.dto';
import { PushSettingsDto, PushSubscriptionDto } from '../../push/dto/push.dto';
import { SuggestionDto } from '../../suggestions/dto/suggestion.dto';
import { NotificationPreferencesDto } from '../../notifications/dto/notifications.dto';
import { EMAIL_KINDS, type EmailKind } from '@heimo/content';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
} from '../../notifications/entities/notification-delivery.entity';
import { TrainingCompletionRecordDto } from '../../training/dto/training.dto';

export class ExportedMemberDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, enumName: 'Role' })
  roles!: Role[];

  @ApiProperty({ enum: MEMBER_KINDS, enumName: 'MemberKind' })
  kind!: MemberKind;

  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' })
  status!: MemberStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  teamName!: string | null;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty()
  leaderboardOptOut!: boolean;

  @ApiProperty({
    description: 'Whether a password is set; the password itself is never stored in the clear.',
  })
  hasPassword!: boolean;

  @ApiProperty({ type: OrganisationSummaryDto })
  organisation!: OrganisationSummaryDto;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class ExportedSessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  lastUsedAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'logout' })
  revokedReason!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Firefox 128' })
  browser!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Linux' })
  system!: string | null;
}

export class ExportedEmailDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: EMAIL_KINDS })
  kind!: EmailKind;

  @ApiProperty()
  recipient!: string;

  @ApiProperty({ type: String, nullable: true })
  subject!: string | null;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;
}

export class PersonalDataExportDto {
  @ApiProperty({ type: String, format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: ExportedMemberDto })
  member!: ExportedMemberDto;

  @ApiProperty({
    type: [ExportedSessionDto],
    description: 'Sign-ins, with their times; tokens are not included.',
  })
  sessions!: ExportedSessionDto[];

  @ApiProperty({ type: [AuditEventDto], description: 'Everything the audit log records the member doing.' })
  auditEvents!: AuditEventDto[];

  @ApiProperty({
    type: [ProfileRecordDto],
    description: 'The member’s social profiles, each with every audience size it has had.',
  })
  socialProfiles!: ProfileRecordDto[];

  @ApiProperty({
    type: [TrainingCompletionRecordDto],
    description: 'Every quiz attempt and policy acceptance, newest first, with version, score and answers.',
  })
  trainingCompletions!: TrainingCompletionRecordDto[];

  @ApiProperty({
    type: [MyShareDto],
    description: 'Every share the member made, newest first, with its text, tracked link and click counters.',
  })
  shares!: MyShareDto[];

  @ApiProperty({ type: NotificationPreferencesDto, description: 'What the member receives by e-mail.' })
  notificationPreferences!: NotificationPreferencesDto;

  @ApiProperty({
    type: [ExportedEmailDto],
    description: 'The e-mails sent (or queued) to the member, newest first.',
  })
  emails!: ExportedEmailDto[];

  @ApiProperty({
    type: [SuggestionDto],
    description: 'The links the member suggested, with the curators’ decisions, newest first.',
  })
  suggestions!: SuggestionDto[];

  @ApiProperty({
    type: [PushSubscriptionDto],
    description: 'The devices the member turned push notifications on for (the push service, not the keys).',
  })
  pushDevices!: PushSubscriptionDto[];

  @ApiProperty({ type: PushSettingsDto, description: 'The member’s time zone and quiet hours for push.' })
  pushSettings!: PushSettingsDto;
}
