import type { RouteTable } from '../../support/negative-cases';
import { auditRoutes } from './audit.routes';
import { membersRoutes } from './members.routes';
import { organisationsRoutes } from './organisations.routes';
import { peopleRoutes } from './people.routes';
import { privacyRoutes } from './privacy.routes';
import { profilesRoutes } from './profiles.routes';
import { trainingRoutes } from './training.routes';

/** Every module's table of organisation-scoped routes; the meta-test fails when a route has none. */
export const routeTables: readonly RouteTable[] = [
  membersRoutes,
  organisationsRoutes,
  peopleRoutes,
  auditRoutes,
  privacyRoutes,
  trainingRoutes,
  profilesRoutes,
];
