import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also makes a draft pack (test/support/packs.ts). */
const packOf = (org: OrgFixture) => (org as OrgFixture & { pack: { id: string } }).pack.id;
const own = (f: NegativeFixture) => ({ packId: packOf(f.own) });
const foreign = (f: NegativeFixture) => ({ packId: packOf(f.other) });

export const validPackBody = () => ({
  title: 'Never saved',
  destinationUrl: 'https://example.com/never',
  variants: [{ network: 'linkedin', locale: 'en', captionTemplate: 'Read this {{link}}' }],
});

export const packsRoutes: RouteTable = {
  module: 'packs',
  routes: [
    { method: 'GET', path: '/api/packs', roles: ['curator', 'admin'], badQuery: { status: 'lost' } },
    {
      method: 'GET',
      path: '/api/packs/calendar',
      roles: ['curator', 'admin'],
      badQuery: { from: '2026-02-30', to: 'tomorrow', network: 'myspace', team: 'sales' },
    },
    { method: 'POST', path: '/api/packs', roles: ['curator'], body: validPackBody },
    {
      method: 'GET',
      path: '/api/packs/:packId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'PATCH',
      path: '/api/packs/:packId',
      roles: ['curator'],
      params: own,
      foreignParams: foreign,
      // A stale version: even if a check let it through, nothing would be written.
      body: () => ({ version: 999, title: 'Never saved' }),
    },
    {
      method: 'POST',
      path: '/api/packs/:packId/duplicate',
      roles: ['curator'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'POST',
      path: '/api/packs/:packId/transitions',
      roles: ['curator'],
      params: own,
      foreignParams: foreign,
      body: () => ({ action: 'submit', version: 999 }),
    },
  ],
};
