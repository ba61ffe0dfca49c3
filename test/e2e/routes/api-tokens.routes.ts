import type { OrgFixture, RouteTable } from '../../support/negative-cases';

const tokenOf = (org: OrgFixture) => (org as OrgFixture & { apiToken: { id: string } }).apiToken.id;

export const apiTokensRoutes: RouteTable = {
  module: 'api-tokens',
  routes: [
    { method: 'GET', path: '/api/api-tokens', roles: ['admin'] },
    {
      method: 'POST',
      path: '/api/api-tokens',
      roles: ['admin'],
      body: () => ({
        name: 'Never created',
        scopes: ['insights:read'],
        expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
      }),
    },
    {
      method: 'POST',
      path: '/api/api-tokens/:tokenId/revoke',
      roles: ['admin'],
      params: (f) => ({ tokenId: tokenOf(f.own) }),
      foreignParams: (f) => ({ tokenId: tokenOf(f.other) }),
    },
  ],
};
