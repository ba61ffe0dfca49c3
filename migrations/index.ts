import { Initial1795425602988 } from './1795425602988-initial';
import { PeopleOrganisationsAccess1795426337990 } from './1795426337990-people-organisations-access';
import { TrainingAndProfiles1795432782259 } from './1795432782259-training-and-profiles';
import { Packs1795436100575 } from './1795436100575-packs';
import { Media1795436286107 } from './1795436286107-media';
import { Feeds1795436800219 } from './1795436800219-feeds';
import { SharingAndClicks1795441702629 } from './1795441702629-sharing-and-clicks';
import { FeedAndShareIdempotency1795450785598 } from './1795450785598-feed-and-share-idempotency';
import { Notifications1795450959692 } from './1795450959692-notifications';
import { PackDailyStats1795459409908 } from './1795459409908-pack-daily-stats';
import { TrainingPoints1795463400000 } from './1795463400000-training-points';
import { ReviewAlerts1795470000000 } from './1795470000000-review-alerts';
import { DisclosurePerMemberKind1795470000001 } from './1795470000001-disclosure-per-member-kind';
import { MediaAltText1796643118957 } from './1796643118957-media-alt-text';
import { SessionDevice1796700000000 } from './1796700000000-session-device';
import { PasswordResets1796700000001 } from './1796700000001-password-resets';
import { FanSignups1796700000002 } from './1796700000002-fan-signups';
import { SetupTokens1796800000001 } from './1796800000001-setup-tokens';
import { TwoStep1796800000002 } from './1796800000002-two-step';
import { ShareCreditAndAudiences1796800000004 } from './1796800000004-share-credit-and-audiences';
import { ClickNetworkAnomalies1796800000005 } from './1796800000005-click-network-anomalies';
import { TrainingPointsOncePerModule1796800000006 } from './1796800000006-training-points-once-per-module';
import { OrganisationSignups1796800000007 } from './1796800000007-organisation-signups';
import { ClickRetention1796800000008 } from './1796800000008-click-retention';
import { PeriodStats1796800000009 } from './1796800000009-period-stats';
import { SingleSignOn1796900000001 } from './1796900000001-single-sign-on';
import { DashboardRollups1796900000002 } from './1796900000002-dashboard-rollups';
import { Webhooks1796900000003 } from './1796900000003-webhooks';
import { ApiTokens1796900000004 } from './1796900000004-api-tokens';
import { ChatChannels1796900000005 } from './1796900000005-chat-channels';
import { ShareReservations1797000000040 } from './1797000000040-share-reservations';
import { PushSubscriptions1797000000050 } from './1797000000050-push-subscriptions';
import { MemberCounters1797000000090 } from './1797000000090-member-counters';
import { ConnectedAccounts1797000000100 } from './1797000000100-connected-accounts';
import { MastodonApps1797000000120 } from './1797000000120-mastodon-apps';
import { ShareDayCounts1797000000130 } from './1797000000130-share-day-counts';
import { VerifiedMetrics1797000000140 } from './1797000000140-verified-metrics';
import { TeamPeriodStats1797000000141 } from './1797000000141-team-period-stats';
import { SharePosts1797000000150 } from './1797000000150-share-posts';
import { Suggestions1797000000030 } from './1797000000030-suggestions';
import { ScimProvisioning1797000000001 } from './1797000000001-scim-provisioning';
import type { MigrationInterface } from 'typeorm';

// Migrations in the order they apply. A landed migration is never edited: add a new file.
export const migrations: (new () => MigrationInterface)[] = [
  Initial1795425602988,
  PeopleOrganisationsAccess1795426337990,
  TrainingAndProfiles1795432782259,
  Packs1795436100575,
  Media1795436286107,
  Feeds1795436800219,
  SharingAndClicks1795441702629,
  FeedAndShareIdempotency1795450785598,
  Notifications1795450959692,
  PackDailyStats1795459409908,
  TrainingPoints1795463400000,
  ReviewAlerts1795470000000,
  DisclosurePerMemberKind1795470000001,
  MediaAltText1796643118957,
  SessionDevice1796700000000,
  PasswordResets1796700000001,
  FanSignups1796700000002,
  SetupTokens1796800000001,
  TwoStep1796800000002,
  ShareCreditAndAudiences1796800000004,
  ClickNetworkAnomalies1796800000005,
  TrainingPointsOncePerModule1796800000006,
  OrganisationSignups1796800000007,
  ClickRetention1796800000008,
  PeriodStats1796800000009,
  SingleSignOn1796900000001,
  DashboardRollups1796900000002,
  Webhooks1796900000003,
  ApiTokens1796900000004,
  ChatChannels1796900000005,
  ScimProvisioning1797000000001,
  Suggestions1797000000030,
  ShareReservations1797000000040,
  PushSubscriptions1797000000050,
  MemberCounters1797000000090,
  ConnectedAccounts1797000000100,
  MastodonApps1797000000120,
  ShareDayCounts1797000000130,
  VerifiedMetrics1797000000140,
  TeamPeriodStats1797000000141,
  SharePosts1797000000150,
];
