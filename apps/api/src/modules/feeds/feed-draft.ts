import { plainText } from '@heimo/content';
import type { FeedItemDraftInput } from '../packs/packs.service';
import type { FeedEntry } from './feed-parser';

/**
 * What a feed item gives its draft pack: its title and summary as single-line plain text, its link
 * and the media stored from it. The packs service cuts the text to the pack's limits.
 */
export function feedItemDraft(
  organisationId: string,
  entry: Pick<FeedEntry, 'title' | 'summary' | 'link'>,
  mediaIds: readonly string[],
): FeedItemDraftInput {
  return {
    organisationId,
    title: plainText(entry.title),
    summary: plainText(entry.summary),
    destinationUrl: entry.link,
    mediaIds,
  };
}
