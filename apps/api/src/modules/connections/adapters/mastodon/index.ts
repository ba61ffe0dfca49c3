export { MastodonAdapterModule } from './mastodon-adapter.module';
export {
  MASTODON_ADAPTER_OPTIONS,
  MASTODON_PROVIDERS,
  MASTODON_SCOPES,
  MastodonAdapter,
  type MastodonAdapterOptions,
  mastodonAdapterOptions,
} from './mastodon.adapter';
export { MastodonApp } from './mastodon-app.entity';
export {
  MASTODON_SERVER_ERROR_CODES,
  type MastodonServerErrorCode,
  MastodonServerError,
} from './mastodon.errors';
