import type { RouteTable } from '../../support/negative-cases';

/** Every signed-in member reads leaderboards (advocates see their own rank, leaders review). */
export const insightsRoutes: RouteTable = {
  module: 'insights',
  routes: [
    { method: 'GET', path: '/api/leaderboards', roles: 'any', badQuery: { limit: '0' } },
    { method: 'GET', path: '/api/leaderboards/teams', roles: 'any', badQuery: { metric: 'likes' } },
    { method: 'GET', path: '/api/me/leaderboard-preference', roles: 'any' },
    { method: 'PUT', path: '/api/me/leaderboard-preference', roles: 'any', body: () => ({ optOut: false }) },
  ],
};
