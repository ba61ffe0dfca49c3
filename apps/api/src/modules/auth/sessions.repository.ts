import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { preparedQuery } from '../../infra/database/prepared';
import type { Caller } from '../../infra/http/caller';
import type { CallerSnapshot } from '../../infra/http/request-context';
import { Member } from '../members/entities/member.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';

export type NewSession = Pick<
  Session,
  'organisationId' | 'memberId' | 'lastUsedAt' | 'expiresAt' | 'browser' | 'system'
>;

/** How stale `last_used_at` may get before a request writes it again: at most one write a minute. */
const LAST_USED_GRANULARITY_SECONDS = 60;

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

  /**
   * The member's roles (and whether two-step sign-in is due, see Caller) when the session is open (not
   * revoked, not expired, younger than `maxDays`) and the member active, with what the request's
   * services read of the member and their organisation (`CallerSnapshot`); null otherwise. One
   * indexed query; when the session was last marked used over a minute ago it is marked used now (a
   * second, rare write), so listing sessions shows when each was last used without a write on every
   * request.
   */
  async rolesOfOpenSession(
    sessionId: string,
    memberId: string,
    organisationId: string,
    maxDays: number,
  ): Promise<(Pick<Caller, 'roles' | 'twoStepDue'> & { snapshot: CallerSnapshot }) | null> {
    const rows: {
      roles: Caller['roles'];
      stale: boolean;
      two_step_enabled: boolean;
      email: string;
      name: string;
      kind: CallerSnapshot['member']['kind'];
      team_id: string | null;
      locale: string;
      org_name: string;
      slug: string;
      default_locale: string;
      timezone: string;
      settings: unknown;
    }[] = await preparedQuery(
      this.dataSource,
      `SELECT m.roles, s.last_used_at < now() - make_interval(secs => $5::int) AS stale,
              EXISTS (SELECT 1 FROM member_two_step t WHERE t.member_id = m.id AND t.enabled_at IS NOT NULL)
                AS two_step_enabled,
              m.email, m.name, m.kind, m.team_id, m.locale,
              o.name AS org_name, o.slug, o.default_locale, o.timezone, o.settings
         FROM sessions s JOIN members m ON m.id = s.member_id JOIN organisations o ON o.id = m.organisation_id
        WHERE s.id = $1 AND s.member_id = $2 AND s.organisation_id = $3 AND s.revoked_at IS NULL
          AND s.expires_at > now() AND s.created_at > now() - make_interval(days => $4::int)
          AND m.status = 'active'`,
      [sessionId, memberId, organisationId, maxDays, LAST_USED_GRANULARITY_SECONDS],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale) {
      await this.dataSource.query(
        `UPDATE sessions SET last_used_at = now()
          WHERE id = $1 AND last_used_at < now() - make_interval(secs => $2::int)`,
        [sessionId, LAST_USED_GRANULARITY_SECONDS],
      );
    }
    // two-step due: an admin of an organisation that requires two-step sign-in, who has not turned it on.
    const settings = row.settings as { requireTwoStepForAdmins?: unknown } | null;
    const twoStepDue =
      row.roles.includes('admin') && settings?.requireTwoStepForAdmins === true && !row.two_step_enabled;
    return {
      roles: row.roles,
      twoStepDue,
      snapshot: {
        organisationId,
        memberId,
        member: {
          email: row.email,
          name: row.name,
          kind: row.kind,
          teamId: row.team_id,
          locale: row.locale,
          roles: row.roles,
          twoStepEnabled: row.two_step_enabled,
        },
        organisation: {
          name: row.org_name,
          slug: row.slug,
          defaultLocale: row.default_locale,
          timezone: row.timezone,
          settings: row.settings,
        },
      },
    };
  }

  /** The member's open sessions, most recently used first. */
  openSessionsOf(organisationId: string, memberId: string, maxDays: number): Promise<Session[]> {
    return this.dataSource
      .getRepository(Session)
      .createQueryBuilder('s')
      .where('s.organisation_id = :organisationId AND s.member_id = :memberId', { organisationId, memberId })
      .andWhere('s.revoked_at IS NULL AND s.expires_at > now()')
      .andWhere('s.created_at > now() - make_interval(days => :maxDays)', { maxDays })
      .orderBy('s.last_used_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }

  /**
   * Revokes the member's open sessions: this one (`only`), or all but one (`except`), or all; how many
   * ended.
   */
  async revokeOpenOf(
    organisationId: string,
    memberId: string,
    reason: string,
    which: { only?: string; except?: string } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $3
        WHERE organisation_id = $1 AND member_id = $2 AND revoked_at IS NULL AND expires_at > now()
          AND ($4::uuid IS NULL OR id = $4) AND ($5::uuid IS NULL OR id <> $5)
        RETURNING id`,
      [organisationId, memberId, reason, which.only ?? null, which.except ?? null],
    );
    // The pg driver answers an UPDATE … RETURNING with [rows, count].
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length;
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
