import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also makes a pending suggestion by the advocate. */
const suggestionOf = (org: OrgFixture) => (org as OrgFixture & { suggestion: { id: string } }).suggestion.id;
const own = (f: NegativeFixture) => ({ suggestionId: suggestionOf(f.own) });
const foreign = (f: NegativeFixture) => ({ suggestionId: suggestionOf(f.other) });

export const suggestionsRoutes: RouteTable = {
  module: 'suggestions',
  routes: [
    {
      method: 'POST',
      path: '/api/suggestions',
      roles: 'any',
      body: () => ({ url: 'https://example.com/never', note: 'Never saved' }),
    },
    { method: 'GET', path: '/api/suggestions/mine', roles: 'any' },
    { method: 'GET', path: '/api/suggestions', roles: ['curator'], badQuery: { status: 'lost' } },
    {
      method: 'POST',
      path: '/api/suggestions/:suggestionId/accept',
      roles: ['curator'],
      params: own,
      foreignParams: foreign,
      body: () => ({}),
    },
    {
      method: 'POST',
      path: '/api/suggestions/:suggestionId/decline',
      roles: ['curator'],
      params: own,
      foreignParams: foreign,
      body: () => ({ note: 'Never saved' }),
    },
  ],
};
