import type { ApiTokenScope, MemberRole } from '@heimo/domain';

/**
 * The member id of a caller that is an API token: the nil UUID, which no member has, so a service
 * reading "the caller's own" row finds none (no own rank, no own team, nobody shown as themselves).
 */
export const NO_MEMBER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Who is calling: set by the global auth guard on every authenticated request. A member signed in
 * with a session, or an organisation API token (`token` set): then `memberId` and `sessionId` are
 * `NO_MEMBER_ID` and `roles` is empty, and only routes marked `@TokenScope` with one of its scopes
 * are reached.
 */
export interface Caller {
  readonly memberId: string;
  readonly organisationId: string;
  readonly sessionId: string;
  readonly roles: readonly MemberRole[];
  /** An admin whose organisation requires two-step sign-in, not turned on yet: only their profile is open. */
  readonly twoStepDue?: boolean;
  /** Set when the caller is an organisation API token rather than a member's session. */
  readonly token?: { readonly id: string; readonly scopes: readonly ApiTokenScope[] };
}
