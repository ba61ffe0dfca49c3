import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Locale } from '../../members/entities/member.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * A fan's sign-up waiting for its address to be confirmed. No member exists until the link in the
 * e-mail is followed, so a sign-up never takes an address from an invitation. Only the token's
 * SHA-256 is stored; a sign-up not confirmed within 48 hours counts as absent.
 */
@Entity({ name: 'fan_signups' })
@Index('uq_fan_signups_token_hash', ['tokenHash'], { unique: true })
@Index('ix_fan_signups_organisation', ['organisationId'])
export class FanSignup {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fan_signups' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fan_signups_organisation' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  locale!: Locale;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
