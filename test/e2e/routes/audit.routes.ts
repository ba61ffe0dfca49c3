import type { RouteTable } from '../../support/negative-cases';

export const auditRoutes: RouteTable = {
  module: 'audit',
  routes: [
    {
      method: 'GET',
      path: '/api/audit-events',
      roles: ['admin'],
      badQuery: { action: 'member.exploded', actorId: '42', limit: 'lots', includeSignIns: 'maybe' },
    },
  ],
};
