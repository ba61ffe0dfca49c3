import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * The organisation's fan-programme join code (one per organisation, made on first use). Whether
 * the link is open is a setting (`fanProgrammeOpen`); the code itself is rotated to retire old links.
 */
@Entity({ name: 'fan_programmes' })
@Index('uq_fan_programmes_join_code', ['joinCode'], { unique: true })
export class FanProgramme {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'pk_fan_programmes' })
  organisationId!: string;

  @OneToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fan_programmes_organisation' })
  organisation?: Organisation;

  @Column({ name: 'join_code', type: 'text' })
  joinCode!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;
}
