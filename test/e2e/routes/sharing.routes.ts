import type { RouteTable } from '../../support/negative-cases';

/** `/r/{code}` is public (and has its own tests in redirect.e2e.spec.ts). */
export const sharingRoutes: RouteTable = {
  module: 'sharing',
  routes: [{ method: 'GET', path: '/api/me/shares', roles: 'any', badQuery: { limit: '0' } }],
};
