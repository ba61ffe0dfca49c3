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
    { method: 'GET', path: '/api/me/two-step', roles: 'any' },
    {
      method: 'POST',
      path: '/api/me/two-step',
      roles: 'any',
      body: () => ({ password: 'not-the-password' }),
    },
    { method: 'POST', path: '/api/me/two-step/confirm', roles: 'any', body: () => ({ code: '123456' }) },
    {
      method: 'POST',
      path: '/api/me/two-step/recovery-codes',
      roles: 'any',
      body: () => ({ code: '123456' }),
    },
    {
      method: 'DELETE',
      path: '/api/me/two-step',
      roles: 'any',
      body: () => ({ password: 'not-the-password', code: '123456' }),
    },
  ],
};
