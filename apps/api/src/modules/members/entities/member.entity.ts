import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Team } from '../../organisations/entities/team.entity';

export const ROLES = ['advocate', 'curator', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const MEMBER_KINDS = ['employee', 'fan'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const MEMBER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_MANAGERS = ['scim', 'sso'] as const;
export type MemberManager = (typeof MEMBER_MANAGERS)[number];
export const LOCALES = ['en', 'fi'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity({ name: 'members' })
// Email is unique per organisation regardless of case; the column stores it lower-cased.
@Index('uq_members_organisation_email', ['organisationId', 'email'], { unique: true })
@Index('ix_members_email', ['email'])
// The people list pages by name within an organisation.
@Index('ix_members_organisation_name', ['organisationId', 'name', 'id'])
// Who is ranked on the boards (active advocates), with kind and team in the index (INCLUDE): made by
// migration PeriodStats1796800000009, which TypeORM cannot express; synchronize: false keeps it.
@Index('ix_members_ranked', { synchronize: false })
export class Member {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_members' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_members_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{advocate}'" })
  roles!: Role[];

  @Column({ type: 'text', default: 'employee' })
  kind!: MemberKind;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_members_team' })
  team?: Team | null;

  @Column({ type: 'text', default: 'en' })
  locale!: Locale;

  /** The member's own IANA time zone for push quiet hours; null: the organisation's. */
  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone!: string | null;

  /** Local `HH:MM` from which push messages wait (until `quietHoursEnd`); null: no quiet hours. */
  @Column({ name: 'quiet_hours_start', type: 'text', nullable: true })
  quietHoursStart!: string | null;

  @Column({ name: 'quiet_hours_end', type: 'text', nullable: true })
  quietHoursEnd!: string | null;

  @Column({ type: 'text', default: 'invited' })
  status!: MemberStatus;

  /**
   * Where the member's name, e-mail and status are kept when not in Heimo: `scim` (provisioned by the
   * identity provider) or `sso` (created at a single sign-on); People refuses local edits of them.
   */
  @Column({ name: 'managed_by', type: 'text', nullable: true })
  managedBy!: MemberManager | null;

  @Column({ name: 'leaderboard_opt_out', type: 'boolean', default: false })
  leaderboardOptOut!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}
