import type { RouteTable } from '../../support/negative-cases';

export const membersRoutes: RouteTable = {
  module: 'members',
  routes: [
    { method: 'GET', path: '/api/me', roles: 'any' },
    { method: 'PUT', path: '/api/me/locale', roles: 'any', body: () => ({ locale: 'en' }) },
    {
      method: 'PUT',
      path: '/api/me/password',
      roles: 'any',
      body: () => ({ currentPassword: 'not-the-password', newPassword: 'a-long-and-unusual-passphrase' }),
    },
  ],
};
