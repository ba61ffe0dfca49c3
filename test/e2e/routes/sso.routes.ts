import type { OrgFixture, RouteTable } from '../../support/negative-cases';

const domainOf = (org: OrgFixture) => (org as OrgFixture & { ssoDomain: { id: string } }).ssoDomain.id;

export const validSsoBody = () => ({
  issuer: 'https://login.example.com',
  clientId: 'heimo',
  clientSecret: 'never-saved',
  claims: { name: 'name', email: 'email', locale: null, team: null },
  provisioning: { enabled: false, roles: ['advocate'], kind: 'employee' },
  requireSso: false,
  breakGlassMemberIds: [],
});

export const ssoRoutes: RouteTable = {
  module: 'sso',
  routes: [
    { method: 'GET', path: '/api/organisation/sign-in', roles: ['admin'] },
    { method: 'PUT', path: '/api/organisation/sign-in', roles: ['admin'], body: validSsoBody },
    { method: 'DELETE', path: '/api/organisation/sign-in', roles: ['admin'] },
    {
      method: 'POST',
      path: '/api/organisation/sign-in/test',
      roles: ['admin'],
      body: () => ({ issuer: 'https://login.example.com', clientId: 'heimo', clientSecret: 'never-sent' }),
    },
    { method: 'GET', path: '/api/organisation/sign-in/domains', roles: ['admin'] },
    {
      method: 'POST',
      path: '/api/organisation/sign-in/domains',
      roles: ['admin'],
      body: () => ({ domain: 'never-added.example.com' }),
    },
    {
      method: 'POST',
      path: '/api/organisation/sign-in/domains/:domainId/verify',
      roles: ['admin'],
      params: (f) => ({ domainId: domainOf(f.own) }),
      foreignParams: (f) => ({ domainId: domainOf(f.other) }),
    },
    {
      method: 'DELETE',
      path: '/api/organisation/sign-in/domains/:domainId',
      roles: ['admin'],
      params: (f) => ({ domainId: domainOf(f.own) }),
      foreignParams: (f) => ({ domainId: domainOf(f.other) }),
    },
  ],
};
