import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import * as openid from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { SecretBox, SecretBoxError } from '../../infra/security/secret-box';
import { AuditService } from '../audit/audit.service';
import { LOCALES, Member, type Locale } from '../members/entities/member.entity';
import { Team } from '../organisations/entities/team.entity';
import { WebhookEvents } from '../webhooks/webhook-events';
import { domainOf } from './domain-name';
import { SsoDomain } from './entities/sso-domain.entity';
import { SsoIdentity } from './entities/sso-identity.entity';
import { SsoProvider } from './entities/sso-provider.entity';
import { OpenIdProviders } from './openid-provider.client';

/** Why a sign-in through a provider was refused; the sign-in page shows each in words. */
export const SSO_FAILURES = [
  'flow_expired',
  'state_mismatch',
  'provider_error',
  'token_invalid',
  'provider_unreachable',
  'no_provider',
  'email_missing',
  'email_unverified',
  'email_outside_domains',
  'no_member',
  'member_inactive',
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

export class SsoSignInError extends Error {
  constructor(
    readonly failure: SsoFailure,
    readonly organisationId: string | null = null,
  ) {
    super(`sso.${failure}`);
    this.name = 'SsoSignInError';
  }
}

/** What the browser keeps (sealed, in a cookie) between leaving for the provider and coming back. */
interface PendingFlow {
  readonly o: string;
  readonly s: string;
  readonly n: string;
  readonly v: string;
  readonly r: string;
  readonly e: number;
}

export const FLOW_COOKIE = 'heimo_sso';
export const FLOW_COOKIE_PATH = '/api/auth/sso';
const FLOW_CONTEXT = 'sso-flow';
const SESSION_CONTEXT = 'sso-session';
/** Which provider a browser signed in through (sealed), for signing out there too. */
export const SESSION_COOKIE = 'heimo_sso_session';
export const SESSION_COOKIE_PATH = '/api/auth';
const FLOW_MS = 10 * 60 * 1000;
const SCOPE = 'openid email profile';

/** A path of this site (never another origin) to land on after signing in. */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\r\n\t]/.test(raw))
    return '/';
  return raw;
}

