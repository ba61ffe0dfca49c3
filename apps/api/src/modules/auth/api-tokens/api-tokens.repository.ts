import type { ApiTokenScope } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { erasedMemberSql } from '../../members/erased-member';
import { ApiToken } from '../entities/api-token.entity';

export type NewApiToken = Pick<
  ApiToken,
  'organisationId' | 'name' | 'scopes' | 'tokenHash' | 'hint' | 'createdByMemberId' | 'expiresAt'
>;

export interface ApiTokenRow {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  hint: string;
  created_at: Date;
  created_by_name: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface UsableToken {
  id: string;
  organisation_id: string;
  scopes: ApiTokenScope[];
  /** Not marked used in the last minute: mark it now. */
  stale: boolean;
  /** Not used in the last hour (or never): its use goes to the audit log. */
  audit_due: boolean;
}

/**
 * Which tokens: the API tokens of Settings → Integrations, or the SCIM tokens of Settings →
 * Provisioning (scope `scim`); each page lists and revokes only its own.
 */
export type TokenKind = 'api' | 'scim';

/** How stale `last_used_at` may get before a request writes it again: at most one write a minute. */
const LAST_USED_GRANULARITY_SECONDS = 60;
/** A token's use is audited at most once an hour (its first use, and again after an hour's quiet). */
const USE_AUDIT_GAP_SECONDS = 3600;
/** An organisation has a handful of tokens; the list is not paged beyond this. */
export const API_TOKEN_LIST_LIMIT = 500;

/** The `api_tokens` table: organisation API tokens (and SCIM tokens later), kept as hashes only. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, token: NewApiToken): Promise<ApiToken> {
    const tokens = manager.getRepository(ApiToken);
    return tokens.save(
      tokens.create({ ...token, lastUsedAt: null, revokedAt: null, revokedByMemberId: null }),
    );
  }

  /** The organisation's tokens, newest first, with their creator's name (none once erased). */
  list(
    organisationId: string,
    only?: string,
    manager: EntityManager = this.dataSource.manager,
    kind: TokenKind = 'api',
  ): Promise<ApiTokenRow[]> {
    return manager.query<ApiTokenRow[]>(
      `SELECT t.id, t.name, t.scopes, t.hint, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
              CASE WHEN m.id IS NULL OR ${erasedMemberSql('m')} THEN NULL ELSE m.name END AS created_by_name
         FROM api_tokens t LEFT JOIN members m ON m.id = t.created_by_member_id
        WHERE t.organisation_id = $1 AND ($2::uuid IS NULL OR t.id = $2::uuid)
          AND ('scim' = ANY(t.scopes)) = $4
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT $3`,
      [organisationId, only ?? null, API_TOKEN_LIST_LIMIT, kind === 'scim'],
    );
  }

  /**
   * Revokes the organisation's token unless it is revoked already; whether it was found (revoked
   * now or before) and whether this call revoked it.
   */
  async revoke(
    manager: EntityManager,
    organisationId: string,
    tokenId: string,
    by: string,
    kind: TokenKind = 'api',
  ): Promise<'revoked' | 'already' | 'missing'> {
    const rows = await manager.query<{ revoked_now: boolean }[]>(
      `WITH target AS (SELECT id, revoked_at FROM api_tokens
                        WHERE id = $1 AND organisation_id = $2 AND ('scim' = ANY(scopes)) = $4 FOR UPDATE),
            changed AS (UPDATE api_tokens t SET revoked_at = now(), revoked_by_member_id = $3
                          FROM target WHERE t.id = target.id AND target.revoked_at IS NULL RETURNING t.id)
       SELECT EXISTS (SELECT 1 FROM changed) AS revoked_now FROM target`,
      [tokenId, organisationId, by, kind === 'scim'],
    );
    if (!rows[0]) return 'missing';
    return rows[0].revoked_now ? 'revoked' : 'already';
  }

  /** The token with this hash when it is neither revoked nor expired. One indexed query. */
  async usable(tokenHash: string): Promise<UsableToken | undefined> {
    const rows = await this.dataSource.query<UsableToken[]>(
      `SELECT id, organisation_id, scopes,
              (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2::int)) AS stale,
              (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $3::int)) AS audit_due
         FROM api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [tokenHash, LAST_USED_GRANULARITY_SECONDS, USE_AUDIT_GAP_SECONDS],
    );
    return rows[0];
  }

  /**
   * Marks the token used now unless another request did within the minute; true when this call
   * wrote it (so of requests at once one records the use).
   */
  async markUsed(tokenId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2::int))
        RETURNING id`,
      [tokenId, LAST_USED_GRANULARITY_SECONDS],
    );
    return rows.length > 0;
  }
}
