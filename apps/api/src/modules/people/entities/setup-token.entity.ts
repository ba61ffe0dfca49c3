import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The first run's setup link (`/setup?token=…`), open while no organisation exists. The token is
 * derived from `seed` and AUTH_SECRET (so every replica and every restart prints the same link, and
 * the database alone does not give it away); only its SHA-256 is stored. It works once.
 */
@Entity({ name: 'setup_tokens' })
@Index('uq_setup_tokens_token_hash', ['tokenHash'], { unique: true })
export class SetupToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_setup_tokens' })
  id!: string;

  @Column({ type: 'text' })
  seed!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
