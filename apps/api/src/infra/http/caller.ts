import type { MemberRole } from '@heimo/domain';

/** Who is calling: set by the global auth guard on every authenticated request. */
export interface Caller {
  readonly memberId: string;
  readonly organisationId: string;
  readonly sessionId: string;
  readonly roles: readonly MemberRole[];
  /** An admin whose organisation requires two-step sign-in, not turned on yet: only their profile is open. */
  readonly twoStepDue?: boolean;
}
