import type { RouteTable } from '../../support/negative-cases';
import { apiTokensRoutes } from './api-tokens.routes';
import { auditRoutes } from './audit.routes';
import { channelsRoutes } from './channels.routes';
import { connectionsRoutes } from './connections.routes';
import { feedsRoutes } from './feeds.routes';
import { insightsRoutes } from './insights.routes';
import { linkPreviewsRoutes } from './link-previews.routes';
import { mediaRoutes } from './media.routes';
import { membersRoutes } from './members.routes';
import { notificationsRoutes } from './notifications.routes';
import { organisationsRoutes } from './organisations.routes';
import { packsRoutes } from './packs.routes';
import { peopleRoutes } from './people.routes';
import { privacyRoutes } from './privacy.routes';
import { pushRoutes } from './push.routes';
import { audienceConfirmationRoutes, profilesRoutes } from './profiles.routes';
import { scimRoutes } from './scim.routes';
import { sharingRoutes } from './sharing.routes';
import { ssoRoutes } from './sso.routes';
import { suggestionsRoutes } from './suggestions.routes';
import { trainingRoutes } from './training.routes';
import { webhooksRoutes } from './webhooks.routes';

/** Every module's table of organisation-scoped routes; the meta-test fails when a route has none. */
export const routeTables: readonly RouteTable[] = [
  membersRoutes,
  organisationsRoutes,
  peopleRoutes,
  auditRoutes,
  privacyRoutes,
  trainingRoutes,
  profilesRoutes,
  audienceConfirmationRoutes,
  mediaRoutes,
  linkPreviewsRoutes,
  packsRoutes,
  feedsRoutes,
  sharingRoutes,
  insightsRoutes,
  notificationsRoutes,
  webhooksRoutes,
  channelsRoutes,
  ssoRoutes,
  apiTokensRoutes,
  suggestionsRoutes,
  scimRoutes,
  pushRoutes,
  connectionsRoutes,
];
