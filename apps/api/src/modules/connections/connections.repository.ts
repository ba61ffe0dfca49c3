import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectedAccount } from './entities/connected-account.entity';
import { ConnectionOauthState } from './entities/connection-oauth-state.entity';

export interface AccountFields {
  readonly id: string;
  readonly organisationId: string;
  readonly memberId: string;
  readonly network: NetworkId;
  readonly externalId: string;
  readonly handle: string;
  readonly profileUrl: string;
  readonly followers: number;
  readonly credentialsSealed: string;
  readonly at: Date;
}

/** The SQL of connected accounts, OAuth states and the verified audience they give a social profile. */
@Injectable()
export class ConnectionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(run: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(run);
  }

  ofMember(organisationId: string, memberId: string): Promise<ConnectedAccount[]> {
    return this.dataSource.getRepository(ConnectedAccount).find({
      where: { organisationId, memberId },
      order: { network: 'ASC' },
    });
  }

  find(memberId: string, network: NetworkId, manager?: EntityManager): Promise<ConnectedAccount | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(ConnectedAccount)
      .findOneBy({ memberId, network });
  }

  findById(id: string): Promise<ConnectedAccount | null> {
    return this.dataSource.getRepository(ConnectedAccount).findOneBy({ id });
  }

  /** The member's row on the network, locked, to be replaced by a new connection. */
  async lock(manager: EntityManager, memberId: string, network: NetworkId): Promise<ConnectedAccount | null> {
    return manager
      .getRepository(ConnectedAccount)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.member_id = :memberId AND a.network = :network', { memberId, network })
      .getOne();
  }

  /** Inserts the connection, or replaces the member's earlier one on the network (a reconnection). */
  async upsert(manager: EntityManager, fields: AccountFields): Promise<ConnectedAccount> {
    await manager.query(
      `INSERT INTO connected_accounts AS a
         (id, organisation_id, member_id, network, external_id, handle, profile_url, followers,
          followers_checked_at, credentials_sealed, status, broken_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', NULL)
       ON CONFLICT (member_id, network) DO UPDATE
          SET external_id = excluded.external_id, handle = excluded.handle, profile_url = excluded.profile_url,
              followers = excluded.followers, followers_checked_at = excluded.followers_checked_at,
              credentials_sealed = excluded.credentials_sealed, status = 'active', broken_at = NULL,
              updated_at = now()`,
      [
        fields.id,
        fields.organisationId,
        fields.memberId,
        fields.network,
        fields.externalId,
        fields.handle,
        fields.profileUrl,
        fields.followers,
        fields.at.toISOString(),
        fields.credentialsSealed,
      ],
    );
    const row = await this.find(fields.memberId, fields.network, manager);
    if (!row) throw new Error('connected account not found after its upsert');
    return row;
  }

  /** Deletes the member's connection on the network (credentials with it); the row as it was, or null. */
  async delete(
    manager: EntityManager,
    memberId: string,
    network: NetworkId,
  ): Promise<ConnectedAccount | null> {
    const rows = (await manager.query(
      `DELETE FROM connected_accounts WHERE member_id = $1 AND network = $2
       RETURNING id, credentials_sealed AS "credentialsSealed"`,
      [memberId, network],
    )) as [{ id: string; credentialsSealed: string | null }[], number];
    const row = rows[0]?.[0];
    if (!row) return null;
    return Object.assign(new ConnectedAccount(), { ...row, memberId, network });
  }

  /** The network refused the credentials: they are dropped and nothing calls the network for it again. */
  async markBroken(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE connected_accounts SET status = 'broken', broken_at = $2, credentials_sealed = NULL, updated_at = now()
        WHERE id = $1`,
      [id, at.toISOString()],
    );
  }

  /** New credentials after a refresh, only while the connection is the same active one. */
  async replaceCredentials(id: string, sealed: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE connected_accounts SET credentials_sealed = $2, updated_at = now() WHERE id = $1 AND status = 'active'`,
      [id, sealed],
    );
  }

  /**
   * The follower count read from the network: on the connection, and as the member's social profile's
   * audience on the network, verified (made when the member had none; a report waiting for an admin is
   * dropped: the network's count replaces it). The profile's audience history gets the count.
   */
  async setFollowers(
    manager: EntityManager,
    account: Pick<ConnectedAccount, 'id' | 'organisationId' | 'memberId' | 'network' | 'handle'>,
    followers: number,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE connected_accounts SET followers = $2, followers_checked_at = $3, handle = $4, updated_at = now()
        WHERE id = $1`,
      [account.id, followers, at.toISOString(), account.handle],
    );
    const [profile] = (await manager.query(
      `INSERT INTO social_profiles AS p (organisation_id, member_id, network, handle, audience_size, audience_verified_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (member_id, network) DO UPDATE
          SET handle = excluded.handle, audience_size = excluded.audience_size,
              audience_verified_at = excluded.audience_verified_at,
              pending_audience_size = NULL, pending_audience_reason = NULL, pending_audience_since = NULL,
              updated_at = now()
       RETURNING id`,
      [
        account.organisationId,
        account.memberId,
        account.network,
        account.handle,
        followers,
        at.toISOString(),
      ],
    )) as { id: string }[];
    if (!profile) throw new Error('social profile not written');
    await manager.query(
      `INSERT INTO profile_audience_history (organisation_id, profile_id, audience_size, counted_audience_size)
       VALUES ($1, $2, $3, $3)`,
      [account.organisationId, profile.id, followers],
    );
  }

  /** After a disconnection the profile's audience is self-reported again (it keeps the last count). */
  async unverifyAudience(manager: EntityManager, memberId: string, network: NetworkId): Promise<void> {
    await manager.query(
      `UPDATE social_profiles SET audience_verified_at = NULL, updated_at = now() WHERE member_id = $1 AND network = $2`,
      [memberId, network],
    );
  }

  /** Active connections whose follower count was read before `before`, oldest first. */
  staleFollowers(before: Date, limit: number): Promise<ConnectedAccount[]> {
    return this.dataSource
      .getRepository(ConnectedAccount)
      .createQueryBuilder('a')
      .where(`a.status = 'active' AND a.followers_checked_at < :before`, { before })
      .orderBy('a.followers_checked_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async saveOauthState(state: Omit<ConnectionOauthState, 'session'>): Promise<void> {
    await this.dataSource.query(`DELETE FROM connection_oauth_states WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO connection_oauth_states (state_hash, session_id, member_id, network, server, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        state.stateHash,
        state.sessionId,
        state.memberId,
        state.network,
        state.server,
        state.expiresAt.toISOString(),
      ],
    );
  }

  /** Takes the state (single use): the row when it was the session's, for the network, unexpired. */
  async takeOauthState(
    stateHash: string,
    sessionId: string,
    network: NetworkId,
    now: Date,
  ): Promise<ConnectionOauthState | null> {
    const rows = (await this.dataSource.query(
      `DELETE FROM connection_oauth_states WHERE state_hash = $1
       RETURNING session_id AS "sessionId", member_id AS "memberId", network, server, expires_at AS "expiresAt"`,
      [stateHash],
    )) as [Omit<ConnectionOauthState, 'stateHash'>[], number];
    const row = rows[0]?.[0];
    if (!row || row.sessionId !== sessionId || row.network !== network || new Date(row.expiresAt) <= now)
      return null;
    return Object.assign(new ConnectionOauthState(), { ...row, stateHash });
  }
}
