import type { RouteTable } from '../../support/negative-cases';

/** `:network` is a network id: a well-formed unknown one is the "other organisation's" 404 case. */
const own = () => ({ network: 'bluesky' });
const foreign = () => ({ network: 'myspace' });

export const connectionsRoutes: RouteTable = {
  module: 'connections',
  routes: [
    { method: 'GET', path: '/api/me/connections', roles: 'any' },
    {
      method: 'POST',
      path: '/api/me/connections/:network',
      roles: ['advocate'],
      params: own,
      foreignParams: foreign,
      body: () => ({ identifier: 'never.bsky.test', appPassword: 'never-used' }),
    },
    {
      method: 'POST',
      path: '/api/me/connections/:network/authorize',
      roles: ['advocate'],
      params: own,
      foreignParams: foreign,
      body: () => ({ server: 'https://social.example' }),
    },
    {
      method: 'GET',
      path: '/api/me/connections/:network/callback',
      roles: ['advocate'],
      params: own,
      foreignParams: foreign,
      badQuery: { code: '' },
    },
    {
      method: 'DELETE',
      path: '/api/me/connections/:network',
      roles: 'any',
      params: own,
      foreignParams: foreign,
    },
  ],
};
