import type { NegativeFixture, RouteTable } from '../../support/negative-cases';

export const validSettingsBody = (f: NegativeFixture) => ({
  version: 1,
  name: f.own.org.name,
  timezone: 'Europe/Helsinki',
  defaultLocale: 'en',
  settings: {
    disclosure: { hashtag: '#ad', required: false },
    blockedTerms: [],
    enabledNetworks: ['linkedin'],
    points: { share: 10, uniqueClick: 2, uniqueClickCapPerShare: 100, trainingPassed: 25 },
    earnedMedia: { currency: 'EUR', rates: [] },
    requiredTrainingModuleIds: [],
    fourEyesApproval: true,
    fanProgrammeOpen: false,
  },
});

export const organisationsRoutes: RouteTable = {
  module: 'organisations',
  routes: [
    { method: 'GET', path: '/api/organisation/settings', roles: ['admin'] },
    { method: 'PUT', path: '/api/organisation/settings', roles: ['admin'], body: validSettingsBody },
    { method: 'GET', path: '/api/organisation/sharing-rules', roles: 'any' },
    { method: 'GET', path: '/api/organisation/fan-programme', roles: ['admin'] },
    {
      method: 'POST',
      path: '/api/organisation/fan-programme',
      roles: ['admin'],
      body: () => ({ open: false }),
    },
    { method: 'POST', path: '/api/organisation/fan-programme/rotate', roles: ['admin'] },
    {
      method: 'GET',
      path: '/api/teams',
      roles: ['admin', 'curator', 'leader'],
      badQuery: { cursor: 'not-a-cursor' },
    },
    { method: 'POST', path: '/api/teams', roles: ['admin'], body: () => ({ name: 'Never Made' }) },
    {
      method: 'PATCH',
      path: '/api/teams/:teamId',
      roles: ['admin'],
      params: (f) => ({ teamId: f.own.team.id }),
      foreignParams: (f) => ({ teamId: f.other.team.id }),
      body: () => ({ name: 'Never Renamed' }),
    },
    {
      method: 'DELETE',
      path: '/api/teams/:teamId',
      roles: ['admin'],
      params: (f) => ({ teamId: f.own.team.id }),
      foreignParams: (f) => ({ teamId: f.other.team.id }),
    },
  ],
};
