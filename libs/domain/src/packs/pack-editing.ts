import type { PackState } from './pack-lifecycle';

/** The fields of a pack a curator may change (`PATCH /api/packs/{id}`); variants count as one field. */
export const PACK_FIELDS = [
  'slug',
  'title',
  'summary',
  'destinationUrl',
  'hashtags',
  'mediaIds',
  'audienceTeamIds',
  'audienceKinds',
  'audienceLocales',
  'allowCaptionEdit',
  'variants',
  'publishAt',
  'expireAt',
] as const;
export type PackField = (typeof PACK_FIELDS)[number];

/**
 * Which fields each state still lets change. Until a pack is published everything may change (a
 * content change to an approved pack sends it back to review, which the API records); a published
 * pack takes only a new expiry; expired and archived packs are final.
 */
const EDITABLE_FIELDS: Readonly<Record<PackState, readonly PackField[]>> = {
  draft: PACK_FIELDS,
  in_review: PACK_FIELDS,
  approved: PACK_FIELDS,
  published: ['expireAt'],
  expired: [],
  archived: [],
};

export function editableFields(state: PackState): readonly PackField[] {
  return EDITABLE_FIELDS[state];
}

export function isFieldEditable(state: PackState, field: string): boolean {
  return (EDITABLE_FIELDS[state] as readonly string[]).includes(field);
}

/** Whether some field of a pack in `state` can still change (an editor shows it as a form). */
export function isPackEditable(state: PackState): boolean {
  return EDITABLE_FIELDS[state].length > 0;
}

/**
 * What an editor says about the state's limits, and the way on: an approved pack goes back to
 * review when its content changes; a published pack takes only a new expiry (archive it and make a
 * new pack to change more); expired and archived packs are final (make a new pack). Null: none.
 */
export type PackEditingNote = 'back_to_review' | 'expiry_only' | 'final';

export function packEditingNote(state: PackState): PackEditingNote | null {
  if (state === 'approved') return 'back_to_review';
  if (state === 'published') return 'expiry_only';
  return isPackEditable(state) ? null : 'final';
}

/** The schedule may move without a new review; any other change to an approved pack needs one. */
const SCHEDULE_FIELDS: readonly PackField[] = ['publishAt', 'expireAt'];

/** Whether saving these changed fields sends a pack in `state` back to review. */
export function sendsBackToReview(state: PackState, changed: readonly PackField[]): boolean {
  return state === 'approved' && changed.some((field) => !SCHEDULE_FIELDS.includes(field));
}
