import type { OrgFixture, RouteTable } from '../../support/negative-cases';

type WithScim = OrgFixture & { scimToken: { id: string }; scimGroup: { id: string } };
const scimTokenOf = (org: OrgFixture) => (org as WithScim).scimToken.id;
const scimGroupOf = (org: OrgFixture) => (org as WithScim).scimGroup.id;

/** Settings → Provisioning: SCIM tokens and the identity provider's groups linked to teams. */
export const scimRoutes: RouteTable = {
  module: 'scim',
  routes: [
    { method: 'GET', path: '/api/scim-tokens', roles: ['admin'] },
    { method: 'POST', path: '/api/scim-tokens', roles: ['admin'], body: () => ({ name: 'Never created' }) },
    {
      method: 'POST',
      path: '/api/scim-tokens/:tokenId/revoke',
      roles: ['admin'],
      params: (f) => ({ tokenId: scimTokenOf(f.own) }),
      foreignParams: (f) => ({ tokenId: scimTokenOf(f.other) }),
    },
    { method: 'GET', path: '/api/scim-groups', roles: ['admin'] },
    {
      method: 'PUT',
      path: '/api/scim-groups/:groupId/team',
      roles: ['admin'],
      params: (f) => ({ groupId: scimGroupOf(f.own) }),
      foreignParams: (f) => ({ groupId: scimGroupOf(f.other) }),
      body: (f) => ({ teamId: f.own.team.id }),
    },
    {
      method: 'POST',
      path: '/api/scim-groups/:groupId/team',
      roles: ['admin'],
      params: (f) => ({ groupId: scimGroupOf(f.own) }),
      foreignParams: (f) => ({ groupId: scimGroupOf(f.other) }),
    },
  ],
};
