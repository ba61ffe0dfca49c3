import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` makes a draft pack: a share of it is refused, so even a passing check writes nothing. */
const packOf = (org: OrgFixture) => (org as OrgFixture & { pack: { id: string } }).pack.id;

/** `ctx.newOrg()` makes an expired reservation of its advocate: confirming it is refused. */
const reservationOf = (org: OrgFixture) =>
  (org as OrgFixture & { reservation: { id: string } }).reservation.id;
const ownReservation = (f: NegativeFixture) => ({ reservationId: reservationOf(f.own) });
const foreignReservation = (f: NegativeFixture) => ({ reservationId: reservationOf(f.other) });

/** `/r/{code}` is public (and has its own tests in redirect.e2e.spec.ts). */
export const sharingRoutes: RouteTable = {
  module: 'sharing',
  routes: [
    { method: 'GET', path: '/api/me/shares', roles: 'any', badQuery: { limit: '0' } },
    { method: 'GET', path: '/api/feed', roles: ['advocate'], badQuery: { limit: '0' } },
    {
      method: 'POST',
      path: '/api/shares',
      roles: ['advocate'],
      body: (f: NegativeFixture) => ({ packId: packOf(f.own), network: 'linkedin' }),
    },
    {
      method: 'POST',
      path: '/api/shares/reservations',
      roles: ['advocate'],
      body: (f: NegativeFixture) => ({ packId: packOf(f.own), network: 'linkedin' }),
    },
    {
      method: 'POST',
      path: '/api/shares/reservations/:reservationId/confirm',
      roles: ['advocate'],
      params: ownReservation,
      foreignParams: foreignReservation,
    },
    {
      method: 'DELETE',
      path: '/api/shares/reservations/:reservationId',
      roles: ['advocate'],
      params: ownReservation,
      foreignParams: foreignReservation,
    },
  ],
};
