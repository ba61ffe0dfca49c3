export type { AuditAction, AuditTargetType } from './actions';
export { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, isAuditAction } from './actions';
