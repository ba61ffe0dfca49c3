// Names for the pack shapes the studio uses, taken from the generated document so they follow the API.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Pack = Schemas['PackDto'];
export type PackSummary = Schemas['PackSummaryDto'];
export type PackPage = Schemas['PackPageDto'];
export type PackVariant = Schemas['PackVariantDto'];
export type PackTransition = Schemas['PackTransitionDto'];
export type CreatePackBody = Schemas['CreatePackDto'];
export type UpdatePackBody = Schemas['UpdatePackDto'];
export type PackState = Pack['status'];
export type PackAction = Pack['availableActions'][number];

/** The list's tabs, review queue first (issue #5). */
export const STUDIO_TABS = ['in_review', 'draft', 'approved', 'published', 'expired', 'archived'] as const;
export type PackCalendar = Schemas['PackCalendarDto'];
export type PackCalendarEntry = Schemas['PackCalendarEntryDto'];