@Injectable()
export class SsoSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly providers: OpenIdProviders,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** The provider serving this address: its domain verified by an organisation that has one. */
  async providerForEmail(email: string): Promise<SsoProvider | undefined> {
    const domain = domainOf(email);
    const rows = (await this.dataSource.query(
      `SELECT d.organisation_id FROM sso_domains d JOIN sso_providers p ON p.organisation_id = d.organisation_id
        WHERE d.domain = $1 AND d.verified_at IS NOT NULL`,
      [domain],
    )) as { organisation_id: string }[];
    const organisationId = rows[0]?.organisation_id;
    if (!organisationId) return undefined;
    return (await this.dataSource.getRepository(SsoProvider).findOneBy({ organisationId })) ?? undefined;
  }

  startUrl(email: string, returnTo?: string): string {
    const query = new URLSearchParams({ email });
    if (returnTo) query.set('returnTo', safeReturnTo(returnTo));
    return `/api/auth/sso/start?${query.toString()}`;
  }

  /** The provider's authorization URL (code flow, PKCE, state, nonce) and the sealed cookie to set. */
  async start(email: string, returnTo: unknown): Promise<{ url: string; cookie: string; expires: Date }> {
    const provider = await this.providerForEmail(email);
    if (!provider) throw new SsoSignInError('no_provider');
    let configuration: openid.Configuration;
    try {
      configuration = await this.providers.configuration(provider);
    } catch {
      throw new SsoSignInError('provider_unreachable', provider.organisationId);
    }
    const verifier = openid.randomPKCECodeVerifier();
    const flow: PendingFlow = {
      o: provider.organisationId,
      s: openid.randomState(),
      n: openid.randomNonce(),
      v: verifier,
      r: safeReturnTo(returnTo),
      e: Date.now() + FLOW_MS,
    };
    const url = openid.buildAuthorizationUrl(configuration, {
      redirect_uri: this.providers.redirectUri,
      scope: SCOPE,
      code_challenge: await openid.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.s,
      nonce: flow.n,
      login_hint: email,
    });
    return {
      url: url.toString(),
      cookie: this.box.seal(JSON.stringify(flow), FLOW_CONTEXT),
      expires: new Date(flow.e),
    };
  }

  /** Where to land after the callback, read from the pending flow (or `/`). */
  returnToOf(sealed: string | undefined): string {
    return this.openFlow(sealed)?.r ?? '/';
  }

  /**
   * The provider's answer: the code exchanged (PKCE), state, nonce and the ID token checked (issuer,
   * audience, expiry, signature by the provider's JWKS), then the member found by (issuer, sub), or
   * linked by e-mail the first time, or created.
   */
  async complete(request: Request, sealed: string | undefined): Promise<Member> {
    const flow = this.openFlow(sealed);
    if (!flow || flow.e < Date.now()) throw new SsoSignInError('flow_expired');
    const provider = await this.dataSource.getRepository(SsoProvider).findOneBy({ organisationId: flow.o });
    if (!provider) throw new SsoSignInError('no_provider', flow.o);
    try {
      return await this.completeFor(provider, flow, request);
    } catch (error) {
      const failure = error instanceof SsoSignInError ? error.failure : 'token_invalid';
      await this.audit.record({
        organisationId: provider.organisationId,
        actorId: null,
        action: 'auth.sign_in_failed',
        details: { method: 'sso', reason: failure },
      });
      if (error instanceof SsoSignInError) throw error;
      throw new SsoSignInError('token_invalid', provider.organisationId);
    }
  }

  private async completeFor(
    provider: SsoProvider,
    flow: PendingFlow,
    request: Request & { ssoIdToken?: string },
  ): Promise<Member> {
    const organisationId = provider.organisationId;
    const current = new URL(request.originalUrl, this.config.publicUrl);
    if (current.searchParams.get('error')) throw new SsoSignInError('provider_error', organisationId);
    if (current.searchParams.get('state') !== flow.s)
      throw new SsoSignInError('state_mismatch', organisationId);
    let configuration: openid.Configuration;
    try {
      configuration = await this.providers.configuration(provider);
    } catch {
      throw new SsoSignInError('provider_unreachable', organisationId);
    }
    const tokens = await openid.authorizationCodeGrant(
      configuration,
      new URL(`${this.providers.redirectUri}${current.search}`),
      { pkceCodeVerifier: flow.v, expectedState: flow.s, expectedNonce: flow.n, idTokenExpected: true },
    );
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoSignInError('token_invalid', organisationId);
    // Kept (sealed) for signing out at the provider later.
    request.ssoIdToken = tokens.id_token;
    let claims: Record<string, unknown> = { ...idClaims };
    if (configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await openid.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        // The ID token's claims win: they are signed.
        claims = { ...info, ...idClaims };
      } catch {
        // Userinfo is a supplement; the ID token alone may carry all we need.
      }
    }
    const issuer = configuration.serverMetadata().issuer;
    const member = await this.dataSource.transaction((manager) =>
      this.memberFor(manager, provider, issuer, idClaims.sub, claims),
    );
    return member;
  }

  private async memberFor(
    manager: EntityManager,
    provider: SsoProvider,
    issuer: string,
    subject: string,
    claims: Record<string, unknown>,
  ): Promise<Member> {
    const organisationId = provider.organisationId;
    const identities = manager.getRepository(SsoIdentity);
    const members = manager.getRepository(Member);
    const linked = await identities.findOneBy({ organisationId, issuer, subject });
    if (linked) {
      const member = await members.findOneBy({ id: linked.memberId, organisationId });
      if (!member || member.status !== 'active') throw new SsoSignInError('member_inactive', organisationId);
      await identities.update({ id: linked.id }, { lastSignedInAt: new Date() });
      return member;
    }
    // The first sign-in: the e-mail claim makes the link, only in a verified domain and only when the
    // provider does not say the address is unverified.
    const rawEmail = claims[provider.claims.email];
    if (typeof rawEmail !== 'string' || !rawEmail.includes('@') || rawEmail.length > 254)
      throw new SsoSignInError('email_missing', organisationId);
    if (claims.email_verified === false || claims.email_verified === 'false')
      throw new SsoSignInError('email_unverified', organisationId);
    const email = rawEmail.trim().toLowerCase();
    const domain = await manager
      .getRepository(SsoDomain)
      .findOneBy({ organisationId, domain: domainOf(email) });
    if (!domain?.verifiedAt) throw new SsoSignInError('email_outside_domains', organisationId);
    let member = await members.findOneBy({ organisationId, email });
    if (member) {
      if (member.status === 'deactivated') throw new SsoSignInError('member_inactive', organisationId);
      if (await identities.findOneBy({ organisationId, issuer, memberId: member.id }))
        // Already linked to another account at this provider: an e-mail never moves a sign-in.
        throw new SsoSignInError('no_member', organisationId);
      if (member.status === 'invited') {
        // Signing in through the provider accepts the invitation: the identity is linked to the
        // invited member (below) and no password is set.
        member.status = 'active';
        member = await members.save(member);
        await this.acceptInvitation(manager, member);
      }
    } else {
      if (!provider.provisioningEnabled) throw new SsoSignInError('no_member', organisationId);
      member = await members.save(
        members.create({
          organisationId,
          email,
          name: this.text(claims[provider.claims.name], 200) ?? email.slice(0, email.indexOf('@')),
          roles: provider.provisioningRoles,
          kind: provider.provisioningKind,
          status: 'active',
          locale: this.locale(provider.claims.locale ? claims[provider.claims.locale] : undefined),
          teamId: await this.teamId(
            manager,
            organisationId,
            provider.claims.team ? claims[provider.claims.team] : undefined,
          ),
          passwordHash: null,
          managedBy: 'sso',
        }),
      );
      await this.audit.record(
        {
          organisationId,
          actorId: member.id,
          action: 'member.joined',
          target: { type: 'member', id: member.id },
          details: { method: 'sso' },
        },
        manager,
      );
    }
    await identities.save(
      identities.create({ organisationId, memberId: member.id, issuer, subject, lastSignedInAt: new Date() }),
    );
    return member;
  }

  private async acceptInvitation(manager: EntityManager, member: Member): Promise<void> {
    const accepted = (await manager.query(
      `UPDATE invitations SET accepted_at = now()
        WHERE organisation_id = $1 AND member_id = $2 AND accepted_at IS NULL
        RETURNING invited_by_member_id`,
      [member.organisationId, member.id],
    )) as unknown[];
    // TypeORM answers an UPDATE on PostgreSQL as [rows, count].
    const rows = (Array.isArray(accepted[0]) ? accepted[0] : accepted) as {
      invited_by_member_id: string | null;
    }[];
    const invitedBy = rows[0]?.invited_by_member_id ?? null;
    await this.audit.record(
      {
        organisationId: member.organisationId,
        actorId: member.id,
        action: 'invitation.accepted',
        target: { type: 'member', id: member.id },
        details: { invitedBy, method: 'sso' },
      },
      manager,
    );
    await this.webhooks.emit(manager, member.organisationId, 'member.joined', {
      memberId: member.id,
      kind: member.kind,
      via: 'invitation',
      joinedAt: new Date().toISOString(),
    });
  }

  /** The provider session of a sign-in, sealed for its cookie. */
  sealSession(organisationId: string, idToken: string | undefined): string {
    return this.box.seal(JSON.stringify({ o: organisationId, t: idToken ?? null }), SESSION_CONTEXT);
  }

  /**
   * Where to send the browser to sign out at the provider too: its `end_session_endpoint` with the
   * ID token as a hint, back to the sign-in page afterwards. Undefined when the sign-in was not through
   * a provider, or the provider publishes no such endpoint.
   */
  async endSessionUrl(sealed: string | undefined): Promise<string | undefined> {
    if (!sealed || sealed.length > 6000) return undefined;
    let session: { o: string; t: string | null };
    try {
      session = JSON.parse(this.box.open(sealed, SESSION_CONTEXT)) as { o: string; t: string | null };
    } catch {
      return undefined;
    }
    const provider = await this.dataSource
      .getRepository(SsoProvider)
      .findOneBy({ organisationId: session.o });
    if (!provider) return undefined;
    try {
      const configuration = await this.providers.configuration(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return openid
        .buildEndSessionUrl(configuration, {
          post_logout_redirect_uri: `${this.config.publicUrl}/login`,
          ...(session.t ? { id_token_hint: session.t } : {}),
        })
        .toString();
    } catch {
      // The provider is unreachable: the Heimo session ends all the same.
      return undefined;
    }
  }

  private text(value: unknown, max: number): string | undefined {
    if (typeof value !== 'string') return undefined;
    const text = value
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .trim()
      .slice(0, max);
    return text || undefined;
  }

  private locale(value: unknown): Locale {
    const language = typeof value === 'string' ? value.slice(0, 2).toLowerCase() : '';
    return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
  }

  private async teamId(
    manager: EntityManager,
    organisationId: string,
    value: unknown,
  ): Promise<string | null> {
    const name = this.text(value, 80);
    if (!name) return null;
    const rows = (await manager.query(
      'SELECT id FROM teams WHERE organisation_id = $1 AND lower(name) = lower($2) LIMIT 1',
      [organisationId, name],
    )) as Pick<Team, 'id'>[];
    return rows[0]?.id ?? null;
  }

  private openFlow(sealed: string | undefined): PendingFlow | undefined {
    if (!sealed || sealed.length > 2000) return undefined;
    try {
      return JSON.parse(this.box.open(sealed, FLOW_CONTEXT)) as PendingFlow;
    } catch (error) {
      if (error instanceof SecretBoxError || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }
}
