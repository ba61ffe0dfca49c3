import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also logs one sent e-mail per organisation. */
const deliveryOf = (org: OrgFixture) => (org as OrgFixture & { delivery: { id: string } }).delivery.id;
const own = (f: NegativeFixture) => ({ deliveryId: deliveryOf(f.own) });
const foreign = (f: NegativeFixture) => ({ deliveryId: deliveryOf(f.other) });

export const notificationsRoutes: RouteTable = {
  module: 'notifications',
  routes: [
    { method: 'GET', path: '/api/me/notification-preferences', roles: 'any' },
    {
      method: 'PATCH',
      path: '/api/me/notification-preferences',
      roles: 'any',
      body: () => ({ weeklySummary: true }),
    },
    { method: 'GET', path: '/api/notifications/deliveries', roles: ['admin'], badQuery: { status: 'lost' } },
    {
      method: 'GET',
      path: '/api/notifications/deliveries/:deliveryId/preview',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'GET',
      path: '/api/notifications/deliveries/:deliveryId/message',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
    },
  ],
};
