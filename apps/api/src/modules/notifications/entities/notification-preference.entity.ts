import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

export const PACK_ALERT_FREQUENCIES = ['immediately', 'daily', 'weekly', 'off'] as const;
export type PackAlertFrequency = (typeof PACK_ALERT_FREQUENCIES)[number];

/**
 * What a member receives by e-mail. A member without a row has the defaults
 * ({@link DEFAULT_PREFERENCES}); the row is written the first time they (or an unsubscribe link)
 * change something.
 */
@Entity({ name: 'notification_preferences' })
export class NotificationPreference {
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'pk_notification_preferences' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_notification_preferences_member' })
  member?: Member;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'fk_notification_preferences_organisation',
  })
  organisation?: Organisation;

  /** New packs for the member's audience: one e-mail per pack, a daily or weekly digest, or none. */
  @Column({ name: 'pack_alerts', type: 'text', default: 'daily' })
  packAlerts!: PackAlertFrequency;

  /** Required training expiring within 14 days, expired, or outdated by a new version. */
  @Column({ name: 'training_reminders', type: 'boolean', default: true })
  trainingReminders!: boolean;

  /** Leaders: the week's figures every Monday. */
  @Column({ name: 'weekly_summary', type: 'boolean', default: true })
  weeklySummary!: boolean;

  /** Curators: packs submitted for their review, and the review of packs they wrote. */
  @Column({ name: 'review_alerts', type: 'boolean', default: true })
  reviewAlerts!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const DEFAULT_PREFERENCES: Pick<
  NotificationPreference,
  'packAlerts' | 'trainingReminders' | 'weeklySummary' | 'reviewAlerts'
> = { packAlerts: 'daily', trainingReminders: true, weeklySummary: true, reviewAlerts: true };
