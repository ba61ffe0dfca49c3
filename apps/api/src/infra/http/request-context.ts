import { AsyncLocalStorage } from 'node:async_hooks';
import type { MemberKind, MemberRole } from '@heimo/domain';

/**
 * What the auth guard's one query read of the signed-in member and their organisation: the rows as
 * they were when this request was checked. Services of the same request read them here instead of
 * asking the database again (`callerSnapshot`); nothing outlives the request, so a change made
 * through any process applies from the next request on, with nothing to invalidate. Only requests
 * that change nothing (GET, HEAD) read it: a request that writes may change these very rows and
 * then read them back, so it always asks the database.
 */
export interface CallerSnapshot {
  readonly organisationId: string;
  readonly memberId: string;
  readonly member: {
    readonly email: string;
    readonly name: string;
    readonly kind: MemberKind;
    readonly teamId: string | null;
    readonly locale: string;
    readonly roles: readonly MemberRole[];
    readonly twoStepEnabled: boolean;
  };
  readonly organisation: {
    readonly name: string;
    readonly slug: string;
    readonly defaultLocale: string;
    readonly timezone: string;
    /** As stored (`organisations.settings`), before the defaults are merged in. */
    readonly settings: unknown;
  };
  /** A reading of the settings made once per request (the organisations module keeps its merged settings here). */
  merged?: unknown;
}

interface RequestContext {
  readonly requestId: string;
  /** GET or HEAD: the caller's snapshot may be read. */
  readonly reads: boolean;
  snapshot?: CallerSnapshot;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Serves `next` (the rest of the request) with a context of its own. */
export function runInRequestContext(requestId: string, method: string, next: () => void): void {
  storage.run({ requestId, reads: method === 'GET' || method === 'HEAD' }, next);
}

/** The id of the request being served, so audit events carry it without every call passing it on. */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Kept for the rest of the request by the auth guard (for a GET or HEAD). */
export function keepCallerSnapshot(snapshot: CallerSnapshot): void {
  const context = storage.getStore();
  if (context?.reads) context.snapshot = snapshot;
}

/**
 * The snapshot of this request's caller when they are this member of this organisation (absent
 * outside a request, in a request that writes, for an API token, or for anyone else).
 */
export function callerSnapshot(organisationId: string, memberId?: string): CallerSnapshot | undefined {
  const snapshot = storage.getStore()?.snapshot;
  if (!snapshot || snapshot.organisationId !== organisationId) return undefined;
  if (memberId !== undefined && snapshot.memberId !== memberId) return undefined;
  return snapshot;
}
