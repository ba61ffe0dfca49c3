import { AuditEvent } from './modules/audit/entities/audit-event.entity';
import { Session } from './modules/auth/entities/session.entity';
import { RefreshToken } from './modules/auth/entities/refresh-token.entity';
import { PasswordReset } from './modules/auth/entities/password-reset.entity';
import { MemberTwoStep, RecoveryCode } from './modules/auth/entities/two-step.entity';
import { ApiToken } from './modules/auth/entities/api-token.entity';
import { FanSignup } from './modules/people/entities/fan-signup.entity';
import { OrganisationSignup } from './modules/people/entities/organisation-signup.entity';
import { SetupToken } from './modules/people/entities/setup-token.entity';
import { ChannelPost } from './modules/channels/entities/channel-post.entity';
import { Channel } from './modules/channels/entities/channel.entity';
import { Suggestion } from './modules/suggestions/entities/suggestion.entity';
import { MastodonApp } from './modules/connections/adapters/mastodon/mastodon-app.entity';
import { FeedItem } from './modules/feeds/entities/feed-item.entity';
import { FeedSource } from './modules/feeds/entities/feed-source.entity';
import { Member } from './modules/members/entities/member.entity';
import { FanProgramme } from './modules/organisations/entities/fan-programme.entity';
import { Organisation } from './modules/organisations/entities/organisation.entity';
import { MediaAsset } from './modules/media/entities/media-asset.entity';
import { Team } from './modules/organisations/entities/team.entity';
import { Pack } from './modules/packs/entities/pack.entity';
import { PackTransition } from './modules/packs/entities/pack-transition.entity';
import { PackVariant } from './modules/packs/entities/pack-variant.entity';
import { Invitation } from './modules/people/entities/invitation.entity';
import { ProfileAudienceHistory } from './modules/profiles/entities/profile-audience-history.entity';
import { SocialProfile } from './modules/profiles/entities/social-profile.entity';
import { ConnectedAccount } from './modules/connections/entities/connected-account.entity';
import { ConnectionOauthState } from './modules/connections/entities/connection-oauth-state.entity';
import { EngagementSnapshot } from './modules/connections/entities/engagement-snapshot.entity';
import { ShareVerification } from './modules/connections/entities/share-verification.entity';
import { NotificationDelivery } from './modules/notifications/entities/notification-delivery.entity';
import { NotificationPreference } from './modules/notifications/entities/notification-preference.entity';
import { ClickEvent } from './modules/sharing/entities/click-event.entity';
import { DailyStat } from './modules/sharing/entities/daily-stat.entity';
import { PackDailyStat } from './modules/sharing/entities/pack-daily-stat.entity';
import { Share } from './modules/sharing/entities/share.entity';
import { ShareNetworkDay } from './modules/sharing/entities/share-network-day.entity';
import { PushSubscription } from './modules/push/entities/push-subscription.entity';
import { ShareReservation } from './modules/sharing/entities/share-reservation.entity';
import { TrainingCompletion } from './modules/training/entities/training-completion.entity';
import { TrainingModule } from './modules/training/entities/training-module.entity';
import { WebhookDelivery } from './modules/webhooks/entities/webhook-delivery.entity';
import { WebhookEndpoint } from './modules/webhooks/entities/webhook-endpoint.entity';
import { SsoDomain } from './modules/sso/entities/sso-domain.entity';
import { SsoIdentity } from './modules/sso/entities/sso-identity.entity';
import { SsoProvider } from './modules/sso/entities/sso-provider.entity';

/**
 * Every entity, listed once: Nest, the migration runner and the drift check read this list. It names
 * every module, so it sits beside the app module rather than in infra.
 */
export const entities = [
  Organisation,
  Team,
  Member,
  Session,
  RefreshToken,
  PasswordReset,
  MemberTwoStep,
  RecoveryCode,
  ApiToken,
  FanSignup,
  SetupToken,
  OrganisationSignup,
  FanProgramme,
  Invitation,
  AuditEvent,
  TrainingModule,
  TrainingCompletion,
  SocialProfile,
  NotificationPreference,
  NotificationDelivery,
  ProfileAudienceHistory,
  MediaAsset,
  Pack,
  PackVariant,
  PackTransition,
  Share,
  ClickEvent,
  DailyStat,
  PackDailyStat,
  ShareNetworkDay,
  ShareReservation,
  PushSubscription,
  FeedSource,
  FeedItem,
  WebhookEndpoint,
  WebhookDelivery,
  Channel,
  ChannelPost,
  SsoProvider,
  SsoDomain,
  SsoIdentity,
  Suggestion,
  MastodonApp,
  ConnectedAccount,
  ConnectionOauthState,
  ShareVerification,
  EngagementSnapshot,
];
