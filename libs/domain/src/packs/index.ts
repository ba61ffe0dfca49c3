export type {
  MemberRole,
  PackAction,
  PackActor,
  PackState,
  PackTransitionCode,
  PackTransitionContext,
  PackTransitionDecision,
} from './pack-lifecycle';
export {
  MEMBER_ROLES,
  PACK_ACTIONS,
  PACK_COMMENT_MAX_LENGTH,
  PACK_STATES,
  availablePackActions,
  canTransition,
  isPackAction,
  isPackShareable,
  isPackState,
} from './pack-lifecycle';
export type { PackField } from './pack-editing';
export { PACK_FIELDS, editableFields, isFieldEditable, isPackEditable } from './pack-editing';
