import type { RouteTable } from '../../support/negative-cases';

export const membersRoutes: RouteTable = {
  module: 'members',
  routes: [{ method: 'GET', path: '/api/me', roles: 'any' }],
};
