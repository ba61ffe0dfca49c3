import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../infra/config/config.module';
import { AuditService } from '../audit/audit.service';
import { Member } from '../members/entities/member.entity';
import { AccessTokenSigner } from './access-token';
import { InvalidCredentialsError, InvalidRefreshError } from './auth.errors';
import type { Caller } from '../../infra/http/caller';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { decoyHash, verifyPassword } from './password-hasher';
import { LoginAttempts } from './rate-limit/login-attempts.service';

export interface IssuedTokens {
  readonly member: Member;
  readonly accessToken: string;
  readonly accessExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

@Injectable()
export class AuthService {
  private readonly signer: AccessTokenSigner;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_SERVICES) services: RuntimeServices,
    private readonly attempts: LoginAttempts,
    private readonly audit: AuditService,
  ) {
    this.signer = new AccessTokenSigner(services.authSecret);
  }

  /**
   * The active member with this e-mail and password. Every candidate's hash is checked (or a decoy's
   * when there is none), so the answer's timing does not tell whether the address exists. An address
   * with too many recent failures answers 429 before any hash is computed.
   */
  async verifyCredentials(email: string, password: string): Promise<Member> {
    const address = email.trim().toLowerCase();
    await this.attempts.assertAllowed(address);
    const candidates = await this.dataSource.getRepository(Member).find({
      where: { email: address, status: 'active' },
      order: { createdAt: 'ASC' },
      take: 5,
    });
    let match: Member | undefined;
    for (const candidate of candidates) {
      if (candidate.passwordHash && (await verifyPassword(password, candidate.passwordHash)) && !match)
        match = candidate;
    }
    if (!candidates.length) await verifyPassword(password, await decoyHash());
    if (!match) {
      await this.attempts.recordFailure(address);
      for (const candidate of candidates) {
        await this.audit.record({
          organisationId: candidate.organisationId,
          actorId: null,
          action: 'auth.sign_in_failed',
          target: { type: 'member', id: candidate.id },
          details: { reason: 'wrong_password' },
        });
      }
      throw new InvalidCredentialsError();
    }
    await this.attempts.clear(address);
    return match;
  }

  /** A session for a member who just proved who they are with a password; recorded in the audit log. */
  async signIn(member: Member): Promise<IssuedTokens> {
    const tokens = await this.startSession(member);
    await this.audit.record({
      organisationId: member.organisationId,
      actorId: member.id,
      action: 'auth.signed_in',
      target: { type: 'member', id: member.id },
    });
    return tokens;
  }

  async startSession(member: Member): Promise<IssuedTokens> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.getRepository(Session).save(
        manager.getRepository(Session).create({
          organisationId: member.organisationId,
          memberId: member.id,
          lastUsedAt: new Date(),
          expiresAt: this.refreshExpiry(),
          revokedAt: null,
          revokedReason: null,
        }),
      );
      const refreshToken = randomBytes(32).toString('base64url');
      await manager
        .getRepository(RefreshToken)
        .insert({ tokenHash: sha256(refreshToken), sessionId: session.id, replacedAt: null });
      return this.issue(member, session, refreshToken);
    });
  }

  /** Rotates a refresh token. A token that was already rotated is reuse: the whole session is revoked. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('token')
        .setLock('pessimistic_write')
        .where('token.token_hash = :hash', { hash: sha256(refreshToken) })
        .getOne();
      if (!token) return undefined;
      const session = await manager.getRepository(Session).findOneBy({ id: token.sessionId });
      if (!session || session.revokedAt || session.expiresAt <= new Date()) return undefined;
      if (token.replacedAt) {
        await manager
          .getRepository(Session)
          .update({ id: session.id }, { revokedAt: new Date(), revokedReason: 'refresh_token_reused' });
        return 'reused' as const;
      }
      const member = await manager
        .getRepository(Member)
        .findOneBy({ id: session.memberId, status: 'active' });
      if (!member) return undefined;
      const next = randomBytes(32).toString('base64url');
      await manager
        .getRepository(RefreshToken)
        .update({ tokenHash: token.tokenHash }, { replacedAt: new Date() });
      await manager
        .getRepository(RefreshToken)
        .insert({ tokenHash: sha256(next), sessionId: session.id, replacedAt: null });
      session.lastUsedAt = new Date();
      session.expiresAt = this.refreshExpiry();
      await manager.getRepository(Session).save(session);
      return this.issue(member, session, next);
    });
    if (!outcome || outcome === 'reused') throw new InvalidRefreshError();
    return outcome;
  }

  async revokeByRefreshToken(refreshToken: string): Promise<void> {
    const token = await this.dataSource
      .getRepository(RefreshToken)
      .findOneBy({ tokenHash: sha256(refreshToken) });
    if (token) await this.revokeSession(token.sessionId, 'logout');
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Ends every sign-in of a member at once (deactivation, erasure, password change). */
  async revokeAllSessions(
    organisationId: string,
    memberId: string,
    reason: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .getRepository(Session)
      .update(
        { organisationId, memberId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: reason },
      );
  }

  /**
   * The caller behind an access token, or undefined. One indexed query per request checks that the
   * session is still open and the member still active, so revocation takes effect at once.
   */
  async authenticate(accessToken: string): Promise<Caller | undefined> {
    const claims = this.signer.verify(accessToken);
    if (!claims) return undefined;
    const rows: { roles: Caller['roles'] }[] = await this.dataSource.query(
      `SELECT m.roles FROM sessions s JOIN members m ON m.id = s.member_id
        WHERE s.id = $1 AND s.member_id = $2 AND s.organisation_id = $3 AND s.revoked_at IS NULL
          AND s.expires_at > now() AND m.status = 'active'`,
      [claims.sid, claims.sub, claims.org],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { memberId: claims.sub, organisationId: claims.org, sessionId: claims.sid, roles: row.roles };
  }

  private issue(member: Member, session: Session, refreshToken: string): IssuedTokens {
    const accessExpiresAt = new Date(Date.now() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    const accessToken = this.signer.sign({
      sub: member.id,
      org: member.organisationId,
      sid: session.id,
      exp: Math.floor(accessExpiresAt.getTime() / 1000),
    });
    return { member, accessToken, accessExpiresAt, refreshToken, refreshExpiresAt: session.expiresAt };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000);
  }
}
