import type { RouteTable } from '../../support/negative-cases';

export const peopleRoutes: RouteTable = {
  module: 'people',
  routes: [
    {
      method: 'GET',
      path: '/api/people',
      roles: ['admin'],
      badQuery: { limit: '0', role: 'root', teamId: 'sales' },
    },
    {
      method: 'GET',
      path: '/api/people/:memberId',
      roles: ['admin'],
      params: (f) => ({ memberId: f.own.advocate.id }),
      foreignParams: (f) => ({ memberId: f.other.advocate.id }),
    },
    {
      method: 'PATCH',
      path: '/api/people/:memberId',
      roles: ['admin'],
      params: (f) => ({ memberId: f.own.advocate.id }),
      foreignParams: (f) => ({ memberId: f.other.advocate.id }),
      body: () => ({ version: 1, status: 'deactivated' }),
    },
    {
      method: 'POST',
      path: '/api/people/:memberId/sessions/end',
      roles: ['admin'],
      params: (f) => ({ memberId: f.own.advocate.id }),
      foreignParams: (f) => ({ memberId: f.other.advocate.id }),
    },
    {
      method: 'POST',
      path: '/api/people/:memberId/two-step/reset',
      roles: ['admin'],
      params: (f) => ({ memberId: f.own.advocate.id }),
      foreignParams: (f) => ({ memberId: f.other.advocate.id }),
    },
    {
      method: 'POST',
      path: '/api/people/:memberId/password-reset',
      roles: ['admin'],
      params: (f) => ({ memberId: f.own.advocate.id }),
      foreignParams: (f) => ({ memberId: f.other.advocate.id }),
    },
    {
      method: 'POST',
      path: '/api/people/invitations',
      roles: ['admin'],
      body: () => ({ email: 'never-invited@example.test', roles: ['advocate'] }),
    },
  ],
};
