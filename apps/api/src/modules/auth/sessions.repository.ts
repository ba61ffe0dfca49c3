import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import type { Caller } from '../../infra/http/caller';
import { Member } from '../members/entities/member.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';

export type NewSession = Pick<Session, 'organisationId' | 'memberId' | 'lastUsedAt' | 'expiresAt'>;

/** Sign-in candidates, sessions and their refresh tokens (stored as hashes only). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The first few active members with this address, in any organisation, oldest first. */
  activeMembersByEmail(email: string, limit: number): Promise<Member[]> {
    return this.dataSource.getRepository(Member).find({
      where: { email, status: 'active' },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  insertSession(manager: EntityManager, session: NewSession): Promise<Session> {
    const sessions = manager.getRepository(Session);
    return sessions.save(sessions.create({ ...session, revokedAt: null, revokedReason: null }));
  }

  saveSession(manager: EntityManager, session: Session): Promise<Session> {
    return manager.getRepository(Session).save(session);
  }

  findSession(manager: EntityManager, sessionId: string): Promise<Session | null> {
    return manager.getRepository(Session).findOneBy({ id: sessionId });
  }

  async insertRefreshToken(manager: EntityManager, tokenHash: string, sessionId: string): Promise<void> {
    await manager.getRepository(RefreshToken).insert({ tokenHash, sessionId, replacedAt: null });
  }

  /** The refresh token with this hash, locked for update; null when there is none. */
  lockRefreshToken(manager: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return manager
      .getRepository(RefreshToken)
      .createQueryBuilder('token')
      .setLock('pessimistic_write')
      .where('token.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return this.dataSource.getRepository(RefreshToken).findOneBy({ tokenHash });
  }

  async markRefreshTokenReplaced(manager: EntityManager, tokenHash: string, at: Date): Promise<void> {
    await manager.getRepository(RefreshToken).update({ tokenHash }, { replacedAt: at });
  }

  activeMember(manager: EntityManager, memberId: string): Promise<Member | null> {
    return manager.getRepository(Member).findOneBy({ id: memberId, status: 'active' });
  }

  /** Revokes the session (whether or not it was revoked already). */
  async revoke(manager: EntityManager, sessionId: string, reason: string, at: Date): Promise<void> {
    await manager.getRepository(Session).update({ id: sessionId }, { revokedAt: at, revokedReason: reason });
  }

  /** Revokes the session unless it is revoked already (the first reason stays). */
  async revokeOpen(sessionId: string, reason: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Revokes every open session of the member. */
  async revokeAllOpen(
    organisationId: string,
    memberId: string,
    reason: string,
    at: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .getRepository(Session)
      .update({ organisationId, memberId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Revokes every open session of the member but one (the caller's own, after a password change). */
  async revokeOthersOpen(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    keepSessionId: string,
    reason: string,
    at: Date,
  ): Promise<void> {
    await manager
      .getRepository(Session)
      .update(
        { organisationId, memberId, revokedAt: IsNull(), id: Not(keepSessionId) },
        { revokedAt: at, revokedReason: reason },
      );
  }

  /**
   * The member's roles when the session is open (not revoked, not expired, younger than `maxDays`)
   * and the member active; null otherwise. One indexed query.
   */
  async rolesOfOpenSession(
    sessionId: string,
    memberId: string,
    organisationId: string,
    maxDays: number,
  ): Promise<Caller['roles'] | null> {
    const rows: { roles: Caller['roles'] }[] = await this.dataSource.query(
      `SELECT m.roles FROM sessions s JOIN members m ON m.id = s.member_id
        WHERE s.id = $1 AND s.member_id = $2 AND s.organisation_id = $3 AND s.revoked_at IS NULL
          AND s.expires_at > now() AND s.created_at > now() - make_interval(days => $4::int)
          AND m.status = 'active'`,
      [sessionId, memberId, organisationId, maxDays],
    );
    return rows[0]?.roles ?? null;
  }

  /** Deletes sessions ended (revoked or expired) more than `graceDays` ago; how many. */
  async purgeEnded(graceDays: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM sessions
        WHERE coalesce(revoked_at, expires_at) < now() - make_interval(days => $1::int)`,
      [graceDays],
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}
