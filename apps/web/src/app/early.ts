// Requests the page will make anyway, sent by the entry (main.tsx) before React, the router and the
// page's code have arrived, so the feed's data and picture load beside the scripts instead of after
// them. The API client takes such an answer once (`takeEarly`) in place of sending the same GET again.
// Kept free of imports: it is part of the entry, the first and smallest script of every visit.

/** An early answer older than this is not used: the client asks again. */
const FRESH_MS = 10_000;

interface Early {
  readonly sentAt: number;
  readonly response: Promise<Response>;
}

const early = new Map<string, Early>();

const keyOf = (url: URL) => `${url.pathname}${url.search}`;

/** Sends a GET of this origin now (with the session's cookies) for the client to take later. */
export function sendEarly(pathAndQuery: string): Promise<Response> {
  const url = new URL(pathAndQuery, window.location.origin);
  const response = fetch(url, { credentials: 'include' });
  early.set(keyOf(url), { sentAt: Date.now(), response });
  return response;
}

/**
 * The early answer to `request`, once, or undefined: the caller sends the request itself. Only a
 * successful answer is used (anything else is asked again, through the client's refresh and
 * sign-in handling); any other method empties the store, since it may change what a GET answers
 * (signing in or out, a share).
 */
export function takeEarly(request: Request): Promise<Response> | undefined {
  if (request.method !== 'GET') {
    early.clear();
    return undefined;
  }
  const url = new URL(request.url);
  if (url.origin !== window.location.origin) return undefined;
  const key = keyOf(url);
  const found = early.get(key);
  early.delete(key);
  if (!found || Date.now() - found.sentAt > FRESH_MS) return undefined;
  return found.response.then(
    (response) => (response.ok ? response : fetch(request)),
    () => fetch(request),
  );
}
