/** The member kinds (as members store them) that the suggestion rules tell apart. */
export type MemberKindForSuggestions = 'employee' | 'fan';

/** A suggestion's state: waiting for a curator, or decided once (accepted into a draft, or declined). */
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** The note a member writes with a suggested link, at most (characters). */
export const MAX_SUGGESTION_NOTE_LENGTH = 500;
/** The note a curator writes with a decision (the suggester reads it), at most (characters). */
export const MAX_SUGGESTION_DECISION_NOTE_LENGTH = 500;

/** Suggestions one member may make per day (the organisation's day), unless the organisation says otherwise. */
export const DEFAULT_DAILY_SUGGESTIONS = 5;
export const MIN_DAILY_SUGGESTIONS = 1;
export const MAX_DAILY_SUGGESTIONS = 100;

/** Points the suggester earns when a curator accepts a suggestion, unless the organisation says otherwise. */
export const DEFAULT_SUGGESTION_ACCEPTED_POINTS = 15;

/** Employees always may suggest; fans only when the organisation lets them (`fanSuggestions`). */
export function maySuggest(kind: MemberKindForSuggestions, fanSuggestions: boolean): boolean {
  return kind === 'employee' || fanSuggestions;
}

/** A pending suggestion is decided once; a decided one answers 409 to a second decision. */
export function isSuggestionDecided(status: SuggestionStatus): boolean {
  return status !== 'pending';
}
