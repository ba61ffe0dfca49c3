import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** The negative-case fixture gives each organisation's advocate a device (`ctx.newPushDevice`). */
const subscriptionOf = (org: OrgFixture) =>
  (org as OrgFixture & { pushSubscription: { id: string } }).pushSubscription.id;
const own = (f: NegativeFixture) => ({ subscriptionId: subscriptionOf(f.own) });
const foreign = (f: NegativeFixture) => ({ subscriptionId: subscriptionOf(f.other) });

export const pushRoutes: RouteTable = {
  module: 'push',
  routes: [
    { method: 'GET', path: '/api/push/public-key', roles: 'any' },
    { method: 'GET', path: '/api/me/push-subscriptions', roles: 'any' },
    {
      method: 'POST',
      path: '/api/me/push-subscriptions',
      roles: 'any',
      body: () => ({
        endpoint: 'https://push.example.com/never',
        keys: {
          p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url'),
          auth: Buffer.alloc(16, 2).toString('base64url'),
        },
      }),
    },
    {
      method: 'PATCH',
      path: '/api/me/push-subscriptions/:subscriptionId',
      roles: 'any',
      params: own,
      foreignParams: foreign,
      body: () => ({ enabled: false }),
    },
    {
      method: 'DELETE',
      path: '/api/me/push-subscriptions/:subscriptionId',
      roles: 'any',
      params: own,
      foreignParams: foreign,
    },
    { method: 'GET', path: '/api/me/push-settings', roles: 'any' },
    {
      method: 'PATCH',
      path: '/api/me/push-settings',
      roles: 'any',
      body: () => ({ quietHoursStart: '22:00', quietHoursEnd: '07:00' }),
    },
  ],
};
