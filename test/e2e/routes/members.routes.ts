import type { RouteTable } from '../../support/negative-cases';

export const membersRoutes: RouteTable = {
  module: 'members',
  routes: [
    { method: 'GET', path: '/api/me', roles: 'any' },
    { method: 'PUT', path: '/api/me/locale', roles: 'any', body: () => ({ locale: 'en' }) },
    { method: 'GET', path: '/api/me/sessions', roles: 'any' },
    { method: 'POST', path: '/api/me/sessions/end-others', roles: 'any' },
    {
      method: 'DELETE',
      path: '/api/me/sessions/:sessionId',
      roles: 'any',
      // Never a session the fixture's agents use: the 404 case (another member's) is in sessions.e2e.
      params: () => ({ sessionId: '00000000-0000-4000-8000-000000000001' }),
      foreignParams: () => ({ sessionId: '00000000-0000-4000-8000-000000000002' }),
    },
    {
      method: 'PUT',
      path: '/api/me/password',
      roles: 'any',
      body: () => ({ currentPassword: 'not-the-password', newPassword: 'a-long-and-unusual-passphrase' }),
    },
  ],
};
