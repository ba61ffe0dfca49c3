import { createHash, randomBytes } from 'node:crypto';
import {
  type ApiTokenScope,
  API_TOKEN_HINT_LENGTH,
  API_TOKEN_PREFIX,
  apiTokenExpiryProblem,
  looksLikeApiToken,
} from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { ValidationError } from '../../../infra/http/app-error';
import { type Caller, NO_MEMBER_ID } from '../../../infra/http/caller';
import { AuditService } from '../../audit/audit.service';
import type { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from '../dto/api-token.dto';
import { RateLimitRedis } from '../rate-limit/rate-limit-redis';
import { RateLimitedError } from '../rate-limit/rate-limited.error';
import { ApiTokenNotFoundError } from './api-tokens.errors';
import { type ApiTokenRow, ApiTokensRepository, type TokenKind } from './api-tokens.repository';

export interface AuthenticatedToken {
  readonly caller: Caller;
  /** Not marked used within the last minute. */
  readonly stale: boolean;
  /** Not used within the last hour: this use is audited. */
  readonly auditDue: boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Counts one request and answers the count with the time left in the window (atomic, one round trip). */
const COUNT_REQUEST = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Organisation API tokens: admins create (the token is answered once), list and revoke them; the
 * auth guard turns a bearer token into a Caller here, counts its requests against
 * RATE_LIMIT_API_TOKEN and marks its use.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditService,
    private readonly redis: RateLimitRedis,
  ) {}

  async list(organisationId: string, kind: TokenKind = 'api'): Promise<ApiTokenDto[]> {
    return (await this.tokens.list(organisationId, undefined, undefined, kind)).map(toDto);
  }

  async create(caller: Caller, body: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.issue(caller, body.name, [...body.scopes], new Date(body.expiresAt), 'api');
  }

  /** A SCIM token for an identity provider: scope `scim`, no expiry unless one is given. */
  async createScim(
    caller: Caller,
    name: string,
    expiresAt: string | null | undefined,
  ): Promise<CreatedApiTokenDto> {
    return this.issue(caller, name, ['scim'], expiresAt ? new Date(expiresAt) : null, 'scim');
  }

  private async issue(
    caller: Caller,
    name: string,
    scopes: ApiTokenScope[],
    expiresAt: Date | null,
    kind: TokenKind,
  ): Promise<CreatedApiTokenDto> {
    const problem = expiresAt ? apiTokenExpiryProblem(expiresAt) : null;
    if (problem)
      throw new ValidationError([
        {
          field: 'expiresAt',
          code: problem,
          message:
            problem === 'api_token.expiry_past'
              ? 'expiresAt must be in the future'
              : 'expiresAt must be at most 366 days from now',
        },
      ]);
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.dataSource.transaction(async (manager) => {
      const saved = await this.tokens.insert(manager, {
        organisationId: caller.organisationId,
        name,
        scopes,
        tokenHash: sha256(token),
        hint: token.slice(0, API_TOKEN_HINT_LENGTH),
        createdByMemberId: caller.memberId,
        expiresAt,
      });
      await this.audit.record(
        {
          organisationId: caller.organisationId,
          actorId: caller.memberId,
          action: 'api_token.created',
          target: { type: 'api_token', id: saved.id },
          details: { scopes: saved.scopes, expiresAt: expiresAt?.toISOString() ?? null },
        },
        manager,
      );
      const [listed] = await this.tokens.list(caller.organisationId, saved.id, manager, kind);
      if (!listed) throw new Error(`API token ${saved.id} not found after insert`);
      return listed;
    });
    return { ...toDto(row), token };
  }

  /** Revokes the token at once; revoking a revoked token changes nothing and answers it as it is. */
  async revoke(caller: Caller, tokenId: string, kind: TokenKind = 'api'): Promise<ApiTokenDto> {
    const row = await this.dataSource.transaction(async (manager) => {
      const outcome = await this.tokens.revoke(
        manager,
        caller.organisationId,
        tokenId,
        caller.memberId,
        kind,
      );
      if (outcome === 'missing') throw new ApiTokenNotFoundError();
      if (outcome === 'revoked')
        await this.audit.record(
          {
            organisationId: caller.organisationId,
            actorId: caller.memberId,
            action: 'api_token.revoked',
            target: { type: 'api_token', id: tokenId },
          },
          manager,
        );
      const [listed] = await this.tokens.list(caller.organisationId, tokenId, manager, kind);
      if (!listed) throw new ApiTokenNotFoundError();
      return listed;
    });
    return toDto(row);
  }

  /** The caller behind a bearer token, or undefined when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthenticatedToken | undefined> {
    if (!looksLikeApiToken(token)) return undefined;
    const found = await this.tokens.usable(sha256(token));
    if (!found) return undefined;
    return {
      caller: {
        memberId: NO_MEMBER_ID,
        sessionId: NO_MEMBER_ID,
        organisationId: found.organisation_id,
        roles: [],
        token: { id: found.id, scopes: found.scopes },
      },
      stale: found.stale,
      auditDue: found.audit_due,
    };
  }

  /**
   * Counts a request of the token; past its limit in the window it answers 429: RATE_LIMIT_SCIM_TOKEN
   * for an identity provider's SCIM token (a first sync sends a request per person and group),
   * RATE_LIMIT_API_TOKEN for the others.
   */
  async countRequest(token: { id: string; scopes: readonly string[] }): Promise<void> {
    const windowMs = this.config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    const [count, ttl] = (await this.redis.client.eval(
      COUNT_REQUEST,
      1,
      `api-token:${token.id}`,
      windowMs,
    )) as [number, number];
    const limit = token.scopes.includes('scim')
      ? this.config.RATE_LIMIT_SCIM_TOKEN
      : this.config.RATE_LIMIT_API_TOKEN;
    if (count > limit)
      throw new RateLimitedError(
        ttl > 0 ? ttl / 1000 : this.config.RATE_LIMIT_WINDOW_SECONDS,
        'Too many requests with this API token. Try again later.',
      );
  }

  /**
   * Marks the token used (at most one write a minute) and records `api_token.used` with the route
   * at its first use and after an hour without one, so the audit log shows when a token is in use
   * without a row per request.
   */
  async noteUse(
    { caller, stale, auditDue }: AuthenticatedToken,
    route: { method: string; path: string },
  ): Promise<void> {
    if (!caller.token || !stale) return;
    const wrote = await this.tokens.markUsed(caller.token.id);
    if (wrote && auditDue)
      await this.audit.record({
        organisationId: caller.organisationId,
        actorId: null,
        action: 'api_token.used',
        target: { type: 'api_token', id: caller.token.id },
        details: { method: route.method, route: route.path },
      });
  }
}

function toDto(row: ApiTokenRow): ApiTokenDto {
  const expired = row.expires_at !== null && new Date(row.expires_at).getTime() <= Date.now();
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    hint: row.hint,
    createdAt: new Date(row.created_at).toISOString(),
    createdByName: row.created_by_name,
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    status: row.revoked_at ? 'revoked' : expired ? 'expired' : 'active',
  };
}
