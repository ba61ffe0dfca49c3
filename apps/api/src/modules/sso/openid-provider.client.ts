import { Inject, Injectable } from '@nestjs/common';
import * as openid from 'openid-client';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { OutboundPolicy } from '../../infra/outbound/guarded-fetch';
import { discoverOpenIdProvider } from '../../infra/outbound/openid-discovery';
import { SecretBox } from '../../infra/security/secret-box';
import type { SsoProvider } from './entities/sso-provider.entity';

const CACHE_MS = 5 * 60 * 1000;

export const secretContext = (organisationId: string) => `sso-client-secret:${organisationId}`;

/**
 * openid-client Configurations of the organisations' providers. Discovery, JWKS, token and userinfo
 * requests all go through the outbound policy; a Configuration is kept for five minutes, keyed by
 * everything it was made from, so a changed setting takes effect at once.
 */
@Injectable()
export class OpenIdProviders {
  readonly policy: OutboundPolicy;
  private readonly cache = new Map<string, { key: string; at: number; config: openid.Configuration }>();

  constructor(
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
    private readonly box: SecretBox,
  ) {
    this.policy = { maxBytes: 512 * 1024, timeoutMs: 10_000, allowedHosts: appConfig.OUTBOUND_ALLOWED_HOSTS };
  }

  get redirectUri(): string {
    return `${this.appConfig.publicUrl}/api/auth/sso/callback`;
  }

  async configuration(provider: SsoProvider, fresh = false): Promise<openid.Configuration> {
    const key = `${provider.issuer}\n${provider.clientId}\n${provider.clientSecretSealed}`;
    const cached = this.cache.get(provider.organisationId);
    if (!fresh && cached && cached.key === key && Date.now() - cached.at < CACHE_MS) return cached.config;
    const secret = this.box.open(provider.clientSecretSealed, secretContext(provider.organisationId));
    const config = await discoverOpenIdProvider(provider.issuer, provider.clientId, secret, this.policy);
    // The ID token's signature is checked against the provider's JWKS, not only trusted for having
    // come over TLS from the token endpoint.
    openid.enableNonRepudiationChecks(config);
    this.cache.set(provider.organisationId, { key, at: Date.now(), config });
    return config;
  }

  /** A Configuration made from settings not saved yet (the connection test); never cached. */
  async unsaved(issuer: string, clientId: string, secret: string): Promise<openid.Configuration> {
    const config = await discoverOpenIdProvider(issuer, clientId, secret, this.policy);
    openid.enableNonRepudiationChecks(config);
    return config;
  }

  /** The saved client secret of an organisation's provider, opened. */
  openSecret(provider: SsoProvider): string {
    return this.box.open(provider.clientSecretSealed, secretContext(provider.organisationId));
  }

  forget(organisationId: string): void {
    this.cache.delete(organisationId);
  }
}
