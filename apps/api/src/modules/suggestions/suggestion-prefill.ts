import type { Suggestion } from './entities/suggestion.entity';

/** The text a draft made from a suggestion starts with. */
export interface SuggestionPrefill {
  readonly title: string;
  readonly summary: string;
}

/** What the prefill reads of a link: its preview's title and description (LinkPreviewsService). */
export type ReadLinkPreview = (url: string) => Promise<{ title: string | null; description: string | null }>;

/**
 * Where an accepted suggestion's draft gets its title and summary: the link's preview (Open Graph,
 * Twitter card, oEmbed or the page's own title), else the link's host and the suggester's note. A
 * preview that cannot be read (refused address, timeout, not HTML) only means the fallback; the
 * curator edits both either way.
 */
export async function prefillDraftFromSuggestion(
  suggestion: Pick<Suggestion, 'url' | 'note'>,
  readPreview: ReadLinkPreview,
): Promise<SuggestionPrefill> {
  const host = new URL(suggestion.url).hostname.replace(/^www\./, '');
  const preview = await readPreview(suggestion.url).catch(() => null);
  // PacksService.createDraftFromSuggestion cuts both to the pack's limits.
  return {
    title: preview?.title?.trim() || host,
    summary: preview?.description?.trim() || suggestion.note,
  };
}
