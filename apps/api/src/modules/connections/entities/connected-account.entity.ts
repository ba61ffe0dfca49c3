import type { NetworkId } from '@heimo/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

export const CONNECTION_STATUSES = ['active', 'broken'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * A member's account on a network whose API is open, linked so Heimo can read its follower count and
 * posts. The credentials are sealed with the SecretBox (context `connected-account:<id>`); a broken
 * connection (the network refused them) keeps none and is never called again until reconnected.
 */
@Entity({ name: 'connected_accounts' })
@Index('uq_connected_accounts_member_network', ['memberId', 'network'], { unique: true })
@Index('ix_connected_accounts_organisation', ['organisationId'])
export class ConnectedAccount {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_connected_accounts' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_connected_accounts_organisation' })
  organisation?: Organisation;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_connected_accounts_member' })
  member?: Member;

  @Column({ type: 'text' })
  network!: NetworkId;

  /** The network's stable id of the account (a DID, an account id). */
  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ type: 'text' })
  handle!: string;

  @Column({ name: 'profile_url', type: 'text' })
  profileUrl!: string;

  @Column({ type: 'integer' })
  followers!: number;

  @Column({ name: 'followers_checked_at', type: 'timestamptz' })
  followersCheckedAt!: Date;

  /** Sealed JSON of the adapter's credentials; null once the connection is broken. */
  @Column({ name: 'credentials_sealed', type: 'text', nullable: true })
  credentialsSealed!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: ConnectionStatus;

  @Column({ name: 'broken_at', type: 'timestamptz', nullable: true })
  brokenAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
