export type { AuditAction, AuditTargetType } from './actions';
export { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, SIGN_IN_ACTIONS, isAuditAction, isSignInAction } from './actions';
