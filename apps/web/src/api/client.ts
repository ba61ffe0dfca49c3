// The one way the web talks to the API: openapi-fetch typed by the generated schema, cookies included,
// one silent refresh on 401, and problem+json turned into ApiProblem.
import createClient from 'openapi-fetch';
import { ApiProblem } from './problem';
import type { paths } from './schema';

type Fetch = (request: Request) => Promise<Response>;

/** Routes where a 401 means what it says; refreshing there would loop or hide wrong credentials. */
const routesWithoutRefresh = new Set(['/api/auth/login', '/api/auth/refresh', '/api/auth/logout']);

export interface ApiClientOptions {
  /** Origin of the API; empty means the page's own origin (production and the Vite proxy). */
  baseUrl?: string;
  fetch?: Fetch;
}

export function createApiClient({
  baseUrl = '',
  fetch: send = (request) => globalThis.fetch(request),
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
    return (await refreshSession()) ? send(retry) : response;
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
