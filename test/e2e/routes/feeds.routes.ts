import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also makes a switched-off feed source. */
const sourceOf = (org: OrgFixture) => (org as OrgFixture & { feedSource: { id: string } }).feedSource.id;
const own = (f: NegativeFixture) => ({ sourceId: sourceOf(f.own) });
const foreign = (f: NegativeFixture) => ({ sourceId: sourceOf(f.other) });

export const feedsRoutes: RouteTable = {
  module: 'feeds',
  routes: [
    {
      method: 'GET',
      path: '/api/feed-sources',
      roles: ['curator', 'admin'],
      badQuery: { limit: '0' },
    },
    {
      method: 'POST',
      path: '/api/feed-sources',
      roles: ['curator', 'admin'],
      // Never read: every case here is refused before the URL is looked at.
      body: () => ({ url: 'https://blog.example.com/other-feed.xml' }),
    },
    {
      method: 'PATCH',
      path: '/api/feed-sources/:sourceId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ enabled: true }),
    },
    {
      method: 'DELETE',
      path: '/api/feed-sources/:sourceId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'POST',
      path: '/api/feed-sources/:sourceId/fetch',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
    },
  ],
};
