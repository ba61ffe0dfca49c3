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
    title: singleLine(entry.title),
    summary: singleLine(entry.summary),
    destinationUrl: entry.link,
    mediaIds,
  };
}

/** No control or format characters, single spaces, NFC. */
function singleLine(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFC');
}
