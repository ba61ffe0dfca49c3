import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also gives the advocate a LinkedIn profile. */
const profileOf = (org: OrgFixture) => (org as OrgFixture & { profile: { id: string } }).profile.id;
const own = (f: NegativeFixture) => ({ profileId: profileOf(f.own) });
const foreign = (f: NegativeFixture) => ({ profileId: profileOf(f.other) });

export const profilesRoutes: RouteTable = {
  module: 'profiles',
  routes: [
    { method: 'GET', path: '/api/me/profiles', roles: 'any' },
    {
      method: 'POST',
      path: '/api/me/profiles',
      roles: 'any',
      body: () => ({ network: 'x', handle: '@never', audienceSize: 1 }),
    },
    {
      method: 'PATCH',
      path: '/api/me/profiles/:profileId',
      roles: 'any',
      params: own,
      foreignParams: foreign,
      body: () => ({ audienceSize: 5 }),
    },
    {
      method: 'DELETE',
      path: '/api/me/profiles/:profileId',
      roles: 'any',
      params: own,
      foreignParams: foreign,
    },
  ],
};

/** The admin's side: reported audiences waiting for confirmation. */
export const audienceConfirmationRoutes: RouteTable = {
  module: 'audience-confirmations',
  routes: [
    { method: 'GET', path: '/api/audience-confirmations', roles: ['admin'] },
    {
      method: 'POST',
      path: '/api/audience-confirmations/:profileId',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ audienceSize: 5 }),
    },
  ],
};
