import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { SecurityModule } from '../../infra/security/security.module';
import { AuditModule } from '../audit/audit.module';
import { OpenIdCallbackGuard, OpenIdStrategy } from './oidc.strategy';
import { OpenIdProviders } from './openid-provider.client';
import { SsoAuthController } from './sso-auth.controller';
import { SsoSettingsController } from './sso-settings.controller';
import { SsoSettingsService } from './sso-settings.service';
import { SsoSignInService } from './sso-sign-in.service';
import { TxtResolver } from './txt-resolver';

/** Single sign-on through each organisation's OpenID provider, for its verified mail domains. */
@Module({
  imports: [PassportModule, AuditModule, SecurityModule],
  controllers: [SsoSettingsController, SsoAuthController],
  providers: [
    OpenIdProviders,
    SsoSettingsService,
    SsoSignInService,
    TxtResolver,
    OpenIdStrategy,
    OpenIdCallbackGuard,
  ],
  exports: [SsoSettingsService, TxtResolver],
})
export class SsoModule {}
