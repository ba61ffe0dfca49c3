// The one way the web talks to the API: openapi-fetch typed by the generated schema, cookies included,
// one silent refresh on 401, then signing in again in place, and problem+json turned into ApiProblem.
import createClient from 'openapi-fetch';
import { takeEarly } from '../app/early';
import { noteFreshness } from '../app/offline';
import { ApiProblem } from './problem';
import type { paths } from './schema';

type Fetch = (request: Request) => Promise<Response>;

/** Routes where a 401 means what it says; refreshing there would loop or hide wrong credentials. */
const routesWithoutRefresh = new Set([
  '/api/auth/login',
  '/api/auth/login/two-step',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/auth/sso/logout',
]);

/**
 * Asked when a request meets a 401 that the refresh could not cure: resolves true once the person
 * has signed in again (the request is then sent again, so the page carries on), false to let the 401
 * through. Concurrent requests may call it together; it answers them all at once.
 */
export type SessionLostHandler = () => Promise<boolean>;

let sessionLostHandler: SessionLostHandler | null = null;

/**
 * Lets a signed-in page sign the person in again in place when their session ends (the shell's
 * sign-in dialog). Returns the function that stops it; with none, a lost session is a plain 401.
 */
export function onSessionLost(handler: SessionLostHandler): () => void {
  sessionLostHandler = handler;
  return () => {
    if (sessionLostHandler === handler) sessionLostHandler = null;
  };
}

export interface ApiClientOptions {
  /** Origin of the API; empty means the page's own origin (production and the Vite proxy). */
  baseUrl?: string;
  fetch?: Fetch;
  /** Defaults to the handler given to `onSessionLost`. */
  whenSessionLost?: SessionLostHandler;
}

export function createApiClient({
  baseUrl = '',
  // A GET the entry sent before the app had loaded (app/early.ts) is answered by that request.
  fetch: send = (request) => (takeEarly(request) ?? globalThis.fetch(request)).then(noteFreshness),
  whenSessionLost = () => sessionLostHandler?.() ?? Promise.resolve(false),
}: ApiClientOptions = {}) {
  const sessionClient = createClient<paths>({ baseUrl, credentials: 'include', fetch: send });

  // Concurrent 401s share one refresh so the rotating refresh cookie is used once.
  let refreshing: Promise<boolean> | null = null;
  const refreshSession = (): Promise<boolean> => {
    refreshing ??= sessionClient
      .POST('/api/auth/refresh')
      .then(
        ({ response }) => response.ok,
        () => false,
      )
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  const sendWithRefresh: Fetch = async (request) => {
    const retry = request.clone(); // the body of the first attempt is consumed by sending it
    const response = await send(request);
    if (response.status !== 401 || routesWithoutRefresh.has(new URL(request.url).pathname)) return response;
    if (await refreshSession()) return send(retry);
    // The session is over; the person may sign in again without leaving the page.
    return (await whenSessionLost().catch(() => false)) ? send(retry) : response;
  };

  return createClient<paths>({ baseUrl, credentials: 'include', fetch: sendWithRefresh });
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api: ApiClient = createApiClient();

interface ApiResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiProblem. */
export async function unwrap<D>(call: Promise<ApiResult<D>>): Promise<D> {
  let result: ApiResult<D>;
  try {
    result = await call;
  } catch (cause) {
    // fetch rejects with a TypeError when the network is down; anything else is an unreadable answer.
    throw cause instanceof TypeError ? ApiProblem.network(cause) : cause;
  }
  if (!result.response.ok) throw ApiProblem.fromResponse(result.error, result.response);
  return result.data as D;
}
