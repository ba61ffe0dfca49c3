import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also makes a switched-off webhook endpoint with one logged delivery. */
const fixtureOf = (org: OrgFixture) =>
  org as OrgFixture & { webhook: { id: string }; webhookDelivery: { id: string } };
const own = (f: NegativeFixture) => ({ endpointId: fixtureOf(f.own).webhook.id });
const foreign = (f: NegativeFixture) => ({ endpointId: fixtureOf(f.other).webhook.id });

export const webhooksRoutes: RouteTable = {
  module: 'webhooks',
  routes: [
    { method: 'GET', path: '/api/webhooks', roles: ['admin'], badQuery: { limit: '0' } },
    {
      method: 'POST',
      path: '/api/webhooks',
      roles: ['admin'],
      body: () => ({ url: 'https://hooks.example.com/other', events: ['pack.published'] }),
    },
    {
      method: 'PATCH',
      path: '/api/webhooks/:endpointId',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ description: 'Renamed' }),
    },
    {
      method: 'DELETE',
      path: '/api/webhooks/:endpointId',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'POST',
      path: '/api/webhooks/:endpointId/rotate-secret',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ overlapHours: 1 }),
    },
    {
      method: 'GET',
      path: '/api/webhooks/:endpointId/deliveries',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
      badQuery: { limit: '0' },
    },
    {
      method: 'POST',
      path: '/api/webhooks/:endpointId/deliveries/:deliveryId/redeliver',
      roles: ['admin'],
      params: (f) => ({
        endpointId: fixtureOf(f.own).webhook.id,
        deliveryId: fixtureOf(f.own).webhookDelivery.id,
      }),
      foreignParams: (f) => ({
        endpointId: fixtureOf(f.other).webhook.id,
        deliveryId: fixtureOf(f.other).webhookDelivery.id,
      }),
    },
  ],
};
