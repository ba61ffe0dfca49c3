import type { RouteTable } from '../../support/negative-cases';

export const privacyRoutes: RouteTable = {
  module: 'privacy',
  routes: [
    { method: 'GET', path: '/api/me/export', roles: 'any' },
    {
      method: 'POST',
      path: '/api/people/:memberId/erase',
      roles: ['admin'],
      params: (f) => ({ memberId: f.own.advocate.id }),
      foreignParams: (f) => ({ memberId: f.other.advocate.id }),
    },
  ],
};
