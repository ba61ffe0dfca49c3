import type { Suggestion } from './entities/suggestion.entity';

/** The text a draft made from a suggestion starts with. */
export interface SuggestionPrefill {
  readonly title: string;
  readonly summary: string;
}

/**
 * Where an accepted suggestion's draft gets its title and summary: the one place to read the
 * link's preview (Open Graph title and description) once the link-preview service exists. Until
 * then the title is the link's host and the summary the suggester's note; the curator edits both.
 * Async and given the suggestion whole, so that change stays inside this function.
 */
export async function prefillDraftFromSuggestion(
  suggestion: Pick<Suggestion, 'url' | 'note'>,
): Promise<SuggestionPrefill> {
  const host = new URL(suggestion.url).hostname.replace(/^www\./, '');
  return { title: host, summary: suggestion.note };
}
