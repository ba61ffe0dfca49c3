import request from 'supertest';
import {
  type AppRoute,
  describeNegativeCases,
  entriesWithoutRoute,
  listRoutes,
  type NegativeFixture,
  routesWithoutEntry,
} from '../support/negative-cases';
import { useTestServer } from '../support/use-test-server';
import { routeTables } from './routes';

describe('organisation-scoped routes', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let fixture: NegativeFixture;
  let before: unknown;
  let otherBefore: unknown;

  beforeAll(async () => {
    const own = await ctx.newOrg('Own');
    const other = await ctx.newOrg('Other');
    // For the routes that take a push subscription id: a device of each organisation's advocate.
    Object.assign(own, { pushSubscription: await ctx.newPushDevice(own.advocate) });
    Object.assign(other, { pushSubscription: await ctx.newPushDevice(other.advocate) });
    const [admin, curator, leader, advocate] = await Promise.all(
      [own.admin, own.curator, own.leader, own.advocate].map((member) => ctx.signIn(member)),
    );
    fixture = {
      baseUrl: server.baseUrl,
      own,
      other,
      agents: { admin: admin!, curator: curator!, leader: leader!, advocate: advocate! },
    };
    before = await ctx.orgState(own.org.id);
    otherBefore = await ctx.orgState(other.org.id);
  });

  for (const table of routeTables) describeNegativeCases(table, () => fixture);

  it('changed nothing in either organisation while refusing all of the above', async () => {
    // Signing in writes audit events; everything else must be exactly as before.
    expect(await ctx.orgState(fixture.own.org.id)).toEqual(before);
    expect(await ctx.orgState(fixture.other.org.id)).toEqual(otherBefore);
  });

  describe('meta', () => {
    let routes: AppRoute[];

    beforeAll(async () => {
      const document = (await request(server.baseUrl).get('/api/openapi.json')).body as {
        paths: Record<string, object>;
      };
      routes = listRoutes(server.app, document);
    });

    it('finds the app’s routes and tells public ones apart', () => {
      const publicKeys = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
      expect(publicKeys).toEqual(
        expect.arrayContaining([
          'POST /api/auth/login',
          'GET /healthz',
          'POST /api/invitations/accept',
          'GET /api/join/{code}',
          'POST /api/join/confirm',
        ]),
      );
      expect(routes.find((r) => r.path === '/api/people/{memberId}' && r.method === 'PATCH')?.isPublic).toBe(
        false,
      );
    });

    it('every route that needs a session has a negative-table entry', () => {
      expect(routesWithoutEntry(routes, routeTables)).toEqual([]);
    });

    it('every table entry is a route the app serves', () => {
      expect(entriesWithoutRoute(routes, routeTables)).toEqual([]);
    });

    it('would fail for a new scoped route without an entry, and ignore a new public one', () => {
      const extra: AppRoute[] = [
        { method: 'DELETE', path: '/api/packs/{packId}', isPublic: false },
        { method: 'GET', path: '/r/{code}', isPublic: true },
      ];
      expect(routesWithoutEntry([...routes, ...extra], routeTables)).toEqual([extra[0]]);
    });
  });
});
