import { Module } from '@nestjs/common';
import { SecurityModule } from '../../../../infra/security/security.module';
import { MASTODON_PROVIDERS, MastodonAdapter } from './mastodon.adapter';

/**
 * The Mastodon adapter as a Nest provider: import this module and inject `MastodonAdapter` (a
 * `ConnectedNetworkAdapter` for `mastodon`). It needs the global APP_CONFIG and TypeORM's DataSource.
 */
@Module({
  imports: [SecurityModule],
  providers: MASTODON_PROVIDERS,
  exports: [MastodonAdapter],
})
export class MastodonAdapterModule {}
