import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also makes a published module that applies to nobody. */
const moduleOf = (org: OrgFixture) =>
  (org as OrgFixture & { trainingModule: { id: string } }).trainingModule.id;
const own = (f: NegativeFixture) => ({ moduleId: moduleOf(f.own) });
const foreign = (f: NegativeFixture) => ({ moduleId: moduleOf(f.other) });

export const validModuleBody = () => ({
  title: { en: 'Never saved' },
  body: { en: 'Body' },
  quiz: null,
  validityDays: null,
  requiredFor: { kinds: ['employee'], teamIds: [] },
});

export const trainingRoutes: RouteTable = {
  module: 'training',
  routes: [
    {
      method: 'GET',
      path: '/api/training-modules',
      roles: ['curator', 'admin'],
      badQuery: { limit: '101' },
    },
    {
      method: 'POST',
      path: '/api/training-modules',
      roles: ['curator', 'admin'],
      body: () => ({ kind: 'course', ...validModuleBody() }),
    },
    {
      method: 'GET',
      path: '/api/training-modules/:moduleId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'PUT',
      path: '/api/training-modules/:moduleId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ revision: 1, ...validModuleBody() }),
    },
    {
      method: 'POST',
      path: '/api/training-modules/:moduleId/publish',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ material: true, revision: 1 }),
    },
    { method: 'GET', path: '/api/training', roles: 'any' },
    { method: 'GET', path: '/api/training/compliance', roles: ['curator', 'admin'] },
    { method: 'GET', path: '/api/training/compliance.csv', roles: ['curator', 'admin'] },
    { method: 'GET', path: '/api/training/:moduleId', roles: 'any', params: own, foreignParams: foreign },
    {
      method: 'POST',
      path: '/api/training/:moduleId/attempts',
      roles: 'any',
      params: own,
      foreignParams: foreign,
      body: () => ({ answers: [] }),
    },
    {
      method: 'POST',
      path: '/api/training/:moduleId/accept',
      roles: 'any',
      params: own,
      foreignParams: foreign,
      body: () => ({ version: 1 }),
    },
    { method: 'GET', path: '/api/me/readiness', roles: 'any' },
  ],
};
