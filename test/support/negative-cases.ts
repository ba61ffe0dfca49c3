import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import request from 'supertest';
import { IS_PUBLIC } from '../../apps/api/src/infra/http/access.decorators';
import { ROLES, type Member, type Role } from '../../apps/api/src/modules/members/entities/member.entity';
import type { Organisation } from '../../apps/api/src/modules/organisations/entities/organisation.entity';
import type { Team } from '../../apps/api/src/modules/organisations/entities/team.entity';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OrgFixture {
  readonly org: Organisation;
  readonly team: Team;
  readonly admin: Member;
  readonly curator: Member;
  readonly leader: Member;
  readonly advocate: Member;
}

/** Two organisations, and the first one's members signed in by role. */
export interface NegativeFixture {
  readonly baseUrl: string;
  readonly own: OrgFixture;
  readonly other: OrgFixture;
  readonly agents: Readonly<Record<Role, request.Agent>>;
}

/** One organisation-scoped route of a module, and what a valid call looks like. */
export interface RouteEntry {
  readonly method: HttpMethod;
  /** Express form, as in the controllers: `/api/people/:memberId`. */
  readonly path: string;
  /** Roles that may call it; `any` for every signed-in member (no 403 case then). */
  readonly roles: readonly Role[] | 'any';
  /** Valid ids of the caller's own organisation for each `:param`. */
  readonly params?: (fixture: NegativeFixture) => Record<string, string>;
  /** Ids that exist, but in another organisation: the call must answer 404. Required with `:params`. */
  readonly foreignParams?: (fixture: NegativeFixture) => Record<string, string>;
  /** A valid body; the generator adds an unknown field to it for the 400 case. */
  readonly body?: (fixture: NegativeFixture) => Record<string, unknown>;
  /** A malformed query string for list routes (`{ limit: '0' }`). */
  readonly badQuery?: Record<string, string>;
}

/** One table per module. */
export interface RouteTable {
  readonly module: string;
  readonly routes: readonly RouteEntry[];
}

export interface AppRoute {
  readonly method: HttpMethod;
  /** OpenAPI form: `/api/people/{memberId}`. */
  readonly path: string;
  readonly isPublic: boolean;
}

export const pathParams = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const routeKey = (method: string, openApiPath: string) => `${method.toUpperCase()} ${openApiPath}`;

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

/**
 * Every route the running app serves, from its OpenAPI document, with whether it is @Public()
 * (read from the controller metadata the global guard reads, not from the document).
 */
export function listRoutes(app: INestApplication, document: { paths: Record<string, object> }): AppRoute[] {
  const reflector = new Reflector();
  const publicByOperation = new Map<string, boolean>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true;
        publicByOperation.set(`${controller.name.replace(/Controller$/, '')}_${name}`, isPublic);
      }
    }
  }
  const routes: AppRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(
      operations as Record<string, { operationId?: string }>,
    )) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      routes.push({
        method: method.toUpperCase() as HttpMethod,
        path,
        // A route the metadata does not explain counts as scoped: it must then have an entry.
        isPublic: publicByOperation.get(operation.operationId ?? '') ?? false,
      });
    }
  }
  return routes;
}

/** Routes that need a session but appear in no module's table: each one is a missing negative table entry. */
export function routesWithoutEntry(routes: readonly AppRoute[], tables: readonly RouteTable[]): AppRoute[] {
  const covered = new Set(
    tables.flatMap((table) => table.routes.map((route) => routeKey(route.method, toOpenApiPath(route.path)))),
  );
  return routes.filter((route) => !route.isPublic && !covered.has(routeKey(route.method, route.path)));
}

/** Table entries that match no route of the app (renamed or removed routes). */
export function entriesWithoutRoute(routes: readonly AppRoute[], tables: readonly RouteTable[]): string[] {
  const served = new Set(routes.map((route) => routeKey(route.method, route.path)));
  return tables
    .flatMap((table) => table.routes.map((route) => routeKey(route.method, toOpenApiPath(route.path))))
    .filter((key) => !served.has(key));
}

function send(
  agent: request.Agent | ReturnType<typeof request>,
  method: HttpMethod,
  path: string,
  body?: Record<string, unknown>,
) {
  const call = agent[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
  return body ? call.send(body) : call;
}

function expectProblem(res: request.Response, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code: expect.any(String), requestId: expect.any(String) });
}

/**
 * For every route of the table: 401 without a session; 403 for a role lacking permission; 404 for
 * another organisation's ids; 400 for each malformed id, a body with an unknown field and a
 * malformed query. `fixture` is read when the tests run (build it in `beforeAll`).
 */
export function describeNegativeCases(table: RouteTable, fixture: () => NegativeFixture): void {
  describe(`${table.module}: negative cases`, () => {
    for (const route of table.routes) {
      const label = `${route.method} ${route.path}`;
      const names = pathParams(route.path);
      const ownPath = (f: NegativeFixture, overrides: Record<string, string> = {}) =>
        fillPath(route.path, { ...(route.params?.(f) ?? {}), ...overrides });
      const allowed = (f: NegativeFixture) => f.agents[route.roles === 'any' ? 'advocate' : route.roles[0]!];
      if (names.length && (!route.params || !route.foreignParams)) {
        throw new Error(`${label}: a route with ids needs params and foreignParams in its table entry`);
      }

      it(`${label} answers 401 without a session`, async () => {
        const f = fixture();
        const res = await send(request(f.baseUrl), route.method, ownPath(f), route.body?.(f));
        expectProblem(res, 401);
        expect(res.body.code).toBe('auth.unauthenticated');
      });

      const denied = route.roles === 'any' ? undefined : ROLES.find((role) => !route.roles.includes(role));
      if (denied) {
        it(`${label} answers 403 to a ${denied}`, async () => {
          const f = fixture();
          const res = await send(f.agents[denied], route.method, ownPath(f), route.body?.(f));
          expectProblem(res, 403);
          expect(res.body.code).toBe('auth.forbidden');
        });
      }

      if (names.length) {
        it(`${label} answers 404 for another organisation's ${names.join(', ')}`, async () => {
          const f = fixture();
          const path = fillPath(route.path, route.foreignParams!(f));
          const res = await send(allowed(f), route.method, path, route.body?.(f));
          expectProblem(res, 404);
        });

        for (const name of names) {
          it(`${label} answers 400 naming a malformed ${name}`, async () => {
            const f = fixture();
            const res = await send(
              allowed(f),
              route.method,
              ownPath(f, { [name]: 'not-a-uuid' }),
              route.body?.(f),
            );
            expectProblem(res, 400);
            expect(res.body.errors).toEqual(
              expect.arrayContaining([expect.objectContaining({ field: name })]),
            );
          });
        }
      }

      if (route.body) {
        it(`${label} answers 400 naming an unknown body field`, async () => {
          const f = fixture();
          const res = await send(allowed(f), route.method, ownPath(f), {
            ...route.body!(f),
            unexpectedField: 1,
          });
          expectProblem(res, 400);
          expect(res.body.errors).toEqual(
            expect.arrayContaining([
              { field: 'unexpectedField', code: 'validation.unknown_field', message: expect.any(String) },
            ]),
          );
        });
      }

      if (route.badQuery) {
        const query = route.badQuery;
        it(`${label} answers 400 naming a malformed query (${Object.keys(query).join(', ')})`, async () => {
          const f = fixture();
          const res = await send(allowed(f), route.method, ownPath(f)).query(query);
          expectProblem(res, 400);
          const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
          expect(fields).toEqual(expect.arrayContaining(Object.keys(query)));
        });
      }
    }
  });
}
