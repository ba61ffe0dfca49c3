import { api, unwrap } from '../../../api/client';

/** The slice of the API client this needs: a GET by a path the generated document may not name yet. */
interface UntypedGet {
  GET(
    path: string,
    init: { params: { query: Record<string, string> } },
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/**
 * GETs JSON through the one API client (cookies, the silent refresh, problem+json) for routes written
 * from the insights contract before they joined the committed OpenAPI document; `T` is the contract's shape.
 */
export async function getJson<T>(path: string, query: Record<string, string>): Promise<T> {
  const client = api as unknown as UntypedGet;
  return (await unwrap(client.GET(path, { params: { query } }))) as T;
}
