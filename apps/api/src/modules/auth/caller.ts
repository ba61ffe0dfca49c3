import type { Role } from '../members/entities/member.entity';

/** Who is calling: set by the global auth guard on every authenticated request. */
export interface Caller {
  readonly memberId: string;
  readonly organisationId: string;
  readonly sessionId: string;
  readonly roles: readonly Role[];
}
