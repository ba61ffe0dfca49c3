import type { MediaKind } from '../../media/entities/media-asset.entity';
import { mediaPath } from '../../media/media-path';
import type { MediaRefDto } from './feed.dto';

/** A media asset as the feed and the share command show it (read by `FeedRepository.mediaAssets`). */
export interface MediaAssetRow {
  id: string;
  kind: MediaKind;
  mimeType: string;
  width: number | null;
  height: number | null;
  altText: string;
}

/**
 * The assets by id, each with its address relative to the app (`/media/<id>`): the web client loads it
 * from wherever it is opened. What leaves Heimo makes it absolute with `absoluteMediaUrl`.
 */
export function toMediaRefs(rows: readonly MediaAssetRow[]): Map<string, MediaRefDto> {
  return new Map(rows.map((row) => [row.id, { ...row, url: mediaPath(row.id) }]));
}

/** A media ref's address on the public URL, for share intents and e-mails. */
export function absoluteMediaUrl(publicUrl: string, ref: Pick<MediaRefDto, 'url'>): string {
  return `${publicUrl}${ref.url}`;
}

/** The refs of `ids` in their order, skipping any that no longer exist. */
export function pickMedia(refs: ReadonlyMap<string, MediaRefDto>, ids: readonly string[]): MediaRefDto[] {
  return ids.flatMap((id) => {
    const ref = refs.get(id);
    return ref ? [ref] : [];
  });
}
