// The installed app's side of the service worker (apps/web/service-worker.js): registering it, telling
// the page when an answer came from its cache (offline, and how old), offering a new version, and
// forgetting what it cached of the member on sign-out.
import { useSyncExternalStore } from 'react';

/** The service worker's cache of the feed's and My impact's answers (see service-worker.js). */
const DATA_CACHE = 'heimo-data';
/** The header the service worker puts on an answer it gives from its cache: when it was fetched. */
const CACHED_AT = 'X-Heimo-Cached-At';

interface OfflineState {
  /** When the answers shown were fetched, while the page reads them from the cache; else null. */
  readonly asOf: Date | null;
  /** A new version is installed and waits for the page to let it take over. */
  readonly update: ServiceWorker | null;
}

let state: OfflineState = { asOf: null, update: null };
const listeners = new Set<() => void>();

function set(next: Partial<OfflineState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOfflineState(): OfflineState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Notes whether `response` came from the service worker's cache; returns it unchanged. */
export function noteFreshness(response: Response): Response {
  const cachedAt = response.headers.get(CACHED_AT);
  if (cachedAt) {
    const asOf = new Date(cachedAt);
    // The oldest answer on the page tells how old the page is.
    if (!Number.isNaN(asOf.getTime()) && (!state.asOf || asOf < state.asOf)) set({ asOf });
  } else if (state.asOf) {
    set({ asOf: null });
  }
  return response;
}

/** Forgets every cached answer of the member (on sign-out): the next one to sign in here sees none. */
export async function clearOfflineData(): Promise<void> {
  set({ asOf: null });
  if (typeof caches === 'undefined') return;
  await caches.delete(DATA_CACHE).catch(() => false);
}

/** Offers `worker`, a new version installed and waiting, to the page (see serviceWorker.ts). */
export function offerUpdate(worker: ServiceWorker): void {
  set({ update: worker });
}
