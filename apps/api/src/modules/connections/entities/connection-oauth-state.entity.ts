import type { NetworkId } from '@heimo/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Session } from '../../auth/entities/session.entity';

/**
 * An OAuth authorisation under way (`instance_oauth` networks): the SHA-256 of the `state` sent to
 * the member's server, bound to the session that started it, single use and expiring.
 */
@Entity({ name: 'connection_oauth_states' })
@Index('ix_connection_oauth_states_session', ['sessionId'])
export class ConnectionOauthState {
  @PrimaryColumn({ name: 'state_hash', type: 'text', primaryKeyConstraintName: 'pk_connection_oauth_states' })
  stateHash!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_connection_oauth_states_session' })
  session?: Session;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ type: 'text' })
  network!: NetworkId;

  @Column({ type: 'text' })
  server!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
