import type { RouteTable } from '../../support/negative-cases';

/**
 * Every signed-in member reads leaderboards and their own impact (advocates see their own rank,
 * leaders review); the dashboard is for leaders.
 */
export const insightsRoutes: RouteTable = {
  module: 'insights',
  routes: [
    { method: 'GET', path: '/api/leaderboards', roles: 'any', badQuery: { limit: '0' } },
    { method: 'GET', path: '/api/leaderboards/teams', roles: 'any', badQuery: { metric: 'likes' } },
    { method: 'GET', path: '/api/me/leaderboard-preference', roles: 'any' },
    { method: 'PUT', path: '/api/me/leaderboard-preference', roles: 'any', body: () => ({ optOut: false }) },
    { method: 'GET', path: '/api/me/impact', roles: 'any', badQuery: { period: 'decade' } },
    { method: 'GET', path: '/api/leaderboards.csv', roles: 'any', badQuery: { limit: '10' } },
    { method: 'GET', path: '/api/leaderboards/teams.csv', roles: 'any', badQuery: { metric: 'likes' } },
    { method: 'GET', path: '/api/me/shares.csv', roles: 'any' },
    { method: 'GET', path: '/api/insights/dashboard', roles: ['leader'], badQuery: { period: 'decade' } },
    { method: 'GET', path: '/api/insights/dashboard.csv', roles: ['leader'], badQuery: { table: 'members' } },
  ],
};
