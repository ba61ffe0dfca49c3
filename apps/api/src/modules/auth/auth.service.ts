import { createHash, randomBytes } from 'node:crypto';
import { describeUserAgent } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../infra/config/config.module';
import { AuditService } from '../audit/audit.service';
import type { Member } from '../members/entities/member.entity';
import { AccessTokenSigner } from './access-token';
import {
  InvalidCredentialsError,
  InvalidRefreshError,
  SessionNotFoundError,
  SsoRequiredError,
} from './auth.errors';
import type { SessionSummaryDto } from './dto/sessions.dto';
import type { Caller } from '../../infra/http/caller';
import { keepCallerSnapshot } from '../../infra/http/request-context';
import type { Session } from './entities/session.entity';
import { decoyHash, verifyPassword } from './password-hasher';
import { LoginAttempts } from './rate-limit/login-attempts.service';
import { SessionsRepository } from './sessions.repository';
import { TwoStepRepository } from './two-step/two-step.repository';

export interface IssuedTokens {
  readonly member: Member;
  readonly accessToken: string;
  readonly accessExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

const DAY_MS = 24 * 3600 * 1000;

interface SingleSignOnRequirement {
  readonly organisation_id: string;
  readonly break_glass_member_ids: string[];
}

const mayUsePassword = (member: Pick<Member, 'id' | 'organisationId'>, required: SingleSignOnRequirement) =>
  member.organisationId !== required.organisation_id || required.break_glass_member_ids.includes(member.id);
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
    private readonly sessions: SessionsRepository,
    private readonly twoStep: TwoStepRepository,
  ) {
    this.signer = new AccessTokenSigner(services.authSecret);
  }

  /**
   * The active member with this e-mail and password. Every candidate's hash is checked (or a decoy's
   * when there is none), so the answer's timing does not tell whether the address exists. The attempt
   * is counted before any hash is computed: past LOGIN_LOCKOUT_FAILURES in the window it answers 429.
   * A member with two-step sign-in is not signed in yet: the controller asks for the second step.
   */
  async verifyCredentials(email: string, password: string): Promise<Member> {
    const address = email.trim().toLowerCase();
    await this.attempts.count(address);
    const found = await this.sessions.activeMembersByEmail(address, 5);
    const candidates = await this.withoutSingleSignOnOnly(address, found);
    let match: Member | undefined;
    for (const candidate of candidates) {
      if (candidate.passwordHash && (await verifyPassword(password, candidate.passwordHash)) && !match)
        match = candidate;
    }
    if (!candidates.length) await verifyPassword(password, await decoyHash());
    if (!match) {
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
    // With two-step sign-in the count is cleared by the second step: a right password alone must not
    // reset the guesses at the code.
    if (!(await this.twoStep.isEnabled(match.id))) await this.attempts.clear(address);
    return match;
  }

  /**
   * Drops the members whose organisation requires single sign-on for the address's verified domain
   * (all but its break-glass admins). When that leaves nobody the address must use the provider:
   * 403 `auth.sso_required`, whatever the password.
   */
  private async withoutSingleSignOnOnly(address: string, candidates: Member[]): Promise<Member[]> {
    const required = await this.singleSignOnRequirement(address);
    if (!required) return candidates;
    const allowed = candidates.filter((member) => mayUsePassword(member, required));
    if (!allowed.length)
      throw new SsoRequiredError(`/api/auth/sso/start?${new URLSearchParams({ email: address }).toString()}`);
    return allowed;
  }

  /**
   * The members of these who may use a password with this address: all but those whose organisation
   * requires single sign-on for the address's verified domain and has not named them break-glass
   * admins. Password resets ask it too.
   */
  async passwordAllowed<T extends Pick<Member, 'id' | 'organisationId'>>(
    address: string,
    members: T[],
  ): Promise<T[]> {
    const required = await this.singleSignOnRequirement(address);
    return required ? members.filter((member) => mayUsePassword(member, required)) : members;
  }

  private async singleSignOnRequirement(address: string): Promise<SingleSignOnRequirement | undefined> {
    const domain = address.trim().toLowerCase().split('@').pop() ?? '';
    const rows = (await this.dataSource.query(
      `SELECT p.organisation_id, p.break_glass_member_ids FROM sso_domains d
         JOIN sso_providers p ON p.organisation_id = d.organisation_id
        WHERE d.domain = $1 AND d.verified_at IS NOT NULL AND p.require_sso`,
      [domain],
    )) as SingleSignOnRequirement[];
    return rows[0];
  }

  /** A session for a member who just proved who they are with a password; recorded in the audit log. */
  async signIn(member: Member, userAgent?: string): Promise<IssuedTokens> {
    const tokens = await this.startSession(member, userAgent);
    await this.audit.record({
      organisationId: member.organisationId,
      actorId: member.id,
      action: 'auth.signed_in',
      target: { type: 'member', id: member.id },
    });
    return tokens;
  }

  /** A new session; the browser and system are read from the user agent once, here. */
  async startSession(member: Member, userAgent?: string): Promise<IssuedTokens> {
    const { browser, system } = describeUserAgent(userAgent);
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.insertSession(manager, {
        organisationId: member.organisationId,
        memberId: member.id,
        browser,
        system,
        lastUsedAt: new Date(),
        expiresAt: this.refreshExpiry(new Date()),
      });
      const refreshToken = randomBytes(32).toString('base64url');
      await this.sessions.insertRefreshToken(manager, sha256(refreshToken), session.id);
      return this.issue(member, session, refreshToken);
    });
  }

  /** Rotates a refresh token. A token that was already rotated is reuse: the whole session is revoked. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.sessions.lockRefreshToken(manager, sha256(refreshToken));
      if (!token) return undefined;
      const session = await this.sessions.findSession(manager, token.sessionId);
      if (!session || session.revokedAt || session.expiresAt <= new Date()) return undefined;
      // However often it is refreshed, a session ends SESSION_MAX_DAYS after the sign-in.
      if (this.sessionEnd(session.createdAt) <= new Date()) return undefined;
      if (token.replacedAt) {
        await this.sessions.revoke(manager, session.id, 'refresh_token_reused', new Date());
        return 'reused' as const;
      }
      const member = await this.sessions.activeMember(manager, session.memberId);
      if (!member) return undefined;
      const next = randomBytes(32).toString('base64url');
      await this.sessions.markRefreshTokenReplaced(manager, token.tokenHash, new Date());
      await this.sessions.insertRefreshToken(manager, sha256(next), session.id);
      session.lastUsedAt = new Date();
      session.expiresAt = this.refreshExpiry(session.createdAt);
      await this.sessions.saveSession(manager, session);
      return this.issue(member, session, next);
    });
    if (!outcome || outcome === 'reused') throw new InvalidRefreshError();
    return outcome;
  }

  async revokeByRefreshToken(refreshToken: string): Promise<void> {
    const token = await this.sessions.findRefreshToken(sha256(refreshToken));
    if (token) await this.revokeSession(token.sessionId, 'logout');
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.sessions.revokeOpen(sessionId, reason, new Date());
  }

  /** Ends every sign-in of a member at once (deactivation, erasure, password change). */
  async revokeAllSessions(
    organisationId: string,
    memberId: string,
    reason: string,
    manager?: EntityManager,
  ): Promise<void> {
    await this.sessions.revokeAllOpen(organisationId, memberId, reason, new Date(), manager);
  }

  /** Forgets the member's authenticator secret and recovery codes (erasure). */
  async eraseTwoStep(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await this.twoStep.remove(manager, organisationId, memberId);
  }

  /** The caller's open sessions, most recently used first, the one they call with marked. */
  async listSessions(caller: Caller): Promise<SessionSummaryDto[]> {
    const open = await this.sessions.openSessionsOf(
      caller.organisationId,
      caller.memberId,
      this.config.SESSION_MAX_DAYS,
    );
    return open.map((session) => ({
      id: session.id,
      browser: session.browser,
      system: session.system,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      current: session.id === caller.sessionId,
    }));
  }

  /** Ends one open session of the caller's own; another member's, or an ended one, is not found. */
  async endOwnSession(caller: Caller, sessionId: string): Promise<void> {
    const ended = await this.sessions.revokeOpenOf(
      caller.organisationId,
      caller.memberId,
      'ended_by_member',
      {
        only: sessionId,
      },
    );
    if (!ended) throw new SessionNotFoundError();
    await this.recordEnded(caller, caller.memberId, 'one', ended);
  }

  /** Ends every open session of the caller's but the one they call with; how many ended. */
  async endOtherSessions(caller: Caller): Promise<number> {
    const ended = await this.sessions.revokeOpenOf(
      caller.organisationId,
      caller.memberId,
      'ended_by_member',
      {
        except: caller.sessionId,
      },
    );
    if (ended) await this.recordEnded(caller, caller.memberId, 'others', ended);
    return ended;
  }

  /** An admin ends every open session of a member (the caller checks the member is theirs). */
  async endAllSessionsOf(caller: Caller, memberId: string): Promise<number> {
    const ended = await this.sessions.revokeOpenOf(caller.organisationId, memberId, 'ended_by_admin');
    await this.recordEnded(caller, memberId, 'all', ended);
    return ended;
  }

  private recordEnded(caller: Caller, memberId: string, scope: 'one' | 'others' | 'all', count: number) {
    return this.audit.record({
      organisationId: caller.organisationId,
      actorId: caller.memberId,
      action: 'member.sessions_ended',
      target: { type: 'member', id: memberId },
      details: { scope, count },
    });
  }

  /** Ends every sign-in of a member but the one given (a password change keeps the changer's own). */
  async revokeOtherSessions(
    manager: EntityManager,
    caller: Pick<Caller, 'organisationId' | 'memberId' | 'sessionId'>,
    reason: string,
  ): Promise<void> {
    await this.sessions.revokeOpenOf(
      caller.organisationId,
      caller.memberId,
      reason,
      { except: caller.sessionId },
      manager,
    );
  }

  /**
   * The caller behind an access token, or undefined. One indexed query per request checks that the
   * session is still open and the member still active, so revocation takes effect at once; the same
   * row gives the rest of the request the member and their organisation (`CallerSnapshot`).
   */
  async authenticate(accessToken: string): Promise<Caller | undefined> {
    const claims = this.signer.verify(accessToken);
    if (!claims) return undefined;
    const access = await this.sessions.rolesOfOpenSession(
      claims.sid,
      claims.sub,
      claims.org,
      this.config.SESSION_MAX_DAYS,
    );
    if (!access) return undefined;
    // The rest of the request reads the member and organisation from this query's row.
    keepCallerSnapshot(access.snapshot);
    return {
      memberId: claims.sub,
      organisationId: claims.org,
      sessionId: claims.sid,
      roles: access.roles,
      ...(access.twoStepDue ? { twoStepDue: true } : {}),
    };
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

  /** REFRESH_TOKEN_TTL_DAYS from now, but never past the end of the session's absolute lifetime. */
  private refreshExpiry(sessionStart: Date): Date {
    const sliding = Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS;
    return new Date(Math.min(sliding, this.sessionEnd(sessionStart).getTime()));
  }

  private sessionEnd(sessionStart: Date): Date {
    return new Date(sessionStart.getTime() + this.config.SESSION_MAX_DAYS * DAY_MS);
  }
}
