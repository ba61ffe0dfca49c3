import { isFieldEditable } from './pack-editing';
import type { PackState } from './pack-lifecycle';

/** The most days one calendar request covers: a month view of six weeks fits with room. */
export const PACK_CALENDAR_MAX_DAYS = 62;

/**
 * What a calendar entry marks: a pack due to publish (`publishAt` of a pack not yet published), one
 * that was published (`publishedAt`), or the end of a pack's time in the feed (`expireAt`).
 */
export const PACK_CALENDAR_KINDS = ['scheduled', 'published', 'expiring'] as const;
export type PackCalendarKind = (typeof PACK_CALENDAR_KINDS)[number];

/** The states whose `publishAt` is still ahead of them: they appear as `scheduled`. */
export const PACK_SCHEDULED_STATES: readonly PackState[] = ['draft', 'in_review', 'approved'];
/** The states whose `expireAt` the calendar shows (archived packs left the feed already). */
export const PACK_EXPIRING_STATES: readonly PackState[] = [
  'draft',
  'in_review',
  'approved',
  'published',
  'expired',
];

/**
 * The schedule field that moving an entry changes, or null when the pack's state does not let it
 * move: a scheduled entry moves `publishAt`, an expiring one `expireAt` (also of a published pack),
 * a published entry is history. The API decides again on save (`PATCH /api/packs/{id}`).
 */
export function calendarMoveField(state: PackState, kind: PackCalendarKind): 'publishAt' | 'expireAt' | null {
  const field = kind === 'scheduled' ? 'publishAt' : kind === 'expiring' ? 'expireAt' : null;
  if (!field || state === 'expired') return null;
  return isFieldEditable(state, field) ? field : null;
}
