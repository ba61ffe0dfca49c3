export type {
  MemberRole,
  PackAction,
  PackActor,
  PackState,
  PackTransitionCode,
  PackTransitionContext,
  PackTransitionDecision,
  UnavailablePackAction,
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
  packActionChoices,
} from './pack-lifecycle';
export type { PackEditingNote, PackField } from './pack-editing';
export {
  PACK_FIELDS,
  editableFields,
  isFieldEditable,
  isPackEditable,
  packEditingNote,
  sendsBackToReview,
} from './pack-editing';
export type { PackCalendarKind } from './pack-calendar';
export {
  PACK_CALENDAR_KINDS,
  PACK_CALENDAR_MAX_DAYS,
  PACK_EXPIRING_STATES,
  PACK_SCHEDULED_STATES,
  calendarMoveField,
} from './pack-calendar';
