import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as openid from 'openid-client';
import { DataSource, In, QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { SecretBox } from '../../infra/security/secret-box';
import { AuditService } from '../audit/audit.service';
import { Member } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { checkDomainName } from './domain-name';
import type {
  SaveSsoProviderDto,
  SsoDomainDto,
  SsoDomainListDto,
  SsoProviderDto,
  SsoSettingsDto,
  SsoTestResultDto,
  TestSsoConnectionDto,
} from './dto/sso.dto';
import { SsoDomain, type DomainVerificationMethod } from './entities/sso-domain.entity';
import { SsoProvider } from './entities/sso-provider.entity';
import { checkIssuerUrl } from './issuer-url';
import { OpenIdProviders, secretContext } from './openid-provider.client';
import {
  SsoDomainExistsError,
  SsoDomainNotFoundError,
  SsoDomainTakenError,
  SsoDomainUnprovenError,
  SsoFieldError,
  SsoProviderNotFoundError,
} from './sso.errors';
import { TxtResolver } from './txt-resolver';

export const RECORD_PREFIX = '_heimo-verification';
export const RECORD_VALUE_PREFIX = 'heimo-verification=';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/** The organisation's sign-in settings: its OpenID provider and the mail domains it has proven. */
@Injectable()
export class SsoSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly providers: OpenIdProviders,
    private readonly audit: AuditService,
    private readonly txt: TxtResolver,
  ) {}

  async view(organisationId: string): Promise<SsoSettingsDto> {
    const provider = await this.dataSource.getRepository(SsoProvider).findOneBy({ organisationId });
    return { provider: provider ? this.toDto(provider) : null, redirectUri: this.providers.redirectUri };
  }

  async save(organisationId: string, actorId: string, body: SaveSsoProviderDto): Promise<SsoSettingsDto> {
    const issuer = checkIssuerUrl(body.issuer, this.config.OUTBOUND_ALLOWED_HOSTS);
    if (!body.provisioning.roles.length)
      throw new SsoFieldError('provisioning.roles', 'validation.arrayNotEmpty', 'Give at least one role.');
    const breakGlass = [...new Set(body.breakGlassMemberIds.map((id) => id.toLowerCase()))];
    if (breakGlass.length) {
      const admins = await this.dataSource.getRepository(Member).findBy({
        organisationId,
        id: In(breakGlass),
        status: 'active',
      });
      const valid = new Set(admins.filter((m) => m.roles.includes('admin')).map((m) => m.id));
      if (breakGlass.some((id) => !valid.has(id)))
        throw new SsoFieldError(
          'breakGlassMemberIds',
          'sso.break_glass_not_admin',
          'Break-glass members must be active admins of the organisation.',
        );
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(SsoProvider);
      const existing = await repo.findOne({ where: { organisationId }, lock: { mode: 'pessimistic_write' } });
      const sealed = body.clientSecret
        ? this.box.seal(body.clientSecret, secretContext(organisationId))
        : existing?.clientSecretSealed;
      if (!sealed)
        throw new SsoFieldError('clientSecret', 'sso.client_secret_required', 'Give the client secret.');
      const row = repo.create({
        ...(existing ?? {}),
        organisationId,
        issuer,
        clientId: body.clientId,
        clientSecretSealed: sealed,
        claims: {
          name: body.claims.name,
          email: body.claims.email,
          locale: body.claims.locale ?? null,
          team: body.claims.team ?? null,
        },
        provisioningEnabled: body.provisioning.enabled,
        provisioningRoles: [...new Set(body.provisioning.roles)],
        provisioningKind: body.provisioning.kind,
        requireSso: body.requireSso,
        breakGlassMemberIds: breakGlass,
      });
      const changed = existing
        ? (['issuer', 'clientId', 'requireSso', 'provisioningEnabled'] as const).filter(
            (key) => existing[key] !== row[key],
          )
        : ['created'];
      const result = await repo.save(row);
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'sso.configured',
          target: { type: 'organisation', id: organisationId },
          details: { changed, secretChanged: Boolean(body.clientSecret), requireSso: row.requireSso },
        },
        manager,
      );
      return result;
    });
    this.providers.forget(organisationId);
    return { provider: this.toDto(saved), redirectUri: this.providers.redirectUri };
  }

  async remove(organisationId: string, actorId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(SsoProvider).delete({ organisationId });
      if (!result.affected) throw new SsoProviderNotFoundError();
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'sso.removed',
          target: { type: 'organisation', id: organisationId },
        },
        manager,
      );
    });
    this.providers.forget(organisationId);
  }

  /**
   * Discovery (issuer and metadata) and the client credentials, tried at the token endpoint: of the
   * settings as typed (issuer and client id; the typed secret or else the saved one) or, when none
   * are given, of the saved provider. An issuer the outbound policy refuses or cannot reach is a
   * problem naming `issuer`.
   */
  async test(organisationId: string, typed: TestSsoConnectionDto = {}): Promise<SsoTestResultDto> {
    const provider = await this.dataSource.getRepository(SsoProvider).findOneBy({ organisationId });
    const connect = this.connectionToTest(provider, typed);
    const result = (
      discovery: boolean,
      credentials: boolean,
      code: string | null,
      detail: string | null,
      endSessionEndpoint: string | null = null,
    ): SsoTestResultDto => ({ discovery, credentials, code, detail, endSessionEndpoint });
    let configuration: openid.Configuration;
    try {
      configuration = await connect();
    } catch (error) {
      if (error instanceof OutboundError && error.failure === 'private_address')
        throw new SsoFieldError('issuer', 'sso.issuer_private_address', error.detail);
      if (error instanceof OutboundError)
        throw new SsoFieldError(
          'issuer',
          'sso.issuer_unreachable',
          `The issuer could not be reached (${error.failure}): ${error.detail}`,
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      return result(false, false, 'sso.discovery_failed', describe(error));
    }
    const endSession = configuration.serverMetadata().end_session_endpoint ?? null;
    try {
      // A code that cannot be right: a provider that accepts the client answers invalid_grant, one
      // that does not answers invalid_client (or 401).
      await openid.genericGrantRequest(configuration, 'authorization_code', {
        code: `heimo-connection-test-${randomBytes(8).toString('hex')}`,
        redirect_uri: this.providers.redirectUri,
      });
      return result(true, true, null, null, endSession);
    } catch (error) {
      const oauthError = (error as { error?: unknown }).error;
      if (oauthError === 'invalid_grant') return result(true, true, null, null, endSession);
      if (oauthError === 'invalid_client' || oauthError === 'unauthorized_client')
        return result(
          true,
          false,
          'sso.client_rejected',
          'The provider refused the client id or secret.',
          endSession,
        );
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof OutboundError)
        return result(true, false, `sso.outbound_${cause.failure}`, cause.detail, endSession);
      return result(true, false, 'sso.token_endpoint_failed', describe(error), endSession);
    }
  }

  /** How to reach the provider under test: the typed settings, or the saved ones when none are typed. */
  private connectionToTest(
    provider: SsoProvider | null,
    typed: TestSsoConnectionDto,
  ): () => Promise<openid.Configuration> {
    const { issuer, clientId, clientSecret } = typed;
    if (issuer === undefined && clientId === undefined) {
      if (!provider) throw new SsoProviderNotFoundError();
      return () => this.providers.configuration(provider, true);
    }
    if (issuer === undefined)
      throw new SsoFieldError('issuer', 'validation.isNotEmpty', 'Give the issuer to test.');
    if (clientId === undefined)
      throw new SsoFieldError('clientId', 'validation.isNotEmpty', 'Give the client id to test.');
    const checked = checkIssuerUrl(issuer, this.config.OUTBOUND_ALLOWED_HOSTS);
    const secret = clientSecret ?? (provider ? this.providers.openSecret(provider) : undefined);
    if (!secret)
      throw new SsoFieldError('clientSecret', 'sso.client_secret_required', 'Give the client secret.');
    return () => this.providers.unsaved(checked, clientId, secret);
  }

  async listDomains(organisationId: string): Promise<SsoDomainListDto> {
    const rows = await this.dataSource
      .getRepository(SsoDomain)
      .find({ where: { organisationId }, order: { domain: 'ASC' } });
    return { items: rows.map(domainDto) };
  }

  async addDomain(organisationId: string, actorId: string, raw: string): Promise<SsoDomainDto> {
    const domain = checkDomainName(raw);
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(SsoDomain);
      const taken = await repo.findOne({ where: { domain } });
      if (taken && taken.organisationId !== organisationId && taken.verifiedAt)
        throw new SsoDomainTakenError();
      if (await repo.findOne({ where: { domain, organisationId } })) throw new SsoDomainExistsError();
      let row: SsoDomain;
      try {
        row = await repo.save(
          repo.create({ organisationId, domain, token: randomBytes(18).toString('base64url') }),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new SsoDomainExistsError();
        throw error;
      }
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'sso.domain_added',
          target: { type: 'organisation', id: organisationId },
          details: { domain },
        },
        manager,
      );
      return domainDto(row);
    });
  }

  /** Looks the TXT record up; the domain serves sign-in from now on if it holds the token. */
  async verifyDomain(organisationId: string, actorId: string, domainId: string): Promise<SsoDomainDto> {
    const row = await this.dataSource.getRepository(SsoDomain).findOneBy({ id: domainId, organisationId });
    if (!row) throw new SsoDomainNotFoundError();
    if (row.verifiedAt) return domainDto(row);
    const name = `${RECORD_PREFIX}.${row.domain}`;
    let records: string[][];
    try {
      records = await this.txt.resolve(name);
    } catch {
      throw new SsoDomainUnprovenError(`The TXT records of ${name} could not be read; try again later.`);
    }
    const expected = `${RECORD_VALUE_PREFIX}${row.token}`;
    if (!records.some((chunks) => chunks.join('').trim() === expected))
      throw new SsoDomainUnprovenError(`${name} has no TXT record "${expected}" yet.`);
    return this.markVerified(row, 'dns', actorId);
  }

  async removeDomain(organisationId: string, actorId: string, domainId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(SsoDomain);
      const row = await repo.findOneBy({ id: domainId, organisationId });
      if (!row) throw new SsoDomainNotFoundError();
      await repo.delete({ id: row.id });
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'sso.domain_removed',
          target: { type: 'organisation', id: organisationId },
          details: { domain: row.domain },
        },
        manager,
      );
    });
  }

  /**
   * The operator's approval (the `org:approve-domain` command): the domain is verified for the
   * organisation with this slug, added first if it was not. Refused when another organisation has
   * verified it.
   */
  async approveByOperator(
    slug: string,
    raw: string,
  ): Promise<{ organisation: Organisation; domain: SsoDomainDto }> {
    const domain = checkDomainName(raw);
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ slug });
    if (!organisation)
      throw new SsoFieldError('org', 'organisation.not_found', `No organisation has the slug ${slug}.`);
    const repo = this.dataSource.getRepository(SsoDomain);
    let row = await repo.findOneBy({ organisationId: organisation.id, domain });
    if (row?.verifiedAt) return { organisation, domain: domainDto(row) };
    row ??= await repo.save(
      repo.create({ organisationId: organisation.id, domain, token: randomBytes(18).toString('base64url') }),
    );
    return { organisation, domain: await this.markVerified(row, 'operator', null) };
  }

  private async markVerified(
    row: SsoDomain,
    method: DomainVerificationMethod,
    actorId: string | null,
  ): Promise<SsoDomainDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        row.verifiedAt = new Date();
        row.verifiedBy = method;
        const saved = await manager.getRepository(SsoDomain).save(row);
        await this.audit.record(
          {
            organisationId: row.organisationId,
            actorId,
            action: 'sso.domain_verified',
            target: { type: 'organisation', id: row.organisationId },
            details: { domain: row.domain, method },
          },
          manager,
        );
        return domainDto(saved);
      });
    } catch (error) {
      // The partial unique index: another organisation verified the domain first.
      if (isUniqueViolation(error)) throw new SsoDomainTakenError();
      throw error;
    }
  }

  private toDto(row: SsoProvider): SsoProviderDto {
    return {
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecretSet: Boolean(row.clientSecretSealed),
      claims: row.claims,
      provisioning: {
        enabled: row.provisioningEnabled,
        roles: row.provisioningRoles,
        kind: row.provisioningKind,
      },
      requireSso: row.requireSso,
      breakGlassMemberIds: row.breakGlassMemberIds,
      redirectUri: this.providers.redirectUri,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function domainDto(row: SsoDomain): SsoDomainDto {
  return {
    id: row.id,
    domain: row.domain,
    recordName: `${RECORD_PREFIX}.${row.domain}`,
    recordValue: `${RECORD_VALUE_PREFIX}${row.token}`,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    verifiedBy: row.verifiedBy,
  };
}

const describe = (error: unknown): string =>
  error instanceof Error ? error.message.slice(0, 300) : 'The provider could not be reached.';
